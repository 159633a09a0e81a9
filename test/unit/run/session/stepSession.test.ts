// The step session with real local commands and the real store: each action is recorded as
// it ends (argv redacted, exit code, duration, figures) and streamed to the transcript; a run
// cancelled mid-action is interrupted and resumes from that action without re-running what
// finished; a failed judgement fails the step with its reason; a deletion not confirmed runs
// nothing. Plans here are small local ones: the session is the same for every step's plan.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { StaticResults } from '../../../../src/check/staticCriteria';
import type { CertificationRecord } from '../../../../src/core/record';
import { STATIC_CHECK_IDS } from '../../../../src/check/staticCriteria';
import type { PlannedAction, StepPlan } from '../../../../src/run/plan/action';
import { Redactor } from '../../../../src/run/redact';
import { RunExecutors } from '../../../../src/run/session/executors';
import type { RunFrontEnd } from '../../../../src/run/session/frontEnd';
import { runStep, type StepSessionOptions } from '../../../../src/run/session/stepSession';
import type { RunTargets } from '../../../../src/run/targets/runTargets';
import { loadRecord } from '../../../../src/store/records';
import { makeRepo } from '../../helpers/tempRepo';

const SECRET = 'hunter2-very-secret';
const TARGETS: RunTargets = {
  description: 'this machine',
  proxmox: { name: 'pve01', host: '127.0.0.1', port: 1, username: 'root', knownHostsFile: '/dev/null' },
  resolvers: [],
  controller: { prefix: [], extraVarsFiles: [] },
  backupRoot: '/nonexistent',
  backupHost: 'proxmox',
};
const STATICS: StaticResults = new Map(STATIC_CHECK_IDS.map((check) => [check, { check, status: 'met' as const, summary: `${check} ok`, evidence: [{ file: 'roles/x/README.md', line: 1 }] }]));

function shAction(id: string, script: string, criterion: string, extra: Partial<PlannedAction> = {}): PlannedAction {
  return {
    id,
    title: `run ${id}`,
    target: 'local',
    command: () => ({ argv: ['sh', '-c', script], env: { SECRET }, timeoutMs: 30_000 }),
    judge: (outcome) => {
      const ok = outcome.result.ended === 'exited' && outcome.result.exitCode === 0;
      return { criteria: [{ id: criterion, met: ok, evidence: `${id}: ${outcome.result.stdout.trim()}` }], figures: { [`${id}.ms`]: outcome.result.durationMs }, ...(ok ? {} : { stop: `${id} failed` }) };
    },
    ...extra,
  };
}

function session(root: string, plan: StepPlan, frontEnd: Partial<RunFrontEnd> = {}, signal?: AbortSignal): { options: StepSessionOptions; output: string[] } {
  const output: string[] = [];
  const options: StepSessionOptions = {
    root,
    service: 'notes',
    executors: new RunExecutors(TARGETS),
    redactor: new Redactor([SECRET]),
    frontEnd: {
      write: (text) => output.push(text),
      confirmDestructive: async () => true,
      attest: async () => ({ by: 'tester', note: 'seen' }),
      ...frontEnd,
    },
    statics: STATICS,
    owner: 'test',
    ...(signal ? { signal } : {}),
    plan: () => plan,
  };
  return { options, output };
}

async function record(root: string): Promise<CertificationRecord> {
  const stored = await loadRecord(root, 'notes');
  assert.equal(stored.kind, 'ok');
  return (stored as { record: CertificationRecord }).record;
}

describe('step session', () => {
  test('passes a step, records each action as it ends, writes a redacted transcript', async () => {
    const root = await makeRepo({ 'playbooks/notes-deploy.yml': '- hosts: all\n' });
    const plan: StepPlan = {
      step: 'implement',
      actions: [
        shAction('deploy', 'echo "deployed with password=$SECRET"', 'playbook-runs'),
        shAction('start', 'echo running', 'auto-start'),
        shAction('health', 'echo 200', 'health-check'),
      ],
    };
    const { options, output } = session(root, plan);
    const outcome = await runStep(options, 'implement');
    await options.executors.close();
    assert.equal(outcome.status, 'passed', output.join(''));
    const r = await record(root);
    assert.equal(r.steps.implement.status, 'passed');
    const run = r.steps.implement.runs.at(-1);
    assert.equal(run?.outcome, 'succeeded');
    assert.equal(run?.by, 'test', 'the run names who ran it (the session owner, user@host in the CLI and the editor)');
    assert.deepEqual(run?.actions.map((a) => [a.id, a.exitCode]), [['deploy', 0], ['start', 0], ['health', 0]]);
    assert.ok(run?.actions.every((a) => typeof a.durationMs === 'number' && a.figures && a.transcript?.startsWith('.certify/notes/runs/')));
    assert.equal(r.steps.implement.criteria['playbook-runs']?.evidence?.[0]?.summary, 'deploy: deployed with password=[REDACTED]');
    assert.equal(r.steps.implement.criteria['role-files']?.state, 'met', 'static criteria come from the repo checks');
    assert.equal(r.steps.implement.criteria.dependencies?.by, 'tester', 'manual criteria carry who said so');
    const transcript = readFileSync(path.join(root, run?.actions[0].transcript ?? ''), 'utf8');
    assert.ok(!transcript.includes(SECRET) && !JSON.stringify(r).includes(SECRET), 'the secret is in no file');
    assert.ok(!transcript.includes('\u001b['), 'no colour codes in the file');
    assert.match(transcript, /^# Certify · notes · Step 1 \(Implement\) · started /);
    assert.match(transcript, /^▶ 1\.1 run deploy \[local\]$/m);
    assert.match(transcript, /^\$ SECRET=\[REDACTED\] sh -c /m);
    assert.match(transcript, /^◀ exit 0 · \d+\.\d s$/m);
    assert.match(transcript, /^✔ Deployment playbook runs without errors — deploy: deployed with password=\[REDACTED\]$/m);
    assert.match(transcript, /^■ Step 1 \(Implement\): passed in \d+ s$/m);
  });

  test('a cancelled run is interrupted and resumes from the action that did not finish', async () => {
    const root = await makeRepo({ 'playbooks/notes-deploy.yml': '- hosts: all\n' });
    const counter = path.join(root, 'deploys');
    // The first time the service is slow to start (the run is cancelled meanwhile); then it is quick.
    const quick = path.join(root, 'quick');
    const plan: StepPlan = {
      step: 'implement',
      actions: [
        shAction('deploy', `echo x >> ${counter}; echo done`, 'playbook-runs'),
        shAction('start', `[ -e ${quick} ] || sleep 30; echo started`, 'auto-start'),
        shAction('health', 'echo 200', 'health-check'),
      ],
    };
    const abort = new AbortController();
    const first = session(root, plan, {
      write: (text) => {
        if (text.includes('run start')) setTimeout(() => abort.abort(), 300);
      },
    }, abort.signal);
    const cancelled = await runStep(first.options, 'implement');
    await first.options.executors.close();
    assert.equal(cancelled.status, 'interrupted');
    let r = await record(root);
    assert.equal(r.steps.implement.status, 'interrupted');
    assert.equal(r.steps.implement.runs.at(-1)?.outcome, 'interrupted');
    assert.equal(r.steps.implement.runs.at(-1)?.actions[1].ended, 'cancelled');

    writeFileSync(quick, '');
    const second = session(root, plan);
    const resumed = await runStep(second.options, 'implement');
    await second.options.executors.close();
    assert.equal(resumed.status, 'passed', second.output.join(''));
    assert.equal(readFileSync(counter, 'utf8'), 'x\n', 'the finished deploy was not run again');
    assert.match(second.output.join(''), /Resuming: deploy finished before the interruption/);
    r = await record(root);
    assert.equal(r.steps.implement.criteria['playbook-runs']?.state, 'met', 'what the first run proved is kept');
  });

  test('a judgement that stops fails the step with its reason; later actions do not run', async () => {
    const root = await makeRepo({});
    const marker = path.join(root, 'ran');
    const plan: StepPlan = {
      step: 'implement',
      actions: [shAction('deploy', 'echo boom >&2; exit 2', 'playbook-runs'), shAction('start', `touch ${marker}`, 'auto-start')],
    };
    const { options } = session(root, plan);
    const outcome = await runStep(options, 'implement');
    await options.executors.close();
    assert.deepEqual([outcome.status, 'reason' in outcome ? outcome.reason : ''], ['failed', 'deploy failed']);
    assert.equal(existsSync(marker), false);
    const r = await record(root);
    assert.equal(r.steps.implement.status, 'failed');
    assert.equal(r.steps.implement.criteria['playbook-runs']?.state, 'not-met');
    assert.equal(r.steps.implement.runs.at(-1)?.actions[0].exitCode, 2);
  });

  test('a deletion that is not confirmed runs nothing and leaves the step resumable', async () => {
    const root = await makeRepo({});
    const marker = path.join(root, 'deleted');
    writeFileSync(marker, '');
    const plan: StepPlan = {
      step: 'implement',
      actions: [shAction('delete', `rm ${marker}`, 'playbook-runs', { destructive: { containerId: 165, what: 'delete container 165' } })],
    };
    const asked: number[] = [];
    const { options } = session(root, plan, { confirmDestructive: async (request) => (asked.push(request.containerId), false) });
    const outcome = await runStep(options, 'implement');
    await options.executors.close();
    assert.equal(outcome.status, 'interrupted');
    assert.deepEqual(asked, [165]);
    assert.equal(existsSync(marker), true, 'nothing was deleted');
  });

  test('a step whose gate is closed is refused before anything runs', async () => {
    const root = await makeRepo({});
    const { options, output } = session(root, { step: 'test-external', actions: [shAction('x', 'exit 0', 'responds')] });
    const outcome = await runStep(options, 'test-external');
    assert.equal(outcome.status, 'refused');
    assert.match(output.join(''), /Step 2 \(Test\) is locked: pass Step 1 \(Implement\) first\./);
  });
});
