// The step runner's overhead (issue 11: goal ≤ 5%): the same twelve commands — each prints
// 2,000 Ansible-like lines and takes about 0.3 s, like a short deploy task — run by the step
// session (executor, redaction of every chunk, the transcript, the record updated under its
// lock as each action ends) and by a bare shell script writing the same output to a file.
// Three runs each, medians, reported as a ratio measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STATIC_CHECK_IDS } from '../src/check/staticCriteria';
import { Redactor } from '../src/run/redact';
import { RunExecutors } from '../src/run/session/executors';
import { runStep } from '../src/run/session/stepSession';

const ACTIONS = 12;
const RUNS = 3;
const COMMAND = 'i=0; while [ $i -lt 2000 ]; do echo "ok: [pve01] => (item=$i) password=s3cret-$i"; i=$((i+1)); done; sleep 0.3';
const TARGETS = {
  description: 'this machine',
  proxmox: { name: 'pve01', host: '127.0.0.1', port: 1, username: 'root', knownHostsFile: '/dev/null' },
  resolvers: [],
  controller: { prefix: [], extraVarsFiles: [] },
  backupRoot: '/nonexistent',
  backupHost: 'proxmox',
};
const STATICS = new Map(STATIC_CHECK_IDS.map((check) => [check, { check, status: 'met', summary: 'ok', evidence: [] }]));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bare(dir) {
  const script = Array.from({ length: ACTIONS }, () => `sh -c '${COMMAND}'`).join('\n');
  const started = performance.now();
  const result = spawnSync('bash', ['-c', `${script}\n`], { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir });
  if (result.status !== 0) throw new Error(`bare script exited ${result.status}`);
  return performance.now() - started;
}

async function certify(dir) {
  const plan = {
    step: 'implement',
    actions: Array.from({ length: ACTIONS }, (_, i) => ({
      id: `a${i}`,
      title: `action ${i}`,
      target: 'local',
      command: () => ({ argv: ['sh', '-c', COMMAND], timeoutMs: 60_000 }),
      judge: (outcome) => ({ figures: { lines: outcome.result.stdout.split('\n').length } }),
    })),
  };
  const executors = new RunExecutors(TARGETS);
  const started = performance.now();
  await runStep(
    {
      root: dir,
      service: 'bench',
      executors,
      redactor: new Redactor(['s3cret-1999']),
      frontEnd: { write: () => {}, confirmDestructive: async () => true, attest: async () => undefined },
      statics: STATICS,
      owner: 'bench',
      plan: () => plan,
    },
    'implement',
  );
  const took = performance.now() - started;
  await executors.close();
  return took;
}

const bareTimes = [];
const certifyTimes = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-bench-runner-'));
  try {
    bareTimes.push(bare(dir));
    certifyTimes.push(await certify(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const b = median(bareTimes);
const c = median(certifyTimes);
const overhead = (c / b - 1) * 100;
console.log(`runner: ${ACTIONS} commands × 2,000 lines, median of ${RUNS}`);
console.log(`  bare shell script   ${(b / 1000).toFixed(2)} s`);
console.log(`  certify step        ${(c / 1000).toFixed(2)} s   (${(c / b).toFixed(3)}× the script; overhead ${overhead.toFixed(1)}%, goal ≤ 5%) ${overhead <= 5 ? 'MET' : 'MISSED'}`);
