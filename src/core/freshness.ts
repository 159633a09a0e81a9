// Whether a certification still holds: what it certified (a digest of each of the service's
// inputs — role files, playbooks, definition, its backup and restore entries) compared with the
// repo now, and its age against the repo's re-certification interval.

import { serviceProgress } from './gates';
import type { CertificationRecord } from './record';
import { isIsoTimestamp } from './shapeCheck';
import { STEP_IDS, stepById, type StepId } from './steps';

/** What a certification certified: one SHA-256 per input, keyed by a repo-relative name. */
export interface CertifiedInputs {
  /** One digest over every entry of `files`, sorted by name: equal digests, equal inputs. */
  digest: string;
  /**
   * "roles/notes/defaults/main.yml" → sha256 of the file; a backup or restore entry is keyed
   * "<file>#<what>" ("roles/backup/defaults/main.yml#backup_services.notes").
   */
  files: Record<string, string>;
  /**
   * Inputs that exist but could not be read (a link out of the repo, a FIFO, a file too large),
   * each with why. They are not in `files`: Certify cannot vouch for what they hold.
   */
  unreadable?: Record<string, string>;
}

/**
 * 'fresh': certified and nothing it certified changed, within the interval; 'stale': an input
 * changed since; 'due': unchanged but older than the re-certification interval; 'uncertified':
 * no completed certification yet.
 */
export const FRESHNESS_STATES = ['fresh', 'stale', 'due', 'uncertified'] as const;
export type FreshnessState = (typeof FRESHNESS_STATES)[number];

export interface ChangedInput {
  /** A key of CertifiedInputs.files. */
  name: string;
  change: 'modified' | 'added' | 'removed';
}

export interface Freshness {
  state: FreshnessState;
  /** When the last completed certification finished. */
  certifiedAt?: string;
  /** When the interval runs out (absent when the repo sets none). */
  dueAt?: string;
  changed: ChangedInput[];
  /** The steps the changes put in doubt, in workflow order: what must run again. */
  rerun: StepId[];
  /** One plain sentence: "Stale: roles/notes/defaults/main.yml changed since 2026-12-04; re-run steps 1–9." */
  summary: string;
}

/** The certify.yml key that sets the re-certification interval, in days. */
export const RECERTIFY_SETTING = 'recertify_after_days';

/**
 * What the changes put in doubt, from the workflow:
 *
 * | changed input                                  | re-run                         |
 * |------------------------------------------------|--------------------------------|
 * | a role file, the deploy playbook, the definition | 1–9: all nine                |
 * | a backup or restore entry only                 | 4, 6, 7, 8, 9                  |
 * | a test-data script only (populate, verify)     | 5, 6, 7, 8, 9                  |
 * | nothing, but older than the interval ('due')   | 1–9: all nine                  |
 *
 * A role, playbook or definition is what Step 1 deploys, Step 2 probes and Step 3 recreates;
 * everything after proves something about that deployment, so all nine are in doubt.
 * A backup or restore entry (the service's toggle, its map entries) is judged by Step 4 (its
 * criteria are the backup and restore roles' coverage, defaults and toggles), run by Step 6 and
 * Step 7 (the test backup and the baseline are what the backup role makes of it), and proved by
 * Steps 8 and 9 (the restore from that baseline into a wiped container). A restore entry puts the
 * backup steps in doubt too: Step 9 certifies the backup and the restore as one pair, the baseline
 * of Step 7 restored by the roles as they are. Step 5 is not in doubt: its test data stays in
 * the service (Step 9 restored it) and is what the new baseline must hold. (Starting Step 4
 * again still resets Steps 5–9 in the record: the engine re-opens the whole chain after the first
 * step re-run; `stepsResetBy` says so before it starts.)
 * A test-data script makes Step 5's data and fingerprint, which every later step carries: the
 * backup must hold that data, and Step 9 compares the restore with that fingerprint.
 */
const DEPLOY_RERUN: readonly StepId[] = STEP_IDS;
const ENTRY_RERUN: readonly StepId[] = ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify'];
const TEST_DATA_RERUN: readonly StepId[] = ['populate', 'test-backup', 'execute-backup', 'wipe', 'restore-verify'];

/** The suffix naming a test-data script among the inputs: "scripts/populate-notes-testdata.sh#test-data". */
export const TEST_DATA_INPUT = 'test-data';

/** A backup or restore entry: "<defaults or task file>.yml#<what>"; anything else is a file of its own. */
export function isEntryInput(name: string): boolean {
  return /^[^#]+\.ya?ml#./.test(name);
}

function rerunOf(name: string): readonly StepId[] {
  if (name.endsWith(`#${TEST_DATA_INPUT}`)) return TEST_DATA_RERUN;
  return isEntryInput(name) ? ENTRY_RERUN : DEPLOY_RERUN;
}

/** When `record`'s certification completed: Step 9's pass, only with all nine steps passed. */
export function completedAt(record: CertificationRecord): string | undefined {
  return serviceProgress(record).state === 'certified' ? record.steps['restore-verify'].finishedAt : undefined;
}

/**
 * The interval certify.yml sets (its parsed mapping), or undefined when it sets none or a value
 * that is not a whole number of days ≥ 1 (validation reports that one where it is written).
 */
export function recertifyAfterDays(settings: unknown): number | undefined {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return undefined;
  const value = (settings as Record<string, unknown>)[RECERTIFY_SETTING];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** What differs between two sets of inputs, by name. */
export function changedInputs(certified: CertifiedInputs, current: CertifiedInputs): ChangedInput[] {
  const changed: ChangedInput[] = [];
  for (const [name, digest] of Object.entries(certified.files)) {
    const now = current.files[name];
    // Still there but unreadable now: what it holds cannot be vouched for, so it counts as modified.
    if (now === undefined) changed.push({ name, change: current.unreadable?.[name] !== undefined ? 'modified' : 'removed' });
    else if (now !== digest) changed.push({ name, change: 'modified' });
  }
  for (const name of Object.keys(current.files)) if (certified.files[name] === undefined) changed.push({ name, change: 'added' });
  return changed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The steps `changed` puts in doubt, in workflow order (see the table above). */
export function rerunFor(changed: readonly ChangedInput[]): StepId[] {
  const doubted = new Set<StepId>();
  for (const { name } of changed) for (const step of rerunOf(name)) doubted.add(step);
  return STEP_IDS.filter((step) => doubted.has(step));
}

export interface FreshnessOptions {
  /** When the certification completed (completedAt of its record); absent with nothing certified. */
  certifiedAt?: string;
  /** certify.yml's recertify_after_days. */
  intervalDays?: number;
  now: Date | string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Inputs of nothing: what to compare against when there is no certification to judge. */
export const NO_INPUTS: CertifiedInputs = Object.freeze({ digest: '', files: Object.freeze({}) }) as CertifiedInputs;

/**
 * Whether the certification that recorded `certified` at `certifiedAt` still holds for the
 * repo's `current` inputs. A certification whose inputs were never recorded (one completed
 * before Certify kept them) cannot be vouched for: it is stale, with all nine steps to re-run.
 * Throws on a time that is not one: that is the caller's bug.
 */
export function freshness(certified: CertifiedInputs | undefined, current: CertifiedInputs, options: FreshnessOptions): Freshness {
  const now = timeOf(options.now, 'now');
  const { certifiedAt } = options;
  if (certifiedAt === undefined) {
    return { state: 'uncertified', changed: [], rerun: [...DEPLOY_RERUN], summary: 'Not certified: no certification of this service has passed all nine steps yet.' };
  }
  const since = day(timeOf(certifiedAt, 'certifiedAt'));
  const dueTime = options.intervalDays === undefined ? undefined : timeOf(certifiedAt, 'certifiedAt') + options.intervalDays * DAY_MS;
  const dueAt = dueTime === undefined ? undefined : new Date(dueTime).toISOString();
  const dated = { certifiedAt, ...(dueAt === undefined ? {} : { dueAt }) };
  const overdue = dueTime !== undefined && now >= dueTime;
  const alsoDue = overdue && dueAt !== undefined ? ` (it was also due for re-certification on ${day(Date.parse(dueAt))})` : '';

  if (certified === undefined) {
    return {
      state: 'stale',
      ...dated,
      changed: [],
      rerun: [...DEPLOY_RERUN],
      summary: `Stale: certified ${since}, but what it certified was not recorded; re-run ${stepsText(DEPLOY_RERUN)} to record it${alsoDue}.`,
    };
  }
  const changed = changedInputs(certified, current);
  if (changed.length > 0) {
    const rerun = rerunFor(changed);
    return { state: 'stale', ...dated, changed, rerun, summary: `Stale: ${namesText(changed)} changed since ${since}; re-run ${stepsText(rerun)}${alsoDue}.` };
  }
  if (overdue && dueAt !== undefined) {
    return {
      state: 'due',
      ...dated,
      changed,
      rerun: [...DEPLOY_RERUN],
      summary: `Due: certified ${since}, more than ${options.intervalDays} days ago (due ${day(Date.parse(dueAt))}); re-run ${stepsText(DEPLOY_RERUN)} to re-certify.`,
    };
  }
  const next = dueAt === undefined ? '' : `; due for re-certification on ${day(Date.parse(dueAt))}`;
  return { state: 'fresh', ...dated, changed, rerun: [], summary: `Fresh: certified ${since} and nothing it certified has changed${next}.` };
}

function timeOf(value: Date | string, what: string): number {
  const time = value instanceof Date ? value.getTime() : isIsoTimestamp(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new RangeError(`freshness: ${what} ${String(value)} is not a valid time.`);
  return time;
}

const day = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** "a", "a and b", "a, b and 3 more": the first names say where to look; the list has them all. */
function namesText(changed: readonly ChangedInput[]): string {
  const names = changed.map((input) => input.name);
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** "step 9", "steps 1–9", "steps 4, 6–9": runs of consecutive step numbers as ranges. */
export function stepsText(steps: readonly StepId[]): string {
  const numbers = steps.map((step) => stepById(step).number as number);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(j - i >= 2 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return `${numbers.length === 1 ? 'step' : 'steps'} ${parts.join(', ')}`;
}
