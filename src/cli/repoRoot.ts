// Finds the infrastructure repo the CLI works on: --repo, or the nearest folder at or above
// the current one that has certify.yml, services/ or playbooks/. A current folder that no
// longer exists is said to be gone, not searched from; a --repo that does not exist is a usage
// error naming it (a typo, not a folder that lacks the markers).

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayText } from '../core/displayText';
import { CliError, EXIT } from './exitCodes';
import { isMissing } from './missingPath';
import { REPO_MARKERS } from '../repo/layout';

const MARKERS_TEXT = 'certify.yml, services/ or playbooks/';

export async function findRepoRoot(start: string, explicit?: string): Promise<string> {
  if (explicit !== undefined) {
    const root = path.resolve(start, explicit);
    if (await isMissing(root, true)) throw new CliError(EXIT.usage, `--repo ${displayText(root)} does not exist.`);
    if (!(await isRepo(root))) {
      throw new CliError(EXIT.notFound, `${root} is not an infrastructure repo: it has no ${MARKERS_TEXT}.`);
    }
    return root;
  }
  let dir = path.resolve(start);
  if (!(await exists(dir))) {
    // Walking up from a folder that was deleted would land on whatever repo is above it.
    throw new CliError(EXIT.notFound, `The current folder ${dir} no longer exists (it was deleted or moved). cd into your repo, or pass --repo DIR.`);
  }
  for (;;) {
    if (await isRepo(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CliError(
    EXIT.notFound,
    `No infrastructure repo at or above ${path.resolve(start)}: Certify looks for ${MARKERS_TEXT}. ` +
      'Run it inside your repo or pass --repo DIR.',
  );
}

async function isRepo(dir: string): Promise<boolean> {
  const found = await Promise.all(REPO_MARKERS.map((marker) => exists(path.join(dir, marker))));
  return found.some(Boolean);
}

/** Anything that cannot be looked at (missing, no permission) is not there for finding a repo. */
async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
