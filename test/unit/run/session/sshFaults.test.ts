// The step session when the Proxmox host's SSH goes wrong, against a private sshd on this
// machine (so /proc shows the "remote" processes): a connection dropped mid-command interrupts
// the step and the next run resumes from that action; a changed host key, wrong credentials
// and a timeout fail the step with a reason a person can act on; a cancel interrupts it. After
// a timeout or a cancel no remote process is left.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StaticResults } from '../../../../src/check/staticCriteria';
import { STATIC_CHECK_IDS } from '../../../../src/check/staticCriteria';
import type { CertificationRecord } from '../../../../src/core/record';
import type { SshEndpoint } from '../../../../src/run/exec/sshEndpoint';
import type { PlannedAction, StepPlan } from '../../../../src/run/plan/action';
import { endedText, succeeded } from '../../../../src/run/plan/sharedActions';
import { Redactor } from '../../../../src/run/redact';
import { RunExecutors } from '../../../../src/run/session/executors';
import type { RunFrontEnd } from '../../../../src/run/session/frontEnd';
import { runStep, type StepOutcome } from '../../../../src/run/session/stepSession';
import type { RunTargets } from '../../../../src/run/targets/runTargets';
import { loadRecord } from '../../../../src/store/records';
import { makeRepo } from '../../helpers/tempRepo';
import { disposeSshd, makeKey, startPrivateSshd, type PrivateSshd } from '../exec/privateSshd';
import { runningWithArgv, signalEach, uniqueSleepSeconds } from '../exec/procScan';

const STATICS: StaticResults = new Map(STATIC_CHECK_IDS.map((check) => [check, { check, status: 'met' as const, summary: `${check} ok`, evidence: [{ file: 'roles/x/README.md', line: 1 }] }]));

let sshd: PrivateSshd;
/** This test's own files: known_hosts, keys, the counter the remote commands write. */
let dir: string;
let knownHostsFile: string;
const sleeps: string[] = [];

before(async () => {
  sshd = await startPrivateSshd('pve01');
  dir = mkdtempSync(path.join(os.tmpdir(), 'certify-session-ssh-'));
  knownHostsFile = path.join(dir, 'known_hosts');
  const [type, blob] = sshd.hostPublicKey.split(' ');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${sshd.port} ${type} ${blob}\n`);
});

after(async () => {
  // A failed test must not leave its remote sleeps running.
  for (const seconds of sleeps) signalEach(runningWithArgv(['sleep', seconds]).map((left) => left.pid));
  await disposeSshd(sshd);
  rmSync(dir, { recursive: true, force: true });
});

/** A remote shell whose child sleeps; "started" is said once the sleep runs. */
function sleeper(): { script: string; sleep: string[] } {
  const seconds = uniqueSleepSeconds();
  sleeps.push(seconds);
  return {
    script: `sleep ${seconds} & child=$!; until grep -q sleep /proc/$child/cmdline 2>/dev/null; do :; done; echo started; wait; echo done`,
    sleep: ['sleep', seconds],
  };
}

/** An action on the Proxmox host; its judgement fails the step with how it ended (as the real plans word it). */
function remoteAction(id: string, script: string, criterion: string, timeoutMs = 30_000): PlannedAction {
  return {
    id,
    title: `run ${id}`,
    target: 'proxmox',
    command: () => ({ argv: ['sh', '-c', script], timeoutMs }),
    judge: (outcome) => {
      const ok = succeeded(outcome);
      return { criteria: [{ id: criterion, met: ok, evidence: `${id}: ${endedText(outcome)}` }], ...(ok ? {} : { stop: `${id}: ${endedText(outcome)}` }) };
    },
  };
}

/** Runs `plan` as Step 1 against the private sshd reached as `proxmox`; closes the connections after. */
async function runPlan(
  root: string,
  plan: StepPlan,
  options: { proxmox?: Partial<SshEndpoint>; onWrite?: (text: string) => void; signal?: AbortSignal } = {},
): Promise<{ outcome: StepOutcome; output: string }> {
  const targets: RunTargets = {
    description: 'the private sshd',
    proxmox: sshd.endpoint({ knownHostsFile, ...options.proxmox }),
    resolvers: [],
    controller: { prefix: [], extraVarsFiles: [] },
    backupRoot: '/nonexistent',
    backupHost: 'proxmox',
  };
  const output: string[] = [];
  const frontEnd: RunFrontEnd = {
    write: (text) => {
      output.push(text);
      options.onWrite?.(text);
    },
    confirmDestructive: async () => true,
    attest: async () => ({ by: 'tester', note: 'seen' }),
  };
  const executors = new RunExecutors(targets);
  try {
    const outcome = await runStep(
      { root, service: 'notes', executors, redactor: new Redactor([]), frontEnd, statics: STATICS, owner: 'test', plan: () => plan, ...(options.signal ? { signal: options.signal } : {}) },
      'implement',
    );
    return { outcome, output: output.join('') };
  } finally {
    await executors.close();
  }
}

async function stored(root: string): Promise<CertificationRecord> {
  const loaded = await loadRecord(root, 'notes');
  assert.equal(loaded.kind, 'ok');
  return (loaded as { record: CertificationRecord }).record;
}

const reasonOf = (outcome: StepOutcome): string => ('reason' in outcome ? outcome.reason : '');
/** The remote command said "started": its output line, not the command line that quotes it. */
const saidStarted = (text: string): boolean => /^started$/m.test(text);

describe('step session: SSH faults on the Proxmox host', () => {
  test('a connection dropped mid-command interrupts the step; the next run resumes from that action and passes', async () => {
    const root = await makeRepo({});
    const counter = path.join(dir, 'deploys');
    const quick = path.join(dir, 'quick');
    const job = sleeper();
    const plan: StepPlan = {
      step: 'implement',
      actions: [
        remoteAction('deploy', `echo x >> ${counter}; echo deployed`, 'playbook-runs'),
        // Slow the first time (the connection drops meanwhile), quick once the host is back.
        remoteAction('start', `if [ -e ${quick} ]; then echo up; else ${job.script}; fi`, 'auto-start'),
        remoteAction('health', 'echo 200', 'health-check'),
      ],
    };
    const sessionsBefore = new Set(sshd.sessionPids());
    let killed: number[] = [];
    const first = await runPlan(root, plan, {
      onWrite: (text) => {
        if (!saidStarted(text) || killed.length > 0) return;
        killed = sshd.sessionPids().filter((pid) => !sessionsBefore.has(pid));
        signalEach(killed);
      },
    });
    assert.equal(killed.length, 1, 'one sshd session served the run, and it was killed');
    // The host keeps what it ran: that is why the outcome is unknown. Stop it before going on.
    signalEach(runningWithArgv(job.sleep).map((left) => left.pid));
    assert.equal(first.outcome.status, 'interrupted', first.output);
    assert.match(reasonOf(first.outcome), /^Lost pve01 \(127\.0\.0\.1:\d+\) while sh ran .*its outcome is unknown.*Run the step again to resume from it\.$/);
    let record = await stored(root);
    assert.equal(record.steps.implement.status, 'interrupted');
    const run = record.steps.implement.runs.at(-1);
    assert.equal(run?.outcome, 'interrupted');
    assert.deepEqual(
      run?.actions.map((action) => [action.id, action.exitCode, action.ended]),
      [['deploy', 0, undefined], ['start', undefined, 'disconnected']],
    );
    assert.notEqual(record.steps.implement.criteria['auto-start']?.state, 'met', 'nothing is recorded as passed for the lost action');
    assert.equal(record.steps.implement.runs.some((r) => r.outcome === 'succeeded'), false);

    writeFileSync(quick, '');
    const second = await runPlan(root, plan);
    assert.equal(second.outcome.status, 'passed', second.output);
    assert.match(second.output, /Resuming: deploy finished before the interruption/);
    assert.equal(readFileSync(counter, 'utf8'), 'x\n', 'the deploy that finished on the host was not run again');
    record = await stored(root);
    assert.equal(record.steps.implement.status, 'passed');
    assert.deepEqual(record.steps.implement.runs.at(-1)?.actions.map((action) => [action.id, action.exitCode]), [['deploy', 0], ['start', 0], ['health', 0]]);
  });

  test('a changed host key: the action does not start, the step fails saying so and how to fix it', async () => {
    const root = await makeRepo({});
    const impostor = makeKey(path.join(dir, 'impostor_host'));
    const [type, blob] = impostor.split(' ');
    const changedKnownHosts = path.join(dir, 'known_hosts_changed');
    writeFileSync(changedKnownHosts, `[127.0.0.1]:${sshd.port} ${type} ${blob}\n`);
    const marker = path.join(dir, 'ran-despite-changed-key');
    const { outcome, output } = await runPlan(root, { step: 'implement', actions: [remoteAction('deploy', `touch ${marker}`, 'playbook-runs')] }, { proxmox: { knownHostsFile: changedKnownHosts } });
    assert.equal(outcome.status, 'failed', output);
    assert.match(reasonOf(outcome), /The host key of pve01 \(127\.0\.0\.1:\d+\) has CHANGED/);
    assert.ok(reasonOf(outcome).includes(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${changedKnownHosts}`), reasonOf(outcome));
    assert.equal(existsSync(marker), false, 'nothing ran on a host whose key changed');
    const record = await stored(root);
    assert.equal(record.steps.implement.status, 'failed');
    assert.equal(record.steps.implement.runs.at(-1)?.actions[0].ended, 'not-started');
  });

  test('wrong credentials: the step fails saying authentication failed and what to do', async () => {
    const root = await makeRepo({});
    const strangerKey = path.join(dir, 'stranger_ed25519');
    makeKey(strangerKey);
    const { outcome, output } = await runPlan(root, { step: 'implement', actions: [remoteAction('deploy', 'true', 'playbook-runs')] }, { proxmox: { identityFile: strangerKey } });
    assert.equal(outcome.status, 'failed', output);
    assert.match(reasonOf(outcome), new RegExp(`Authentication failed for ${sshd.username}@127\\.0\\.0\\.1 \\(pve01\\) with the key ${strangerKey.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: add its public key`));
    assert.equal((await stored(root)).steps.implement.runs.at(-1)?.actions[0].ended, 'not-started');
  });

  test('a timeout: the remote process tree is gone, the step fails naming the timeout', async () => {
    const root = await makeRepo({});
    const job = sleeper();
    const { outcome, output } = await runPlan(root, { step: 'implement', actions: [remoteAction('start', job.script, 'auto-start', 1000)] });
    assert.equal(outcome.status, 'failed', output);
    assert.match(reasonOf(outcome), /^start: timed out after \d+\.\d s$/);
    const action = (await stored(root)).steps.implement.runs.at(-1)?.actions[0];
    assert.equal(action?.ended, 'timeout');
    assert.match(readFileSync(path.join(root, action?.transcript ?? ''), 'utf8'), /^◀ timeout after \d+ s$/m, 'the transcript says it timed out');
    assert.deepEqual(runningWithArgv(job.sleep), [], 'the remote sleep was killed with its shell');
    assert.deepEqual(runningWithArgv(['sh', '-c', job.script]), []);
  });

  test('a cancel while a remote command runs: the step is interrupted and the remote process gone', async () => {
    const root = await makeRepo({});
    const job = sleeper();
    const controller = new AbortController();
    let runningAtCancel = 0;
    const { outcome, output } = await runPlan(
      root,
      { step: 'implement', actions: [remoteAction('start', job.script, 'auto-start')] },
      {
        signal: controller.signal,
        onWrite: (text) => {
          if (!saidStarted(text) || controller.signal.aborted) return;
          runningAtCancel = runningWithArgv(job.sleep).length;
          controller.abort();
        },
      },
    );
    assert.equal(runningAtCancel, 1, 'the remote sleep ran when the cancel came');
    assert.equal(outcome.status, 'interrupted', output);
    assert.match(reasonOf(outcome), /^Cancelled while it ran; run the step again to resume from this action\.$/);
    assert.equal((await stored(root)).steps.implement.runs.at(-1)?.actions[0].ended, 'cancelled');
    assert.deepEqual(runningWithArgv(job.sleep), []);
    assert.deepEqual(runningWithArgv(['sh', '-c', job.script]), []);
  });
});
