// `certify run <service>`: runs certification steps for real against the Proxmox host (or the
// local lab, after eval "$(certify lab env)"), streaming each action; --dry-run shows the plan.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { displayText } from '../../core/displayText';
import { shellCommand } from '../../core/shellQuote';
import { createEmptyRecord } from '../../core/record';
import { isStepId, stepByNumber, STEP_IDS, type StepId } from '../../core/steps';
import { completionReportText } from '../../report/completionReport';
import { certify, planContext, prepareRun, ServiceNotFoundError, stepsFrom, type ServiceRun } from '../../run/session/certifyService';
import type { Attestation, RunFrontEnd } from '../../run/session/frontEnd';
import { describePlan } from '../../run/plan/describePlan';
import { stepPlan } from '../../run/plan/plans';
import { TargetsUnavailableError } from '../../run/targets/runTargets';
import { LockBusyError } from '../../store/lock';
import { loadRecord, RecordUnavailableError } from '../../store/records';
import { checkArguments, type ParsedArgs } from '../args';
import { REPO_OPTION, type CliContext, type Command } from '../command';
import { CliError, EXIT, type ExitCode } from '../exitCodes';
import { findRepoRoot } from '../repoRoot';
import { printJson, printText } from '../safeOutput';

const FORMATS = ['text', 'json'] as const;

export const runCommand: Command = {
  name: 'run',
  summary: 'run certification steps for real (or show their plan with --dry-run)',
  usage: 'certify run <service> [--step N | --from N | --all] [--dry-run] [--yes] [--attest FILE] [--format text|json] [--repo DIR]',
  details:
    'Targets: after eval "$(certify lab env)" everything runs against the local lab; otherwise the\n' +
    'inventory\'s proxmox_admin host (or CERTIFY_PROXMOX_SSH=user@host[:port]) over SSH, with\n' +
    'CERTIFY_SSH_IDENTITY or the ssh agent and ~/.ssh/known_hosts (strict), and the vantage host\n' +
    'from CERTIFY_VANTAGE_SSH. Secrets come from the environment (PROXMOX_API_TOKEN_SECRET,\n' +
    'ANSIBLE_VAULT_PASSWORD_FILE) and are redacted from every transcript and record.\n' +
    'Deleting a container (Steps 3 and 8) needs --yes; it is never implied. Manual criteria take a\n' +
    'person\'s word from --attest FILE (YAML: by: NAME, criteria: {"<step>.<criterion>": note}).\n' +
    'Without --step/--from/--all the next step not yet passed runs. Transcripts are saved under\n' +
    '.certify/<service>/runs/.',
  options: [
    { name: 'step', value: 'N', description: 'run step N (1-9) only' },
    { name: 'from', value: 'N', description: 'run from step N to the last, stopping at the first that does not pass' },
    { name: 'all', description: 'run all nine steps from step 1' },
    { name: 'dry-run', description: 'print each step\'s actions (targets and commands) without running anything' },
    { name: 'yes', description: 'confirm deleting the service\'s container in Steps 3 and 8 (never implied)' },
    { name: 'attest', value: 'FILE', description: 'manual criteria confirmed by a person (YAML)' },
    { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'text (default; the run streams to stdout) or json (the run streams to stderr)' },
    REPO_OPTION,
  ],
  arguments: { min: 1, max: 1, takes: 'exactly one service name' },
  async run(args, context) {
    checkArguments(args, runCommand.arguments, runCommand.usage);
    const [name] = args.positionals;
    const root = await findRepoRoot(context.cwd, args.values.get('repo'));
    const json = args.values.get('format') === 'json';
    let run: ServiceRun;
    try {
      run = await prepareRun(root, name);
    } catch (error) {
      if (error instanceof ServiceNotFoundError) {
        throw new CliError(EXIT.notFound, `no service "${displayText(name)}" in ${displayText(root)}. Services: ${error.known.map(displayText).join(', ') || 'none'}.`);
      }
      if (error instanceof TargetsUnavailableError) throw new CliError(EXIT.notFound, error.message);
      throw error;
    }
    const stored = await loadRecord(run.root, name);
    if (stored.kind === 'corrupt' || stored.kind === 'newer') throw new CliError(EXIT.recordUnavailable, `${displayText(stored.file)} cannot be used; see certify status ${name}.`);
    const record = stored.kind === 'ok' ? stored.record : createEmptyRecord(name, new Date());
    const steps = chosenSteps(args, record.steps);

    if (args.flags.has('dry-run')) {
      const plans = steps.map((step) => stepPlan(step, planContext(run, record)));
      const prefix = run.targets.controller.prefix;
      if (json) printJson(context, { service: name, targets: run.targets.description, controllerPrefix: prefix, steps: plans.map((plan) => describePlan(plan, run.redactor, true, prefix)) });
      else {
        const header = [`Certify run plan for ${name} against ${run.targets.description}`];
        if (prefix.length > 0) header.push(`[local] commands run as: ${run.redactor.redact(shellCommand(prefix))} <command>`);
        printText(context, [...header, '', ...plans.map((plan) => describePlan(plan, run.redactor, false, prefix))].join('\n'));
      }
      return EXIT.ok;
    }

    const attestations = await readAttestations(context, args.values.get('attest'));
    // The context writes whole lines; the run's output arrives in arbitrary chunks.
    let partial = '';
    const emit = (line: string): void => (json ? context.err(line) : context.out(line));
    const stream = (text: string): void => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    };
    const frontEnd: RunFrontEnd = {
      write: (text) => stream(process.stdout.isTTY && !process.env.NO_COLOR && !json ? text : text.replace(/\u001b\[[0-9;]*m/g, '')),
      confirmDestructive: async (request) => {
        if (args.flags.has('yes')) return true;
        stream(`Refusing to ${request.what} without --yes.\n`);
        return false;
      },
      attest: async (step, criterion) => attestations.get(`${step}.${criterion.id}`),
    };
    // Ctrl+C (or a CI job's SIGTERM) cancels: the running command's process tree, local or
    // remote, is killed and the step is marked interrupted, resumable. A second signal is Node's.
    const abort = new AbortController();
    const cancel = (): void => {
      stream('\nCancelling: stopping the running command…\n');
      abort.abort();
    };
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    let result;
    try {
      result = await certify(run, { steps, frontEnd, signal: abort.signal });
    } catch (error) {
      if (error instanceof LockBusyError) throw new CliError(EXIT.busy, error.message);
      if (error instanceof RecordUnavailableError) throw new CliError(EXIT.recordUnavailable, error.message);
      throw error;
    } finally {
      process.removeListener('SIGINT', cancel);
      process.removeListener('SIGTERM', cancel);
    }
    if (partial) emit(partial);
    const last = result.outcomes[result.outcomes.length - 1];
    const final = result.record;
    if (json) {
      printJson(context, { service: name, outcomes: result.outcomes.map(({ step, status, ...rest }) => ({ step, status, reason: 'reason' in rest ? rest.reason : undefined })), record: final });
    } else if (final && result.outcomes.some((o) => o.step === 'restore-verify' && o.status === 'passed')) {
      printText(context, `\n${completionReportText(final, run.facts.containerId, run.facts.targets)}`);
    }
    return exitCodeOf(last?.status);
  },
};

function exitCodeOf(status: string | undefined): ExitCode {
  if (status === undefined || status === 'passed') return EXIT.ok;
  if (status === 'failed') return EXIT.failed;
  return EXIT.stopped;
}

function chosenSteps(args: ParsedArgs, steps: Record<StepId, { status: string }>): StepId[] {
  const picked = ['step', 'from', 'all'].filter((key) => args.values.has(key) || args.flags.has(key));
  if (picked.length > 1) throw new CliError(EXIT.usage, `choose one of --step, --from and --all. Usage: ${runCommand.usage}`);
  if (args.flags.has('all')) return [...STEP_IDS];
  const number = (key: string): StepId => {
    const text = args.values.get(key) ?? '';
    const step = /^[1-9]$/.test(text) ? stepByNumber(Number(text))?.id : isStepId(text) ? text : undefined;
    if (!step) throw new CliError(EXIT.usage, `--${key} takes a step number 1-9 (or its id), not "${displayText(text)}".`);
    return step;
  };
  if (args.values.has('step')) return [number('step')];
  if (args.values.has('from')) return stepsFrom(number('from'));
  const next = STEP_IDS.find((id) => steps[id].status !== 'passed');
  if (!next) throw new CliError(EXIT.usage, 'every step has passed already; use --step N or --all to run again.');
  return [next];
}

/** `by: NAME` and `criteria: { "implement.dependencies": "note" }`; a bad file is a usage error. */
async function readAttestations(context: CliContext, file: string | undefined): Promise<Map<string, Attestation>> {
  const map = new Map<string, Attestation>();
  if (!file) return map;
  const full = path.resolve(context.cwd, file);
  let data: unknown;
  try {
    data = parse(await readFile(full, 'utf8'));
  } catch (error) {
    throw new CliError(EXIT.usage, `--attest ${displayText(file)}: ${(error as Error).message}`);
  }
  const doc = (data ?? {}) as { by?: unknown; criteria?: unknown };
  if (typeof doc.by !== 'string' || doc.by.trim() === '' || doc.criteria === null || typeof doc.criteria !== 'object') {
    throw new CliError(EXIT.usage, `--attest ${displayText(file)}: expected "by: <who>" and "criteria:" mapping "<step>.<criterion>" to a note.`);
  }
  for (const [key, note] of Object.entries(doc.criteria as Record<string, unknown>)) {
    const [step] = key.split('.');
    if (!isStepId(step)) throw new CliError(EXIT.usage, `--attest ${displayText(file)}: "${displayText(key)}" does not start with a step id (${STEP_IDS.join(', ')}).`);
    map.set(key, { by: doc.by, ...(typeof note === 'string' && note.trim() ? { note } : {}) });
  }
  return map;
}

