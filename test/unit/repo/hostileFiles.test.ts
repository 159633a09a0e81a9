// Every repo file is checked before it is read: special files, links out of the repo, dangling
// links and loops, folders in a file's place, oversized files and bytes that are not UTF-8 each
// give one finding and never a hang or unbounded memory; links inside the repo are followed as
// Ansible follows them. Async reads and the worker give the same results. Each test has a
// deadline, so a read that blocks shows as a failure, not a hung run.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { validateRepo } from '../../../src/check/validateRepo';
import type { Finding } from '../../../src/core/findings';
import { readChecked } from '../../../src/repo/checkedRead';
import { readRepoFile, readRepoFiles, type FileChoices, type ReadMode, type ReadOptions } from '../../../src/repo/files';
import { readInWorker, type FileResult } from '../../../src/repo/filesWorker';
import { discoverRepo, loadRepoForValidation } from '../../../src/repo/loadRepo';
import { RepoIndex } from '../../../src/repo/repoIndex';
import { RepoPaths } from '../../../src/repo/repoPaths';
import { readRepoSnapshot, type RepoSnapshot } from '../../../src/repo/snapshot';
import { MAX_YAML_BYTES } from '../../../src/yaml/parse';
import { buildRepo, notUtf8, OUTSIDE_TEXT, oversized } from './hostileRepo';

const DEADLINE = { timeout: 20_000 };
const MODES: ReadMode[] = ['async', 'worker'];

/** Another folder, with files a link may lead to: outside the repo, readable, and never to be read. */
function outsideFolder(): Promise<string> {
  return buildRepo({ 'secret.yml': OUTSIDE_TEXT, 'roles/outside_role/defaults/main.yml': OUTSIDE_TEXT });
}

/** One repo with every hostile case discovery meets, and a service reached only through links. */
async function hostileRepo(): Promise<string> {
  const outside = await outsideFolder();
  return buildRepo({
    'certify.yml': { fifo: true },
    'inventory/hosts.yml': { link: '/dev/zero' },
    'services/fifo.yml': { fifo: true },
    'services/socket.yml': { socket: true },
    'services/zero.yml': { link: '/dev/zero' },
    'services/big.yml': oversized(),
    'services/latin.yml': notUtf8('name: latin\ndescription: "caf', '"\n'),
    'services/folder.yml': { folder: true },
    'services/linked.yml': { link: '../shared/linked.yml' },
    'services/out.yml': { link: path.join(outside, 'secret.yml') },
    'services/dangling.yml': { link: 'nowhere.yml' },
    'services/loop.yml': { link: 'loop.yml' },
    'shared/linked.yml': 'name: linked\ncontainer_id: 170\n',
    'shared/linked-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - linked_role\n',
    'shared/roles/linked_role/defaults/main.yml': 'linked_container_id: 170\nlinked_ip_address: "{{ network_prefix }}.70"\n',
    'shared/roles/linked_role/tasks/main.yml': '- name: noop\n  ansible.builtin.debug:\n    msg: ok\n',
    'shared/vars.yml': 'network_prefix: 10.1.2\n',
    'playbooks/linked-deploy.yml': { link: '../shared/linked-deploy.yml' },
    'roles/linked_role': { link: '../shared/roles/linked_role' },
    'roles/outside_role': { link: path.join(outside, 'roles/outside_role') },
    'roles/loop_role': { link: 'loop_role' },
    'roles/zero_role/defaults/main.yml': { link: '/dev/zero' },
    'roles/latin_role/defaults/main.yml': notUtf8('latin_port: 1\nlatin_hostname: "caf', '"\n'),
    'group_vars/all/linked.yml': { link: '../../shared/vars.yml' },
    'group_vars/all/fifo.yml': { fifo: true },
  });
}

/** What each hostile path is reported as: one finding each, nothing else. */
const HOSTILE_FINDINGS = [
  'certify.yml file-not-regular',
  'group_vars/all/fifo.yml file-not-regular',
  'inventory/hosts.yml link-outside-repo',
  'roles/latin_role/defaults/main.yml file-not-utf8',
  'roles/loop_role link-broken',
  'roles/outside_role link-outside-repo',
  'roles/zero_role/defaults/main.yml link-outside-repo',
  'services/big.yml yaml-too-large',
  'services/dangling.yml link-broken',
  'services/fifo.yml file-not-regular',
  'services/folder.yml file-not-regular',
  'services/latin.yml file-not-utf8',
  'services/loop.yml link-broken',
  'services/out.yml link-outside-repo',
  'services/socket.yml file-not-regular',
  'services/zero.yml link-outside-repo',
];

const brief = (finding: Finding): string => `${finding.file} ${finding.ruleId}`;
const briefs = (findings: readonly Finding[]): string[] => findings.map(brief).sort();

/** A snapshot as plain data in a stable order (async reads finish in any order). */
function plain(snapshot: RepoSnapshot): unknown {
  const order = (a: Finding, b: Finding): number => brief(a).localeCompare(brief(b));
  return { ...snapshot, texts: [...snapshot.texts].sort(([a], [b]) => a.localeCompare(b)), readFindings: [...snapshot.readFindings].sort(order) };
}

describe('hostile repo files', () => {
  test('discovery reports each hostile file once, reads nothing outside the repo, and follows links inside it', DEADLINE, async () => {
    const root = await hostileRepo();
    for (const mode of MODES) {
      const snapshot = await readRepoSnapshot(root, { mode });
      assert.deepEqual(briefs(snapshot.readFindings), HOSTILE_FINDINGS, mode);
      assert.deepEqual([...snapshot.texts.keys()].sort(), ['group_vars/all/linked.yml', 'playbooks/linked-deploy.yml', 'roles/linked_role/defaults/main.yml', 'services/linked.yml'], mode);
      assert.deepEqual(snapshot.roleDirs, ['latin_role', 'linked_role', 'zero_role'], mode);
      for (const text of snapshot.texts.values()) assert.ok(!text.includes('outside_secret') && !text.includes('\uFFFD'), mode);
    }
    const model = await discoverRepo(root);
    const linked = model.services.find((service) => service.name === 'linked');
    assert.deepEqual(linked?.roles.map((role) => role.name), ['linked_role']);
    // The role's defaults and group_vars both came through links: the template resolves.
    const ip = linked?.facts.ipAddress;
    assert.equal(ip?.kind === 'known' ? ip.value : ip, '10.1.2.70');
  });

  test('links inside the repo are followed as Ansible follows them: a definition, a deploy playbook, a role folder, group_vars', DEADLINE, async () => {
    const root = await buildRepo({
      'shared/web.yml': 'name: web\ncontainer_id: 171\n',
      'shared/web-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - web_role\n',
      'shared/roles/web_role/defaults/main.yml': 'web_container_id: 171\nweb_ip_address: "{{ network_prefix }}.71"\n',
      'shared/roles/web_role/tasks/main.yml': '- name: noop\n  ansible.builtin.debug:\n    msg: ok\n',
      'shared/vars.yml': 'network_prefix: 10.1.3\n',
      'services/web.yml': { link: '../shared/web.yml' },
      'playbooks/web-deploy.yml': { link: '../shared/web-deploy.yml' },
      'roles/web_role': { link: '../shared/roles/web_role' },
      'group_vars/all': { link: '../shared' },
    });
    for (const mode of MODES) {
      const snapshot = await readRepoSnapshot(root, { mode });
      assert.deepEqual(snapshot.readFindings, [], mode);
      assert.deepEqual([...snapshot.texts.keys()].sort(), ['group_vars/all/vars.yml', 'group_vars/all/web-deploy.yml', 'group_vars/all/web.yml', 'playbooks/web-deploy.yml', 'roles/web_role/defaults/main.yml', 'services/web.yml'], mode);
    }
    const repo = await loadRepoForValidation(root);
    const web = repo.model.services.find((service) => service.name === 'web');
    assert.equal(web?.deployPlaybook, 'playbooks/web-deploy.yml');
    assert.deepEqual(web?.roles.map((role) => role.name), ['web_role']);
    const ip = web?.facts.ipAddress;
    assert.equal(ip?.kind === 'known' ? ip.value : ip, '10.1.3.71');
    assert.deepEqual(validateRepo(repo, repo.cache).findings.filter((finding) => finding.ruleId === 'missing-role'), []);
  });

  test('async reads and the worker give the same snapshot of a hostile repo', DEADLINE, async () => {
    const root = await hostileRepo();
    const [alone, worker] = await Promise.all(MODES.map((mode) => readRepoSnapshot(root, { mode })));
    assert.deepEqual(plain(worker), plain(alone));
  });

  test('validation reports each hostile file once, and no missing-role for a role folder linked inside the repo', DEADLINE, async () => {
    const root = await hostileRepo();
    const repo = await loadRepoForValidation(root);
    const { findings } = validateRepo(repo, repo.cache);
    const read = findings.filter((finding) => HOSTILE_FINDINGS.some((expected) => expected.endsWith(` ${finding.ruleId}`)));
    assert.deepEqual(briefs(read), HOSTILE_FINDINGS);
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'missing-role'),
      [],
    );
    assert.ok(repo.texts.has('roles/linked_role/tasks/main.yml'), 'a linked role folder is listed like any other');
  });

  test('a worker that stops part-way loses nothing and reports nothing twice on a hostile repo', DEADLINE, async () => {
    const root = await hostileRepo();
    const choices: FileChoices = [
      ['certify.yml', 'certify.yaml'],
      'services/linked.yml',
      'roles/outside_role/defaults/main.yml',
      ['roles/outside_role/defaults/main.yml', 'roles/outside_role/defaults/main.yaml'],
      'services/zero.yml',
      'services/loop.yml',
      'services/latin.yml',
      'services/fifo.yml',
      'services/socket.yml',
      'services/big.yml',
      'services/folder.yml',
    ];
    const read = async (options: ReadOptions) => {
      const texts = new Map<string, string>();
      const findings: Finding[] = [];
      await readRepoFiles(root, choices, texts, findings, options);
      return { texts: [...texts].sort(), findings: [...findings].sort((a, b) => brief(a).localeCompare(brief(b))) };
    };
    const expected = await read({ mode: 'async' });
    assert.deepEqual(expected.texts.map(([file]) => file), ['services/linked.yml']);
    assert.equal(expected.findings.length, choices.length - 2, 'the two reads through one link outside report it once');
    assert.deepEqual(await read({ mode: 'worker' }), expected);
    for (const deliveredBeforeFailing of [1, 3, 4, choices.length - 1]) {
      const failing: typeof readInWorker = async (workerRoot, lists, limits, deliver) => {
        const results: [number, FileResult][] = [];
        assert.equal(await readInWorker(workerRoot, lists.slice(0, deliveredBeforeFailing), limits, (i, result) => results.push([i, result])), true);
        for (const [i, result] of results.reverse()) deliver(i, result);
        return false;
      };
      assert.deepEqual(await read({ mode: 'worker', readInWorker: failing }), expected, `${deliveredBeforeFailing} delivered`);
    }
  });

  test('the finding for bytes that are not UTF-8 names the byte and its line, in both ways of reading', DEADLINE, async () => {
    const root = await buildRepo({ 'services/latin.yml': notUtf8('name: latin\ndescription: "caf', '"\n'), 'services/end.yml': Buffer.from([0x61, 0x0a, 0xe2, 0x82]) });
    for (const mode of MODES) {
      const findings: Finding[] = [];
      await readRepoFiles(root, ['services/latin.yml', 'services/end.yml'], new Map(), findings, { mode });
      const latin = findings.find((finding) => finding.file === 'services/latin.yml');
      assert.equal(latin?.line, 2, mode);
      assert.match(latin?.message ?? '', /^Byte 29 \(line 2\) is not UTF-8.*save it as UTF-8\.$/, mode);
      // A file that ends inside a character: its last byte is named.
      assert.match(findings.find((finding) => finding.file === 'services/end.yml')?.message ?? '', /^Byte 3 \(line 2\)/, mode);
    }
  });

  test('a file whose size says nothing of its content (procfs) is read in full, not by its claimed size', DEADLINE, async () => {
    // /proc/self/cmdline is a regular file of size 0 that holds this process's command line.
    const texts = await Promise.all(
      MODES.map(async (mode) => {
        const read = new Map<string, string>();
        const findings: Finding[] = [];
        await readRepoFiles('/proc/self', ['cmdline'], read, findings, { mode });
        assert.deepEqual(findings, [], mode);
        return read.get('cmdline');
      }),
    );
    const expected = readFileSync('/proc/self/cmdline', 'utf8');
    assert.ok(expected.length > 0);
    assert.deepEqual(texts, [expected, expected]);
  });

  test('a file swapped after it was listed (for a FIFO, a link, a folder) is checked on the open descriptor, without blocking', DEADLINE, async () => {
    const root = await buildRepo({ 'services/fifo.yml': 'a: 1\n', 'services/link.yml': 'b: 2\n', 'services/folder.yml': 'c: 3\n', 'shared/target.yml': 'target: 1\n' });
    const swapped = ['services/fifo.yml', 'services/link.yml', 'services/folder.yml'];
    const paths = new RepoPaths(root);
    assert.deepEqual((await paths.list('services')).files.sort(), ['fifo.yml', 'folder.yml', 'link.yml']);
    const hints = paths.hints(swapped);
    assert.deepEqual(hints.files.sort(), [...swapped].sort(), 'the listing saw three regular files');
    // Swapped behind the listing's back: open must neither block on the FIFO nor trust the listing.
    for (const file of swapped) await fs.rm(path.join(root, file), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'services/fifo.yml')]);
    await fs.symlink('../shared/target.yml', path.join(root, 'services/link.yml'));
    await fs.mkdir(path.join(root, 'services/folder.yml'));
    const expected = [
      ['services/fifo.yml', 'refused', 'not-regular'],
      ['services/link.yml', 'text', 'target: 1\n'],
      ['services/folder.yml', 'refused', 'not-regular'],
    ];
    const viaAsync = await Promise.all(swapped.map(async (file) => [file, await readChecked(paths, file)] as const));
    assert.deepEqual(viaAsync.map(([file, outcome]) => [file, outcome.kind, outcome.kind === 'text' ? outcome.text : outcome.kind === 'refused' ? outcome.problem.reason : '']), expected);
    const viaWorker: [string, FileResult][] = [];
    assert.equal(await readInWorker(root, swapped.map((file) => [file]), { maxBytes: MAX_YAML_BYTES, hints }, (i, result) => viaWorker.push([swapped[i], result])), true);
    assert.deepEqual(viaWorker.map(([file, result]) => [file, result.kind, result.kind === 'text' ? result.text : result.kind === 'refused' ? result.problem.reason : '']), expected);
  });

  test('reading one file (the editor re-reads a changed file) refuses a FIFO and a link to /dev/zero at once', DEADLINE, async () => {
    const root = await buildRepo({ 'services/fifo.yml': { fifo: true }, 'services/zero.yml': { link: '/dev/zero' } });
    const findings: Finding[] = [];
    const texts = new Map<string, string>();
    assert.equal(await readRepoFile(root, 'services/fifo.yml', texts, findings), 'failed');
    assert.equal(await readRepoFile(root, 'services/zero.yml', texts, findings), 'failed');
    assert.deepEqual(briefs(findings), ['services/fifo.yml file-not-regular', 'services/zero.yml link-outside-repo']);
    assert.match(findings[0].message, /This is a FIFO, not a regular file/);
    assert.match(findings[1].message, /outside the repo \(\/dev\/zero\)/);
  });

  test('the live index takes note of changes to hostile files without blocking, and re-reads through links', DEADLINE, async () => {
    const root = await hostileRepo();
    const index = await RepoIndex.open(root);
    for (const file of ['certify.yml', 'inventory/hosts.yml', 'services/fifo.yml', 'roles/zero_role/defaults/main.yml', 'services/linked.yml', 'roles/linked_role/defaults/main.yml']) {
      assert.equal(await index.fileChanged(file), true, file);
    }
    assert.deepEqual(briefs(index.files.readFindings), HOSTILE_FINDINGS);
    assert.ok(index.model.services.some((service) => service.name === 'linked'));
  });
});
