// One action of a step, run: its command built from the figures so far, Certify's results
// callback added to an Ansible run, the output streamed through redaction to the terminal and
// the transcript, the result line, and what is recorded of it (argv, exit code, figures).

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RunAction } from '../../core/record';
import { STORE_DIR } from '../../repo/layout';
import { ansibleResultEnv } from '../ansible/callbackPlugin';
import { readAnsibleResult } from '../ansible/ansibleResult';
import type { CommandResult, CommandSpec } from '../exec/executor';
import type { ActionOutcome, Figures, Judgement, PlannedAction } from '../plan/action';
import { StreamRedactor, type Redactor } from '../redact';
import type { StepSessionOptions } from './stepSession';
import { style } from './terminalStyle';
import type { Transcript } from './transcript';

/** Runs one action; `problem` when the plan could not even build its command. */
export async function execute(
  options: Pick<StepSessionOptions, 'root' | 'service' | 'executors' | 'redactor' | 'signal'>,
  action: PlannedAction,
  figures: Figures,
  out: (text: string) => void,
  transcript: Transcript,
): Promise<{ spec: CommandSpec; outcome?: ActionOutcome; problem?: string }> {
  let spec = action.command(figures);
  const executor = await options.executors.for(action.target);
  let resultFile: string | undefined;
  if (action.ansible) {
    resultFile = path.join(options.root, STORE_DIR, options.service, 'runs', `${path.basename(transcript.file, '.log')}-${action.id}.ansible.json`);
    // Python would write __pycache__ into Certify's own callback plugin folder.
    spec = { ...spec, env: { ...(spec.env ?? {}), ...(await ansibleResultEnv(options.root, resultFile)), PYTHONDONTWRITEBYTECODE: '1' } };
  }
  out(style.command(`$ ${options.redactor.redact(executor.describe(spec))}\n`));
  const stream = new StreamRedactor(options.redactor);
  const startedAt = new Date();
  const result = await executor.run(spec, {
    ...(options.signal ? { signal: options.signal } : {}),
    onOutput: (chunk) => {
      const safe = stream.push(chunk);
      if (safe) out(safe);
    },
  });
  const rest = stream.flush();
  if (rest) out(rest.endsWith('\n') ? rest : `${rest}\n`);
  out(resultLine(result));
  // A results file older than this run (a resumed step's) must never stand for this one.
  const ansible = resultFile ? await readAnsibleResult(resultFile, { notBefore: startedAt }) : undefined;
  // Kept beside the transcript as evidence, redacted like it (failed tasks' messages may quote a secret).
  if (resultFile) await redactFile(resultFile, options.redactor);
  return { spec, outcome: { result: redactResult(options.redactor, result), ...(ansible ? { ansible } : {}) } };
}

async function redactFile(file: string, redactor: Redactor): Promise<void> {
  try {
    await fs.writeFile(file, redactor.redact(await fs.readFile(file, 'utf8')));
  } catch {
    // No results file (Ansible stopped before its recap): nothing to redact.
  }
}

export function safeJudge(action: PlannedAction, outcome: ActionOutcome, figures: Figures): Judgement {
  try {
    return action.judge(outcome, figures);
  } catch (error) {
    return { stop: `Certify could not read the result of "${action.title}": ${(error as Error).message}` };
  }
}

function resultLine(result: CommandResult): string {
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`;
  switch (result.ended) {
    case 'exited':
      return (result.exitCode === 0 ? style.pass : style.fail)(`◀ exit ${result.exitCode} · ${seconds}\n`);
    case 'timeout':
      return style.fail(`◀ timeout after ${Math.round(result.durationMs / 1000)} s\n`);
    case 'cancelled':
      return style.fail(`◀ cancelled after ${seconds}\n`);
    case 'disconnected':
      return style.fail(`◀ disconnected after ${seconds} (outcome unknown)\n`);
    default:
      return style.fail(`◀ could not start: ${result.problem ?? 'unknown reason'}\n`);
  }
}

export function resultFields(result: CommandResult): Partial<RunAction> {
  return {
    ...(result.exitCode !== null ? { exitCode: result.exitCode } : {}),
    durationMs: Math.round(result.durationMs),
    ...(result.ended !== 'exited' ? { ended: result.ended } : {}),
  };
}

function redactResult(redactor: Redactor, result: CommandResult): CommandResult {
  return { ...result, stdout: redactor.redact(result.stdout), stderr: redactor.redact(result.stderr), ...(result.problem ? { problem: redactor.redact(result.problem) } : {}) };
}

export function redactFigures(redactor: Redactor, figures: Figures): Figures {
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, typeof value === 'string' ? redactor.redact(value) : value]));
}
