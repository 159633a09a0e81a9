// Why a repo file was not read, and the one finding that says so. Async reads and the worker
// (repo/files, repo/filesWorker) decide the same problems; this module alone words them, so
// both ways of reading report a hostile file identically.

import type { Finding } from '../core/findings';
import { MAX_YAML_BYTES } from '../yaml/parse';

/** What a non-regular file is, in words a user knows. */
export type SpecialKind = 'folder' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'special file';

export type FileProblem =
  | { reason: 'too-large' }
  | { reason: 'unreadable'; code: string; folder?: boolean }
  | { reason: 'not-regular'; kind: SpecialKind }
  /** A link whose target (resolved, absolute) lies outside the repo: never read. */
  | { reason: 'link-outside'; target: string }
  /** A link to nothing (`target` as written in the link). */
  | { reason: 'link-dangling'; target: string }
  | { reason: 'link-loop' }
  /** `offset`: the first byte (0-based) that is not UTF-8; `line`: 1-based. */
  | { reason: 'not-utf8'; offset: number; line: number };

/** What reading one repo path came to. `file` of a refusal is the path the problem is about: the file, or a link on its way. */
export type ReadOutcome = { kind: 'absent' } | { kind: 'text'; text: string } | { kind: 'refused'; file: string; problem: FileProblem };

const MIB = MAX_YAML_BYTES / 1024 / 1024;

export function problemFinding(file: string, problem: FileProblem): Finding {
  const at = { file, line: 1, severity: 'error' as const };
  switch (problem.reason) {
    case 'too-large':
      return { ...at, ruleId: 'yaml-too-large', message: `File is larger than ${MIB} MiB and was not read; split it into smaller files.` };
    case 'unreadable':
      return { ...at, ruleId: 'file-unreadable', message: `Cannot ${problem.folder ? 'list this folder' : 'read this file'} (${problem.code}); check its permissions.` };
    case 'not-regular':
      return { ...at, ruleId: 'file-not-regular', message: `This is a ${problem.kind}, not a regular file, so Certify did not read it; put a regular file here.` };
    case 'link-outside':
      return {
        ...at,
        ruleId: 'link-outside-repo',
        message: `This link leads outside the repo (${problem.target}) and was not followed: Certify reads nothing outside the repo. Copy what it points to into the repo, or point the link inside it.`,
      };
    case 'link-dangling':
      return {
        ...at,
        ruleId: 'link-broken',
        message: `This link points to "${problem.target}", which does not exist; fix the link or remove it.`,
      };
    case 'link-loop':
      return { ...at, ruleId: 'link-broken', message: 'This link leads back to itself through other links (a loop) and was not followed; fix the link or remove it.' };
    case 'not-utf8':
      return {
        ...at,
        line: problem.line,
        ruleId: 'file-not-utf8',
        message: `Byte ${problem.offset} (line ${problem.line}) is not UTF-8, so Certify did not read this file; save it as UTF-8.`,
      };
  }
}

/**
 * Adds a finding unless the same rule already spoke about the same file: every file read
 * through one bad link (a role folder linked outside the repo) reports that link once.
 */
export function reportOnce(findings: Finding[], finding: Finding): void {
  if (!findings.some((known) => known.file === finding.file && known.ruleId === finding.ruleId)) findings.push(finding);
}

export const reportRefusal = (findings: Finding[], file: string, problem: FileProblem): void => reportOnce(findings, problemFinding(file, problem));

/** What TextDecoder throws for bytes that are not UTF-8. */
const INVALID = 'ERR_ENCODING_INVALID_ENCODED_DATA';
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of bytes that are UTF-8, else where they stop being so. A byte order mark stays in
 * the text, as fs.readFile kept it, so line and column positions are unchanged.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: FileProblem } {
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== INVALID) throw error;
    return { problem: notUtf8(bytes) };
  }
}

/**
 * Where bytes known not to be UTF-8 first go wrong. A streaming decode accepts a prefix that
 * ends inside a character and fails on the first wrong byte, so the shortest failing prefix
 * is found by bisection with the very decoder that refused the file (no second definition of
 * UTF-8 to disagree with it). Runs only for a refused file.
 */
export function notUtf8(bytes: Uint8Array): FileProblem {
  const fails = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== INVALID) throw error;
      return true;
    }
  };
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fails(middle)) high = middle;
    else low = middle + 1;
  }
  // A file that ends inside a character never fails a streaming decode: its last byte is named.
  const offset = high - 1;
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { reason: 'not-utf8', offset, line };
}
