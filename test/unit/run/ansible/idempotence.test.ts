// Step 3's judgement of a second run, from the results document alone: what passes, what
// never does, and the one line a person reads.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { NO_RESULTS_PROBLEM } from '../../../../src/run/ansible/ansibleResult';
import { judgeIdempotence, summarisePlaybook } from '../../../../src/run/ansible/idempotence';
import { changedTask, failedTask, hostStats, readOk } from './resultFixtures';

describe('judgeIdempotence', () => {
  test('no changes passes', () => {
    assert.deepEqual(judgeIdempotence(readOk()), { passed: true, changed: 0, changedTasks: [], summary: 'no changes (ok=12 on pve01)' });
  });

  test('changes fail, naming the tasks once each, handlers marked', () => {
    const read = readOk({
      stats: { pve01: hostStats({ changed: 3 }) },
      changed: [changedTask('Template config'), changedTask('Restart notes', { handler: true }), changedTask('Ensure packages', { role: null, items: 4 })],
    });
    const verdict = judgeIdempotence(read);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.changed, 3);
    assert.deepEqual(verdict.changedTasks, ['notes_api : Template config', 'notes_api : Restart notes (handler)', 'Ensure packages']);
    assert.equal(verdict.summary, 'changed=3: notes_api : Template config, notes_api : Restart notes (handler), Ensure packages');
    assert.equal(verdict.problem, verdict.summary);
  });

  test('names five tasks, then says how many more', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const verdict = judgeIdempotence(readOk({ stats: { pve01: hostStats({ changed: 7 }) }, changed: names.map((name) => changedTask(name, { role: null })) }));
    assert.equal(verdict.summary, 'changed=7: a, b, c, d, e and 2 more');
    assert.deepEqual(verdict.changedTasks, names);
  });

  test('allowedChanges tolerates that many changes and no more', () => {
    const read = readOk({ stats: { pve01: hostStats({ changed: 1 }) }, changed: [changedTask('Refresh apt cache', { role: null })] });
    assert.deepEqual(judgeIdempotence(read, { allowedChanges: 1 }), { passed: true, changed: 1, changedTasks: ['Refresh apt cache'], summary: 'changed=1: Refresh apt cache (up to 1 allowed)' });
    assert.equal(judgeIdempotence(read).passed, false);
  });

  test('failures never pass, and the first real failure is named (not an ignored one)', () => {
    const read = readOk({
      stats: { pve01: hostStats({ failures: 1, ignored: 1 }) },
      failed: [failedTask('Probe', { ignored: true }), failedTask('Start notes', { msg: '\nUnable to start service notes: Job failed\nsee journalctl' })],
    });
    const verdict = judgeIdempotence(read);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.problem, 'failed=1 — notes_api : Start notes on pve01: Unable to start service notes: Job failed');
  });

  test('ignored failures alone do not stop a pass', () => {
    assert.equal(judgeIdempotence(readOk({ stats: { pve01: hostStats({ ignored: 1 }) }, failed: [failedTask('Probe', { ignored: true })] })).passed, true);
  });

  test('an unreachable host never passes', () => {
    const read = readOk({ stats: { pve01: hostStats({ ok: 0, unreachable: 1 }) }, failed: [failedTask('Gathering Facts', { role: null, unreachable: true, msg: 'Failed to connect to the host via ssh: Connection timed out' })] });
    assert.deepEqual(judgeIdempotence(read), {
      passed: false,
      changed: 0,
      changedTasks: [],
      summary: 'unreachable=1 — pve01: Failed to connect to the host via ssh: Connection timed out',
      problem: 'unreachable=1 — pve01: Failed to connect to the host via ssh: Connection timed out',
    });
  });

  test('a run with no results never passes', () => {
    const verdict = judgeIdempotence({ kind: 'missing', file: '/x.json', problem: NO_RESULTS_PROBLEM });
    assert.deepEqual(verdict, { passed: false, changed: 0, changedTasks: [], summary: NO_RESULTS_PROBLEM, problem: NO_RESULTS_PROBLEM });
    assert.equal(judgeIdempotence({ kind: 'damaged', file: '/x.json', problem: 'results file is damaged: not JSON' }).problem, 'results file is damaged: not JSON');
  });

  test('a run on no host never passes', () => {
    assert.equal(judgeIdempotence(readOk({ stats: {} })).problem, "the play ran on no host: check the inventory and the play's hosts: pattern");
  });

  test('host: judges that host only, and refuses a host the recap does not name', () => {
    const read = readOk({
      stats: { pve01: hostStats(), localhost: hostStats({ changed: 1 }) },
      changed: [changedTask('Create container', { host: 'localhost', role: null })],
    });
    assert.equal(judgeIdempotence(read, { host: 'pve01' }).passed, true);
    assert.deepEqual(judgeIdempotence(read, { host: 'localhost' }).changedTasks, ['Create container']);
    assert.equal(judgeIdempotence(read).passed, false);
    assert.equal(judgeIdempotence(read, { host: 'notes01' }).problem, 'notes01 took no part in the run: the play recap names pve01, localhost');
  });
});

describe('summarisePlaybook', () => {
  test('sums the recap over its hosts', () => {
    const read = readOk({ stats: { pve01: hostStats({ changed: 2 }), localhost: hostStats({ ok: 3, failures: 1, unreachable: 0 }) } });
    assert.deepEqual(summarisePlaybook(read), { ok: 15, changed: 2, failed: 1, unreachable: 0, hosts: ['pve01', 'localhost'] });
  });

  test('has nothing to say about a run without results', () => {
    assert.equal(summarisePlaybook({ kind: 'missing', file: '/x.json', problem: NO_RESULTS_PROBLEM }), undefined);
  });
});
