// The demo's nine steps, timed (issue 11: goal ≤ 60 s on 2 cores with the lab already up):
// a lab of its own, a copy of the example repo, then `certify` runs all nine steps for notes
// as `certify run notes --all --yes` does. The baseline, measured in the same run on the same
// lab: one deploy of notes with ansible-playbook alone (the workflow runs the deploy playbook
// four times, the backup playbook twice and the restore playbook once: Ansible is most of it).
// Then each step's time and how much of it ansible-playbook took, from the record. The machine's
// load is printed too: other work on the same 2 cores shows in every figure.
// Needs root and the lab's Debian packages; elsewhere it says why and reports nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { STEP_IDS } from '../src/core/steps';
import { labDown } from '../src/lab/control/down';
import { labEnv, labRunPrefix } from '../src/lab/control/env';
import { labFiles } from '../src/lab/control/labFiles';
import { labUp } from '../src/lab/control/up';
import { labLayout } from '../src/lab/labLayout';
import { certify, prepareRun } from '../src/run/session/certifyService';
import { freePort, requireLabMachine } from './labOnly.mjs';

requireLabMachine('certify');


const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-bench-run-'));
const repo = path.join(dir, 'homelab');
cpSync(path.join(process.cwd(), 'examples/homelab'), repo, { recursive: true, filter: (source) => !source.includes(`${path.sep}.certify`) });
const layout = labLayout({ name: 'benchrun', dir: path.join(dir, 'lab'), forwards: { sshPort: await freePort(), apiPort: await freePort() } });
try {
  await labUp(layout, { repo });
  const attest = parse(readFileSync(path.join(repo, 'attestations/notes.yml'), 'utf8'));
  const run = await prepareRun(repo, 'notes', { ...process.env, ...labEnv(layout) });
  const started = performance.now();
  const result = await certify(run, {
    steps: [...STEP_IDS],
    frontEnd: {
      write: () => {},
      confirmDestructive: async () => true,
      attest: async (step, criterion) => {
        const note = attest.criteria[`${step}.${criterion.id}`];
        return note === undefined ? undefined : { by: attest.by, note };
      },
    },
  });
  const nine = performance.now() - started;
  const passed = result.outcomes.filter((o) => o.status === 'passed').length;

  // Baseline: one more deploy (the container exists: the same work as Step 3's second run).
  const prefix = labRunPrefix(layout);
  const deployStarted = performance.now();
  const deploy = spawnSync(prefix[0], [...prefix.slice(1), 'ansible-playbook', '-e', `@${labFiles(layout).extraVars}`, 'playbooks/notes-deploy.yml'], { cwd: repo, stdio: 'ignore' });
  const oneDeploy = performance.now() - deployStarted;
  if (deploy.status !== 0) throw new Error(`the baseline deploy exited ${deploy.status}`);

  console.log(`certify: the nine steps of the demo (lab up), ${passed}/9 passed, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at the end`);
  console.log(`  one deploy (ansible-playbook alone)   ${(oneDeploy / 1000).toFixed(1)} s`);
  console.log(`  nine steps (certify)                  ${(nine / 1000).toFixed(1)} s   (${(nine / oneDeploy).toFixed(1)}× one deploy; goal ≤ 60 s) ${nine <= 60_000 ? 'MET' : 'MISSED'}`);
  // Where the time went, step by step, from the record's own runs (what a person can look up).
  for (const step of STEP_IDS) {
    const run = result.record?.steps[step].runs.at(-1);
    if (!run?.finishedAt) continue;
    const took = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    const ansible = run.actions.filter((action) => action.argv.includes('ansible-playbook')).reduce((sum, action) => sum + (action.durationMs ?? 0), 0);
    console.log(`    ${step.padEnd(16)} ${(took / 1000).toFixed(1).padStart(5)} s   ansible-playbook ${(ansible / 1000).toFixed(1).padStart(5)} s`);
  }
} finally {
  await labDown(layout);
  rmSync(dir, { recursive: true, force: true });
}
