// The store: each service's certification record in .certify/<service>/record.json, written
// atomically (atomicWrite) under the per-service lock. Whatever is on disk in its place — a
// folder, a FIFO, a device, a link out of the repo, a huge or unreadable file — is reported as a
// damaged record and kept; Certify never replaces it without being told to set it aside, and
// never reads or writes outside the repo.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createEmptyRecord, RECORD_SCHEMA_VERSION, SERVICE_NAME_PATTERN, type CertificationRecord } from '../core/record';
import { validateRecord } from '../core/recordShape';
import { recordPath, STORE_DIR } from '../repo/layout';
import { writeAtomically } from './atomicWrite';
import { readBounded } from './boundedRead';
import { withServiceLock, type LockOptions } from './lock';
import { describeIoError, errnoCode, StoreError } from './storeError';
import { ensureFolders, kindOf, locate, realRoot, shown, type Located } from './storePath';

export type StoredRecord =
  | { kind: 'missing'; file: string }
  | { kind: 'ok'; file: string; record: CertificationRecord }
  /**
   * Not a record Certify can use — unparseable, structurally wrong, or not a readable file inside
   * the repo (a folder, FIFO, device, link out, too large, unreadable): `problems` says what and
   * what to do; the file is untouched.
   */
  | { kind: 'corrupt'; file: string; problems: string[] }
  /** Written by a newer Certify: readable by that version only, never overwritten. */
  | { kind: 'newer'; file: string; schemaVersion: number };

export class RecordUnavailableError extends Error {
  constructor(readonly stored: Exclude<StoredRecord, { kind: 'ok' } | { kind: 'missing' }>) {
    super(describeUnavailable(stored));
    this.name = 'RecordUnavailableError';
  }
}

export function serviceDir(root: string, service: string): string {
  if (!SERVICE_NAME_PATTERN.test(service)) throw new Error(`"${service}" is not a valid service name (lowercase letters, digits, dashes, underscores).`);
  return path.join(root, STORE_DIR, service);
}

export function recordFile(root: string, service: string): string {
  return path.join(serviceDir(root, service), path.posix.basename(recordPath(service)));
}

/** Records are small JSON files; anything this large is not one and is never read whole. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const RECORD_FILE = path.posix.basename(recordPath('x'));

/** What loading found, and where a write of this record would go. */
interface Inspected {
  stored: StoredRecord;
  /** Where the new record is written: record.json, or the file it links to inside the repo. */
  target?: string;
}

/** Never throws for what is on disk: anything that is not a readable record is reported as damaged. */
export async function loadRecord(root: string, service: string): Promise<StoredRecord> {
  const file = recordFile(root, service);
  const store = await locateStore(root);
  if (store.kind !== 'found') return store.kind === 'missing' ? { kind: 'missing', file } : corrupt(file, store.problem);
  return (await inspect(store.root, store.located.real, service, file)).stored;
}

/**
 * The records of many services. The store's folder is listed once, so a service with no record
 * yet (most of them, in a repo being taken up) costs no failed read.
 */
export async function loadRecords(root: string, services: readonly string[]): Promise<Map<string, StoredRecord>> {
  const store = await locateStore(root);
  // A real folder listed here needs no second look; anything else (a link, a file) is walked.
  let stored = new Map<string, boolean>();
  if (store.kind === 'found') {
    try {
      stored = new Map((await fs.readdir(store.located.real, { withFileTypes: true })).map((entry) => [entry.name, entry.isDirectory()]));
    } catch (error) {
      return new Map(services.map((service) => [service, corrupt(recordFile(root, service), `${STORE_DIR} cannot be listed: ${describeIoError(error)}`)]));
    }
  }
  const loaded = await Promise.all(
    services.map(async (service): Promise<[string, StoredRecord]> => {
      const file = recordFile(root, service);
      if (store.kind === 'refused') return [service, corrupt(file, store.problem)];
      const folder = stored.get(service);
      if (store.kind === 'missing' || folder === undefined) return [service, { kind: 'missing', file }];
      return [service, (await inspect(store.root, store.located.real, service, file, folder)).stored];
    }),
  );
  return new Map(loaded);
}

type Store = { kind: 'found'; root: string; located: Extract<Located, { kind: 'found' }> } | { kind: 'missing' } | { kind: 'refused'; problem: string };

async function locateStore(root: string): Promise<Store> {
  let real: string;
  try {
    real = await fs.realpath(root);
  } catch (error) {
    // The repo itself is gone (deleted while Certify ran): it holds no records.
    if (errnoCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', problem: `the repo ${root} cannot be opened: ${describeIoError(error)}` };
  }
  const located = await locate(real, real, [STORE_DIR]);
  if (located.kind !== 'found') return located;
  if (!located.stat.isDirectory()) return { kind: 'refused', problem: `${STORE_DIR} is ${kindOf(located.stat)}, not a folder: Certify keeps its records in that folder; move the file away` };
  return { kind: 'found', root: real, located };
}

/**
 * `storeDir`: the real path of .certify inside the real repo `root`. `realFolder`: the service's
 * folder is already known to be a real folder (not a link), so only record.json is looked at.
 */
async function inspect(root: string, storeDir: string, service: string, file: string, realFolder = false): Promise<Inspected> {
  const located = realFolder ? await locate(root, path.join(storeDir, service), [RECORD_FILE]) : await locate(root, storeDir, [service, RECORD_FILE]);
  if (located.kind === 'missing') return { stored: { kind: 'missing', file } };
  if (located.kind === 'refused') return { stored: corrupt(file, located.problem) };
  const place = { target: located.real };
  const read = await readBounded(located.real, located.stat, MAX_RECORD_BYTES);
  if (read.kind === 'missing') return { stored: { kind: 'missing', file }, ...place };
  if (read.kind === 'refused') return { stored: corrupt(file, `${shown(root, located.entry)} ${read.problem}`), ...place };
  return { stored: parseRecord(file, service, read.bytes), ...place };
}

function parseRecord(file: string, service: string, bytes: Buffer): StoredRecord {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The decoder's error says nothing more than this.
    return corrupt(file, 'not valid UTF-8 text');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return corrupt(file, jsonProblem(text, error));
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > RECORD_SCHEMA_VERSION) return { kind: 'newer', file, schemaVersion: version };
  const checked = validateRecord(data);
  if (!checked.ok) return { kind: 'corrupt', file, problems: checked.problems };
  if (checked.record.service !== service) {
    return corrupt(file, `service: the record is for "${checked.record.service}", not "${service}"`);
  }
  return { kind: 'ok', file, record: checked.record };
}

/** Where the JSON breaks, without quoting the text (V8's message quotes the file's first bytes). */
function jsonProblem(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return /end of JSON input/.test((error as Error).message) ? 'not valid JSON (it ends too early)' : 'not valid JSON';
  const before = text.slice(0, Number(position)).split('\n');
  return `not valid JSON (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

function corrupt(file: string, problem: string): Extract<StoredRecord, { kind: 'corrupt' }> {
  return { kind: 'corrupt', file, problems: [problem] };
}

export interface UpdateOptions extends LockOptions {
  /** Move a corrupt record aside (record.corrupt-<time>.json) and start a new one, instead of refusing. */
  setAsideCorrupt?: boolean;
  now?: () => Date;
}

export interface UpdateResult {
  record: CertificationRecord;
  /** Where a corrupt record was kept, when it was set aside by this update. */
  setAside?: string;
}

/**
 * Reads the record under the service's lock, applies `change` and writes the result
 * atomically. `change` returns the new record (core transitions are pure), or throws to abort.
 * A store path that leads outside the repo or is not a folder is refused (RecordUnavailableError);
 * a disk that fails is a StoreError.
 */
export async function updateRecord(
  root: string,
  service: string,
  options: UpdateOptions,
  change: (record: CertificationRecord) => CertificationRecord,
): Promise<UpdateResult> {
  const now = options.now ?? (() => new Date());
  const file = recordFile(root, service);
  const real = await realRoot(root);
  const dir = await ensureFolders(real, real, [STORE_DIR, service]);
  if (dir.kind !== 'found') throw new RecordUnavailableError(corrupt(file, dir.kind === 'refused' ? dir.problem : `${STORE_DIR}/${service} could not be created`));
  return withServiceLock(dir.real, options, async () => {
    const inspected = await inspect(real, path.dirname(dir.real), service, file);
    // record.json's own entry in the real service folder, whatever it is (file, folder, link).
    const entry = path.join(dir.real, RECORD_FILE);
    const { stored } = inspected;
    let setAside: string | undefined;
    let current: CertificationRecord;
    if (stored.kind === 'ok') current = stored.record;
    else if (stored.kind === 'missing') current = createEmptyRecord(service, now());
    else if (stored.kind === 'corrupt' && options.setAsideCorrupt) {
      setAside = await setAsideFile(entry, now());
      current = createEmptyRecord(service, now());
    } else throw new RecordUnavailableError(stored);

    const next = change(current);
    const target = setAside === undefined && inspected.target ? inspected.target : entry;
    await writeAtomically(target, `${JSON.stringify(next, null, 2)}\n`);
    return { record: next, setAside };
  });
}

/** Renames the entry itself (a file, a folder, a link), so nothing it may point to is touched. */
async function setAsideFile(entry: string, now: Date): Promise<string> {
  const target = path.join(path.dirname(entry), `record.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  try {
    await fs.rename(entry, target);
  } catch (error) {
    throw new StoreError(`could not move the damaged record ${entry} aside`, error);
  }
  return target;
}

function describeUnavailable(stored: Exclude<StoredRecord, { kind: 'ok' } | { kind: 'missing' }>): string {
  if (stored.kind === 'newer') {
    return `${stored.file} was written by a newer Certify (record schema ${stored.schemaVersion}); update Certify to use it.`;
  }
  return (
    `${stored.file} is damaged (${stored.problems.slice(0, 3).join('; ')}). Certify kept it unchanged. ` +
    'Repair it, or move it away and Certify starts a new record.'
  );
}
