// Reads repo files by the thousand, each checked first (repo/repoPaths, repo/checkedRead). A
// large repo is read by a worker thread with synchronous reads, handing texts back in batches:
// on a small machine that is several times faster than thousands of async reads (each one four
// or five round trips through libuv's pool, each with a callback on the extension host's
// thread), and it keeps the file system off that thread. A small repo is read with async
// reads: a worker costs more to start (~40 ms) than they take.

import type { Finding } from '../core/findings';
import { MAX_YAML_BYTES } from '../yaml/parse';
import { readChecked } from './checkedRead';
import { reportRefusal, type ReadOutcome } from './fileProblems';
import { readInWorker } from './filesWorker';
import { RepoPaths } from './repoPaths';

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
  /** The walk that listed the files: its resolved folders, and which files its listings saw as regular (the worker is told those). */
  paths?: RepoPaths;
}

/** Below this many files async reads finish before a worker would have started (~40 ms). */
export const WORKER_THRESHOLD = 600;

/** Async reads in flight at once: four per thread of libuv's pool keeps it busy. */
const ASYNC_READERS = 16;

/**
 * Reads the chosen files into `texts` (calling `onText` for each as it arrives). Only regular
 * files inside the repo that are UTF-8 and within the size limit are read; any other file that
 * is there becomes one finding (repo/fileProblems), and so does each link that leads out of the
 * repo, nowhere, or in a loop.
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
  const paths = options.paths ?? new RepoPaths(root);
  if (mode === 'worker' || (mode === 'auto' && lists.length >= WORKER_THRESHOLD)) {
    const limits = { maxBytes: MAX_YAML_BYTES, hints: paths.hints(lists.flat()) };
    const finished = await (options.readInWorker ?? readInWorker)(root, lists, limits, (i, result) => {
      delivered[i] = 1;
      if (result.kind === 'text') keep(result.file, { kind: 'text', text: result.text }, texts, findings, options.onText);
      else if (result.kind === 'refused') keep(result.file, result, texts, findings);
    });
    if (finished) return;
  }
  const pending = lists.flatMap((list, i) => (delivered[i] ? [] : [list]));
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < pending.length) await readFirst(paths, pending[next++], texts, findings, options.onText);
  };
  await Promise.all(Array.from({ length: Math.min(ASYNC_READERS, pending.length) }, reader));
}

async function readFirst(paths: RepoPaths, candidates: readonly string[], texts: Map<string, string>, findings: Finding[], onText?: OnText): Promise<void> {
  for (const relative of candidates) {
    if (keep(relative, await readChecked(paths, relative), texts, findings, onText) !== 'absent') return;
  }
}

/**
 * Reads one repo file into `texts` when it exists and may be read; a missing file is normal
 * and adds nothing, any other file that cannot be read becomes a finding.
 */
export async function readRepoFile(root: string, relative: string, texts: Map<string, string>, findings: Finding[]): Promise<'read' | 'absent' | 'failed'> {
  return keep(relative, await readChecked(new RepoPaths(root), relative), texts, findings);
}

/** Stores a text, or reports a refusal once (files read through one bad link all name it). */
function keep(relative: string, outcome: ReadOutcome, texts: Map<string, string>, findings: Finding[], onText?: OnText): 'read' | 'absent' | 'failed' {
  if (outcome.kind === 'absent') return 'absent';
  if (outcome.kind === 'refused') {
    reportRefusal(findings, outcome.file, outcome.problem);
    return 'failed';
  }
  texts.set(relative, outcome.text);
  onText?.(relative, outcome.text);
  return 'read';
}
