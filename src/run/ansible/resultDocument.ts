// The JSON document certify_result.py writes at Ansible's play recap, and its shape check: the
// file comes from another program and may be cut short or edited, so nothing in it is trusted
// before every field has been looked at.

export const RESULT_FORMAT_VERSION = 1;

/** Ansible's own per-host counters, as in the PLAY RECAP line. */
export interface HostStats {
  readonly ok: number;
  readonly changed: number;
  readonly failures: number;
  readonly unreachable: number;
  readonly skipped: number;
  readonly rescued: number;
  readonly ignored: number;
}

/** A task (or handler) that reported a change on one host; a loop is one entry with its item count. */
export interface ChangedTask {
  readonly host: string;
  /** The task's name as Ansible shows it after "role : " (its action when it has no name). */
  readonly task: string;
  readonly role: string | null;
  readonly action: string;
  /** "file:line" of the task's definition. */
  readonly path: string | null;
  readonly handler: boolean;
  readonly items: number | null;
}

export interface FailedTask {
  readonly host: string;
  readonly task: string;
  readonly role: string | null;
  readonly path: string | null;
  /** Ansible's message (and stderr, and each failed item's message), at most 2000 characters. */
  readonly msg: string;
  readonly unreachable: boolean;
  /** ignore_errors: Ansible carried on, and counts it under `ignored`, not `failures`. */
  readonly ignored: boolean;
}

export interface AnsibleResult {
  readonly version: typeof RESULT_FORMAT_VERSION;
  readonly playbook: string | null;
  readonly started: string;
  readonly finished: string;
  readonly stats: Readonly<Record<string, HostStats>>;
  readonly changed: readonly ChangedTask[];
  readonly failed: readonly FailedTask[];
}

export type ParsedResult = { ok: true; result: AnsibleResult } | { ok: false; problem: string };

const STAT_KEYS = ['ok', 'changed', 'failures', 'unreachable', 'skipped', 'rescued', 'ignored'] as const;

/** The document in `text`, or what is wrong with it (completing "results file is damaged: …"). */
export function parseResultDocument(text: string): ParsedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  if (!isObject(data)) return { ok: false, problem: 'not a JSON object' };
  if (data.version !== RESULT_FORMAT_VERSION) return { ok: false, problem: `format version ${JSON.stringify(data.version)}, this Certify reads version ${RESULT_FORMAT_VERSION}` };
  const problems: string[] = [];
  const check = (ok: boolean, where: string): void => {
    if (!ok) problems.push(where);
  };
  check(data.playbook === null || typeof data.playbook === 'string', 'playbook');
  check(isTimestamp(data.started), 'started');
  check(isTimestamp(data.finished), 'finished');
  if (!isObject(data.stats)) check(false, 'stats');
  else for (const [host, stats] of Object.entries(data.stats)) check(isObject(stats) && STAT_KEYS.every((key) => isCount(stats[key])), `stats.${host}`);
  if (!Array.isArray(data.changed)) check(false, 'changed');
  else data.changed.forEach((entry, index) => check(isChangedTask(entry), `changed[${index}]`));
  if (!Array.isArray(data.failed)) check(false, 'failed');
  else data.failed.forEach((entry, index) => check(isFailedTask(entry), `failed[${index}]`));
  if (problems.length > 0) return { ok: false, problem: `unexpected ${problems.slice(0, 3).join(', ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}` };
  return { ok: true, result: data as unknown as AnsibleResult };
}

function isChangedTask(entry: unknown): boolean {
  return (
    isObject(entry) &&
    typeof entry.host === 'string' &&
    typeof entry.task === 'string' &&
    isNullableString(entry.role) &&
    typeof entry.action === 'string' &&
    isNullableString(entry.path) &&
    typeof entry.handler === 'boolean' &&
    (entry.items === null || isCount(entry.items))
  );
}

function isFailedTask(entry: unknown): boolean {
  return (
    isObject(entry) &&
    typeof entry.host === 'string' &&
    typeof entry.task === 'string' &&
    isNullableString(entry.role) &&
    isNullableString(entry.path) &&
    typeof entry.msg === 'string' &&
    typeof entry.unreachable === 'boolean' &&
    typeof entry.ignored === 'boolean'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
