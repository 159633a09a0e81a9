// Reads repo files by the thousand. A large repo is read by a worker thread with synchronous
// reads, handing texts back in batches: on a small machine that is several times faster than
// thousands of async reads (each one four round trips through libuv's pool, each with a
// callback on the extension host's thread), and it keeps the file system off that thread.
// A small repo is read with async reads: a worker costs more to start (~40 ms) than they take.

import { readFile } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/findings';
import { readInWorker } from './filesWorker';
import { MAX_YAML_BYTES } from '../yaml/parse';

/** Called with each text as it arrives, so parsing overlaps the reads still in flight. */
export type OnText = (relative: string, text: string) => void;

/**
 * Each entry names one file: the first of its candidates that exists (e.g. a role's
 * defaults/main.yml, else defaults/main.yaml). A missing file is normal and adds nothing.
 */
export type FileChoices = readonly (string | readonly string[])[];

export type ReadMode = 'auto' | 'async' | 'worker';

export interface ReadOptions {
  onText?: OnText;
  mode?: ReadMode;
  /** The worker's driver; tests pass one that fails part-way to check that nothing is lost. */
  readInWorker?: typeof readInWorker;
}

/** Below this many files async reads finish before a worker would have started (~40 ms). */
export const WORKER_THRESHOLD = 600;

/** Async reads in flight at once: four per thread of libuv's pool keeps it busy. */
const ASYNC_READERS = 16;

/**
 * Reads the chosen files into `texts` (calling `onText` for each as it arrives); files that
 * exist but cannot be read, or are too large, become findings.
 *
 * A large repo is read by the worker alone: async reads beside it while it starts were measured
 * to cost the extension host's thread ~50 ms more for no earlier end. A worker that cannot
 * start or fails is not an error: the files it did not deliver are then read with async reads.
 */
export async function readRepoFiles(
  root: string,
  choices: FileChoices,
  texts: Map<string, string>,
  findings: Finding[],
  options: ReadOptions = {},
): Promise<void> {
  const lists = choices.map((choice) => (typeof choice === 'string' ? [choice] : choice));
  const mode = options.mode ?? 'auto';
  const delivered = new Uint8Array(lists.length);
  if (mode === 'worker' || (mode === 'auto' && lists.length >= WORKER_THRESHOLD)) {
    const limits = { maxBytes: MAX_YAML_BYTES, absentCodes: ABSENT_CODES };
    const finished = await (options.readInWorker ?? readInWorker)(root, lists, limits, (i, result) => {
      delivered[i] = 1;
      if (result.kind === 'text') {
        texts.set(result.file, result.text);
        options.onText?.(result.file, result.text);
      } else if (result.kind === 'too-large') findings.push(tooLargeFinding(result.file));
      else if (result.kind === 'unreadable') findings.push(unreadableFinding(result.file, result.code));
    });
    if (finished) return;
  }
  const pending = lists.flatMap((list, i) => (delivered[i] ? [] : [list]));
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < pending.length) await readFirst(root, pending[next++], texts, findings, options.onText);
  };
  await Promise.all(Array.from({ length: Math.min(ASYNC_READERS, pending.length) }, reader));
}

async function readFirst(root: string, candidates: readonly string[], texts: Map<string, string>, findings: Finding[], onText?: OnText): Promise<void> {
  for (const relative of candidates) {
    const outcome = await readRepoFile(root, relative, texts, findings);
    if (outcome === 'read') onText?.(relative, texts.get(relative) as string);
    if (outcome !== 'absent') return;
  }
}

/**
 * Reads a repo file into `texts` when it exists; a missing file is normal and adds nothing,
 * any other failure (permissions, size) becomes a finding.
 */
export async function readRepoFile(
  root: string,
  relative: string,
  texts: Map<string, string>,
  findings: Finding[],
): Promise<'read' | 'absent' | 'failed'> {
  try {
    const text = await readText(path.join(root, relative));
    // Checked after reading: one read per file is what keeps discovery of large repos fast, and
    // no file under roles/, playbooks/ or services/ is big enough for this to cost memory.
    if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
      findings.push(tooLargeFinding(relative));
      return 'failed';
    }
    texts.set(relative, text);
    return 'read';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isAbsent(code)) return 'absent';
    findings.push(unreadableFinding(relative, code ?? String(error)));
    return 'failed';
  }
}

/** Error codes that mean "no such file": normal, not a finding. */
const ABSENT_CODES: readonly string[] = ['ENOENT', 'ENOTDIR', 'EISDIR'];

export function isAbsent(code: string | undefined): boolean {
  return code !== undefined && ABSENT_CODES.includes(code);
}

/** fs.readFile through its callback form: measured about twice as fast as fs.promises.readFile for thousands of small files. */
function readText(absolute: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(absolute, 'utf8', (error, text) => (error ? reject(error) : resolve(text))));
}

function tooLargeFinding(relative: string): Finding {
  return {
    file: relative,
    line: 1,
    ruleId: 'yaml-too-large',
    severity: 'error',
    message: `File is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB and was not read; split it into smaller files.`,
  };
}

function unreadableFinding(relative: string, code: string): Finding {
  return { file: relative, line: 1, ruleId: 'file-unreadable', severity: 'error', message: `Cannot read this file (${code}); check its permissions.` };
}
