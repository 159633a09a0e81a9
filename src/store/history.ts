// Every completed certification, kept: .certify/<service>/history/<certifiedAt>.json holds the
// record as it stood when Step 9 passed and the inputs it certified (repo/certifiedInputs), so
// the history can be shown and the last certification judged against the repo now. Entries are
// written atomically and never changed. Reading follows records.ts's rules: no link out of the
// repo is followed, nothing but a regular file is opened, nothing is read past a size limit,
// and a damaged or foreign file is reported and skipped, never deleted.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { completedAt, freshness, NO_INPUTS, type CertifiedInputs, type Freshness } from '../core/freshness';
import { SERVICE_NAME_PATTERN, type CertificationRecord } from '../core/record';
import { validateRecord } from '../core/recordShape';
import type { RepoModel, Service } from '../core/service';
import { ShapeChecker } from '../core/shapeCheck';
import { certifiedInputs, inputsDigest, recertifyInterval } from '../repo/certifiedInputs';
import { STORE_DIR } from '../repo/layout';
import { writeAtomically } from './atomicWrite';
import { readBounded } from './boundedRead';
import { MAX_RECORD_BYTES, serviceDir } from './records';
import { describeIoError, StoreError } from './storeError';
import { ensureFolders, kindOf, locate, realRoot, shown } from './storePath';

export const HISTORY_DIR = 'history';
/** Bumped when an entry written by this version could be misread by an older one. */
export const HISTORY_SCHEMA_VERSION = 1 as const;
/** A record and its inputs: twice what a record may take is more than any real entry. */
export const MAX_HISTORY_ENTRY_BYTES = 2 * MAX_RECORD_BYTES;

export interface HistoryEntry {
  /** When Step 9 passed (the record's completion time). */
  certifiedAt: string;
  /** The entry's file, absolute. */
  file: string;
  record: CertificationRecord;
  inputs: CertifiedInputs;
}

/** A file in the history folder that is not an entry Certify can use; it is left as it is. */
export interface SkippedHistoryFile {
  file: string;
  problems: string[];
}

export interface History {
  /** Oldest first. */
  entries: HistoryEntry[];
  skipped: SkippedHistoryFile[];
}

/** The folder (absolute) that holds a service's history. */
export function historyDir(root: string, service: string): string {
  return path.join(serviceDir(root, service), HISTORY_DIR);
}

/**
 * The entry's file name: its time in UTC with ':' and '.' as '-' (names with ':' cannot be
 * checked out on Windows), "2026-12-04T23-15-00-000Z.json".
 */
export function historyFileName(certifiedAt: string): string {
  return `${new Date(certifiedAt).toISOString().replace(/[:.]/g, '-')}.json`;
}

const ENTRY_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/;
/** A save in progress (atomicWrite's temp file): the writer's own, removed by it. */
const SAVING = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json\.\d+\.[0-9a-f]+\.tmp$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Keeps a completed certification with what it certified. Returns the file written. A record
 * that is not certified (all nine passed) is the caller's bug: it throws.
 */
export async function saveCertification(root: string, record: CertificationRecord, inputs: CertifiedInputs): Promise<string> {
  const certifiedAt = completedAt(record);
  if (certifiedAt === undefined) throw new RangeError(`saveCertification: the record of ${record.service} is not certified (all nine steps passed).`);
  if (!SERVICE_NAME_PATTERN.test(record.service)) throw new RangeError(`"${record.service}" is not a valid service name.`);
  const real = await realRoot(root);
  const dir = await ensureFolders(real, real, [STORE_DIR, record.service, HISTORY_DIR]);
  const file = path.join(historyDir(root, record.service), historyFileName(certifiedAt));
  if (dir.kind !== 'found') {
    throw new StoreError(`could not keep the certification in ${file}: ${dir.kind === 'refused' ? dir.problem : 'its folder could not be created'}.`);
  }
  const entry = { schemaVersion: HISTORY_SCHEMA_VERSION, certifiedAt, record, inputs };
  await writeAtomically(path.join(dir.real, historyFileName(certifiedAt)), `${JSON.stringify(entry, null, 2)}\n`);
  return file;
}

/** A service's certifications, oldest first. Never throws for what is on disk. */
export async function loadHistory(root: string, service: string): Promise<History> {
  const history: History = { entries: [], skipped: [] };
  const folder = historyDir(root, service);
  let real: string;
  try {
    real = await fs.realpath(root);
  } catch (error) {
    return { ...history, skipped: [{ file: folder, problems: [`the repo ${root} cannot be opened: ${describeIoError(error)}`] }] };
  }
  const located = await locate(real, real, [STORE_DIR, service, HISTORY_DIR]);
  if (located.kind === 'missing') return history;
  if (located.kind === 'refused') return { ...history, skipped: [{ file: folder, problems: [located.problem] }] };
  if (!located.stat.isDirectory()) {
    return { ...history, skipped: [{ file: folder, problems: [`${shown(real, located.entry)} is ${kindOf(located.stat)}, not a folder: Certify keeps past certifications in that folder; move the file away`] }] };
  }
  let names: string[];
  try {
    names = (await fs.readdir(located.real)).sort();
  } catch (error) {
    return { ...history, skipped: [{ file: folder, problems: [`${shown(real, located.entry)} cannot be listed: ${describeIoError(error)}`] }] };
  }
  for (const name of names) {
    if (SAVING.test(name)) continue;
    const file = path.join(folder, name);
    if (!ENTRY_NAME.test(name)) {
      history.skipped.push({ file, problems: [`not a certification Certify wrote (entries are named <time>.json, like ${historyFileName('2026-12-04T23:15:00.000Z')}): move it out of ${STORE_DIR}/${service}/${HISTORY_DIR}`] });
      continue;
    }
    const found = await locate(real, located.real, [name]);
    if (found.kind === 'missing') continue;
    if (found.kind === 'refused') {
      history.skipped.push({ file, problems: [found.problem] });
      continue;
    }
    const read = await readBounded(found.real, found.stat, MAX_HISTORY_ENTRY_BYTES);
    if (read.kind === 'missing') continue;
    if (read.kind === 'refused') {
      history.skipped.push({ file, problems: [`${shown(real, found.entry)} ${read.problem}`] });
      continue;
    }
    const parsed = parseEntry(read.bytes, service, name);
    if ('problems' in parsed) history.skipped.push({ file, problems: parsed.problems });
    else history.entries.push({ ...parsed, file });
  }
  history.entries.sort((a, b) => Date.parse(a.certifiedAt) - Date.parse(b.certifiedAt));
  return history;
}

function parseEntry(bytes: Buffer, service: string, name: string): Omit<HistoryEntry, 'file'> | { problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Neither message says more than this; the file is kept for a person to look at.
    return { problems: ['not valid UTF-8 JSON: repair it or move it away'] };
  }
  const c = new ShapeChecker();
  const root = c.object(data, '', ['schemaVersion', 'certifiedAt', 'record', 'inputs']);
  if (!root) return { problems: c.problems };
  if (typeof root.schemaVersion === 'number' && root.schemaVersion > HISTORY_SCHEMA_VERSION) {
    return { problems: [`written by a newer Certify (history schema ${root.schemaVersion}); update Certify to read it`] };
  }
  if (root.schemaVersion !== HISTORY_SCHEMA_VERSION) c.add('schemaVersion', `expected ${HISTORY_SCHEMA_VERSION}`);
  const certifiedAt = c.timestamp(root.certifiedAt, 'certifiedAt');
  checkInputs(c, root.inputs);
  const record = validateRecord(root.record);
  if (!record.ok) return { problems: [...c.problems, ...record.problems.map((problem) => (problem.startsWith('record:') ? problem : `record.${problem}`))] };
  if (record.record.service !== service) c.add('record.service', `the certification is of "${record.record.service}", not "${service}"`);
  if (certifiedAt !== undefined) {
    if (completedAt(record.record) !== certifiedAt) c.add('certifiedAt', 'is not when the record says its certification completed');
    else if (historyFileName(certifiedAt) !== name) c.add('certifiedAt', `is ${certifiedAt}, but the file is named for another time`);
  }
  if (!c.ok) return { problems: c.problems };
  return { certifiedAt: certifiedAt as string, record: record.record, inputs: root.inputs as CertifiedInputs };
}

function checkInputs(c: ShapeChecker, value: unknown): void {
  const inputs = c.object(value, 'inputs', ['digest', 'files'], ['unreadable']);
  if (!inputs) return;
  const files = c.map(inputs.files, 'inputs.files');
  for (const [name, digest] of Object.entries(files ?? {})) {
    if (typeof digest !== 'string' || !SHA256.test(digest)) c.add(`inputs.files.${name}`, 'expected a SHA-256 (64 hex digits)');
  }
  for (const [name, why] of Object.entries(c.map(inputs.unreadable, 'inputs.unreadable') ?? {})) c.string(why, `inputs.unreadable.${name}`);
  if (files && c.ok && inputs.digest !== inputsDigest(files as Record<string, string>)) c.add('inputs.digest', 'does not match its files (the entry was edited)');
}

export interface HistoryFreshness {
  history: History;
  freshness: Freshness;
}

export interface FreshnessNow {
  /** certify.yml's recertify_after_days; read from the repo when left out (null: no interval). */
  intervalDays?: number | null;
  now?: Date;
  /** The service's record: a certification it completed that the history lacks is stale, not fresh. */
  record?: CertificationRecord;
}

/**
 * The service's last certification judged against the repo as it is now, with its history: what
 * the CLI, the tree and the report show. The repo's inputs are read only when there is a
 * certification to compare them with.
 */
export async function historyFreshness(model: RepoModel, service: Service, options: FreshnessNow = {}): Promise<HistoryFreshness> {
  const history = await loadHistory(model.root, service.name);
  const recorded = options.record ? completedAt(options.record) : undefined;
  // The record's own completion wins: a later certification whose entry is missing is not vouched for by an older one.
  const last = recorded !== undefined ? history.entries.find((entry) => entry.certifiedAt === recorded) : history.entries[history.entries.length - 1];
  const certifiedAt = recorded ?? last?.certifiedAt;
  const current = certifiedAt === undefined ? NO_INPUTS : await certifiedInputs(model, service);
  const intervalDays = options.intervalDays === undefined ? await recertifyInterval(model.root) : options.intervalDays;
  const judged = freshness(last?.inputs, current, {
    ...(certifiedAt === undefined ? {} : { certifiedAt }),
    ...(intervalDays === null || intervalDays === undefined ? {} : { intervalDays }),
    now: options.now ?? new Date(),
  });
  return { history, freshness: judged };
}
