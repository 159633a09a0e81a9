// A document validated as it is typed says what validating the repo says once that text is
// saved: its own checks and its consistency with the rest (the overlay reuses the document's
// parse for discovery, so a large file is read once per keystroke, with the same result).

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import { validateDocument, validateRepo } from '../../../src/check/validateRepo';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

const EDITS: [file: string, from: string, to: string][] = [
  // A weak default password (lint) and an unresolvable address (discovery).
  ['roles/gitea_api/defaults/main.yml', 'gitea_ip_address: 172.16.10.60', 'gitea_ip_address: "{{ lookup(\'x\') }}"\ngitea_admin_password: admin'],
  // A role that does not exist, and a broken line.
  ['playbooks/gitea-deploy.yml', '- role: gitea_api', '- role: gitea_apii'],
  ['roles/gitea_api/defaults/main.yml', 'gitea_hostname: gitea', 'gitea_hostname: [gitea'],
];

const place = (finding: Finding): string => `${finding.ruleId} ${finding.line}:${finding.column ?? 0} ${finding.message}`;

describe('validateDocument (as typed) agrees with validateRepo (as saved)', () => {
  for (const [file, from, to] of EDITS) {
    test(`${file}: ${to}`, async () => {
      const root = await copyRepo(EXAMPLE_REPO);
      const before = await loadRepoForValidation(root);
      const context = validateRepo(before, before.cache);
      const original = await fs.readFile(path.join(root, file), 'utf8');
      assert.ok(original.includes(from));
      const edited = original.replace(from, to);
      const typed = validateDocument(file, edited, context).map(place);

      await fs.writeFile(path.join(root, file), edited);
      const after = await loadRepoForValidation(root);
      const saved = validateRepo(after, after.cache).findings.filter((finding) => finding.file === file).map(place);
      assert.deepEqual(typed, saved);
      assert.notDeepEqual(typed, context.findings.filter((finding) => finding.file === file).map(place), 'the edit changes nothing');
    });
  }
});
