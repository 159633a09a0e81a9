// The store: each service's certification record in .certify/<service>/record.json, written
// atomically (temp file + rename) under the per-service lock. A record that cannot be read is
// reported and kept; Certify never replaces it without being told to set it aside.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createEmptyRecord, RECORD_SCHEMA_VERSION, SERVICE_NAME_PATTERN, type CertificationRecord } from '../core/record';
import { validateRecord } from '../core/recordShape';
import { recordPath, STORE_DIR } from '../repo/layout';
import { withServiceLock, type LockOptions } from './lock';

export type StoredRecord =
  | { kind: 'missing'; file: string }
  | { kind: 'ok'; file: string; record: CertificationRecord }
  /** Unparseable or structurally wrong: `problems` says what, the file is untouched. */
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

export async function loadRecord(root: string, service: string): Promise<StoredRecord> {
  const file = recordFile(root, service);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', file };
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', file, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > RECORD_SCHEMA_VERSION) return { kind: 'newer', file, schemaVersion: version };
  const checked = validateRecord(data);
  if (!checked.ok) return { kind: 'corrupt', file, problems: checked.problems };
  if (checked.record.service !== service) {
    return { kind: 'corrupt', file, problems: [`service: the record is for "${checked.record.service}", not "${service}"`] };
  }
  return { kind: 'ok', file, record: checked.record };
}

/**
 * The records of many services. The store's folder is listed once, so a service with no record
 * yet (most of them, in a repo being taken up) costs no failed read.
 */
export async function loadRecords(root: string, services: readonly string[]): Promise<Map<string, StoredRecord>> {
  let stored: Set<string>;
  try {
    stored = new Set(await fs.readdir(path.join(root, STORE_DIR)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    stored = new Set();
  }
  const loaded = await Promise.all(
    services.map(async (service): Promise<[string, StoredRecord]> => [
      service,
      stored.has(service) ? await loadRecord(root, service) : { kind: 'missing', file: recordFile(root, service) },
    ]),
  );
  return new Map(loaded);
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
 */
export async function updateRecord(
  root: string,
  service: string,
  options: UpdateOptions,
  change: (record: CertificationRecord) => CertificationRecord,
): Promise<UpdateResult> {
  const now = options.now ?? (() => new Date());
  return withServiceLock(serviceDir(root, service), options, async () => {
    const stored = await loadRecord(root, service);
    let setAside: string | undefined;
    let current: CertificationRecord;
    if (stored.kind === 'ok') current = stored.record;
    else if (stored.kind === 'missing') current = createEmptyRecord(service, now());
    else if (stored.kind === 'corrupt' && options.setAsideCorrupt) {
      setAside = await setAsideFile(stored.file, now());
      current = createEmptyRecord(service, now());
    } else throw new RecordUnavailableError(stored);

    const next = change(current);
    await writeAtomically(stored.file, `${JSON.stringify(next, null, 2)}\n`);
    return { record: next, setAside };
  });
}

async function setAsideFile(file: string, now: Date): Promise<string> {
  const target = path.join(path.dirname(file), `record.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.rename(file, target);
  return target;
}

/** Temp file in the same folder, flushed, then renamed over the target: readers see old or new, never half. */
export async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
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
