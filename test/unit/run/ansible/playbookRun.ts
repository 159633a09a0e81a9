// Runs the real ansible-playbook against this machine (connection local, inventory
// `localhost,` unless the repo has its own) with Certify's callback enabled the way the step
// engine enables it, in a throwaway repo with its own HOME and temp folders.

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import { readAnsibleResult, type AnsibleResultRead } from '../../../../src/run/ansible/ansibleResult';
import { ansibleResultEnv } from '../../../../src/run/ansible/callbackPlugin';
import type { Environment } from '../../../../src/run/ansible/ansiblePaths';

export interface PlaybookRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What Certify added to the environment. */
  readonly added: Record<string, string>;
  readonly read: AnsibleResultRead;
}

export interface RunOptions {
  /** Extra ansible-playbook arguments (default: `-i localhost, -c local`). */
  readonly args?: readonly string[];
  /** Inherited environment on top of the isolated one (e.g. the user's ANSIBLE_CALLBACKS_ENABLED). */
  readonly env?: Record<string, string>;
  /** Distinguishes the result files of several runs in one repo. */
  readonly name?: string;
}

// A guard against a wedged run, not a timing assertion: a healthy run here takes a few seconds.
const RUN_LIMIT_MS = 120_000;

/** The environment a run inherits: nothing from the developer's own Ansible setup. */
export async function isolatedEnv(repo: string): Promise<Record<string, string>> {
  const home = path.join(repo, '.home');
  const temp = path.join(repo, '.ansible-temp');
  await fs.mkdir(home, { recursive: true });
  await fs.mkdir(temp, { recursive: true });
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LC_ALL: 'C.UTF-8',
    LANG: 'C.UTF-8',
    ANSIBLE_LOCAL_TEMP: temp,
    ANSIBLE_REMOTE_TEMP: temp,
    // Loading the callback would otherwise leave a __pycache__ inside the source tree.
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

export async function runPlaybook(repo: string, playbook: string, options: RunOptions = {}): Promise<PlaybookRun> {
  const inherited: Environment = { ...(await isolatedEnv(repo)), ...options.env };
  const resultFile = path.join(repo, '.certify', 'runs', `${options.name ?? 'run'}.ansible.json`);
  const added = await ansibleResultEnv(repo, resultFile, { env: inherited, systemConfig: path.join(repo, '.no-system-config') });
  const args = [...(options.args ?? ['-i', 'localhost,', '-c', 'local']), playbook];
  const { exitCode, stdout, stderr } = await spawnCollect('ansible-playbook', args, repo, { ...(inherited as Record<string, string>), ...added });
  return { exitCode, stdout, stderr, added, read: await readAnsibleResult(resultFile) };
}

function spawnCollect(program: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(guard);
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** The result document of a run that must have one. */
export function resultOf(run: PlaybookRun) {
  if (run.read.kind !== 'ok') throw new Error(`expected results, got ${run.read.kind}: ${run.read.problem}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run.read.result;
}

/** Ansible's colours out of the way, for reading its human output. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
