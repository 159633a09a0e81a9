// Where a report's ref leads: a transcript (".certify/notes/runs/<time>-step1.log") or a repo
// file, optionally at a line ("roles/notes_api/README.md:12"). A ref comes from a record anyone
// can edit, so it is opened only when it names a regular file inside the repo: no absolute path,
// no "..", no link that leads out of the repo, nothing but a file. Everything else is refused
// with the reason, for the log.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { STORE_DIR } from '../../repo/layout';

export type RefTarget =
  | { kind: 'file'; /** Absolute, under the root as given (links inside the repo kept as named). */ file: string; /** 1-based. */ line?: number; transcript: boolean }
  /** `missing`: the ref may have been fine and its file removed since; any other refusal is a ref that must not open. */
  | { kind: 'refused'; reason: string; missing?: true };

/** "file:12" → the file and the line; a ref without a line number is all path. */
const WITH_LINE = /^(.+?):(\d{1,9})$/;
/** Control characters, NUL and backslashes have no place in a repo-relative path Certify writes. */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

export async function refTarget(root: string, service: string, ref: string): Promise<RefTarget> {
  const match = WITH_LINE.exec(ref);
  const relative = match ? match[1] : ref;
  const line = match ? Number(match[2]) : undefined;
  if (relative === '' || UNSAFE.test(relative)) return { kind: 'refused', reason: 'not a repo-relative path' };
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) return { kind: 'refused', reason: 'an absolute path, not one inside the repo' };
  if (relative.split('/').some((part) => part === '..')) return { kind: 'refused', reason: 'it leads out of the repo ("..")' };
  let realRoot: string;
  let real: string;
  try {
    realRoot = await fs.realpath(root);
    real = await fs.realpath(path.join(realRoot, ...relative.split('/')));
  } catch {
    return { kind: 'refused', reason: 'no such file in the repo', missing: true };
  }
  const inside = path.relative(realRoot, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { kind: 'refused', reason: 'it leads out of the repo through a link' };
  const stat = await fs.stat(real).catch(() => undefined);
  if (!stat?.isFile()) return { kind: 'refused', reason: 'not a regular file' };
  const transcript = relative.startsWith(`${STORE_DIR}/${service}/runs/`) && relative.endsWith('.log');
  return { kind: 'file', file: path.join(root, ...relative.split('/')), transcript, ...(line !== undefined && line >= 1 ? { line } : {}) };
}
