// Where a path under the repo really leads, looked at one part at a time before anything is
// opened: a link is followed only while it stays inside the repo (as Ansible follows links in a
// repo), a part that must be a folder has to be one, and a part that fails says why in words.
// Nothing outside the repo is ever read or written through the store.

import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { describeIoError, errnoCode, StoreError } from './storeError';
import { specialKind } from '../repo/repoPaths';

export type Located =
  /** `real`: the path with every link resolved, inside the repo; `entry`: its last part as named. */
  | { kind: 'found'; real: string; entry: string; stat: Stats; linked: boolean }
  | { kind: 'missing' }
  /** `problem` names the part (relative to the repo) and says what to do. */
  | { kind: 'refused'; problem: string };

/** The repo's own real path: the boundary every store path must stay within. */
export async function realRoot(root: string): Promise<string> {
  try {
    return await fs.realpath(root);
  } catch (error) {
    throw new StoreError(`could not open the repo ${root}`, error);
  }
}

/**
 * Walks `parts` from `from` (a real folder inside `root`): every part but the last must be a
 * folder; the last may be anything, and the caller decides what it accepts.
 */
export async function locate(root: string, from: string, parts: readonly string[]): Promise<Located> {
  let current = from;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const step = await follow(root, path.join(current, parts[i]), last ? 'file' : 'folder');
    if (step.kind !== 'found') return step;
    if (!last && !step.stat.isDirectory()) {
      return { kind: 'refused', problem: `${shown(root, step.entry)} is ${kindOf(step.stat)}, not a folder: move it away` };
    }
    if (last) return step;
    current = step.real;
  }
  throw new RangeError('locate: no path parts given');
}

/**
 * Makes the folders `parts` under `from` where they are missing, with the same rules as
 * locate: a refused part is returned, never written through.
 */
export async function ensureFolders(root: string, from: string, parts: readonly string[]): Promise<Located> {
  let current = from;
  let found: Located = { kind: 'missing' };
  for (const part of parts) {
    const entry = path.join(current, part);
    found = await follow(root, entry, 'folder');
    if (found.kind === 'missing') {
      try {
        await fs.mkdir(entry);
      } catch (error) {
        // Made by someone else meanwhile: looked at again below like any existing folder.
        if (errnoCode(error) !== 'EEXIST') throw new StoreError(`could not create ${entry}`, error);
      }
      found = await follow(root, entry, 'folder');
    }
    if (found.kind !== 'found') return found.kind === 'missing' ? { kind: 'refused', problem: `${shown(root, entry)} vanished while it was created` } : found;
    if (!found.stat.isDirectory()) return { kind: 'refused', problem: `${shown(root, entry)} is ${kindOf(found.stat)}, not a folder: move it away` };
    current = found.real;
  }
  return found;
}

async function follow(root: string, entry: string, want: 'file' | 'folder'): Promise<Located> {
  let stat: Stats;
  try {
    stat = await fs.lstat(entry);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', problem: `${shown(root, entry)} cannot be looked at: ${describeIoError(error)}` };
  }
  if (!stat.isSymbolicLink()) return { kind: 'found', real: entry, entry, stat, linked: false };
  let real: string;
  try {
    real = await fs.realpath(entry);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return { kind: 'refused', problem: `${shown(root, entry)} is a link to something that does not exist: remove the link` };
    if (code === 'ELOOP') return { kind: 'refused', problem: `${shown(root, entry)} is a link that loops back on itself: replace it with the ${want} itself` };
    return { kind: 'refused', problem: `${shown(root, entry)} is a link that cannot be followed: ${describeIoError(error)}` };
  }
  if (!isInside(root, real)) {
    return {
      kind: 'refused',
      problem: `${shown(root, entry)} is a link leading outside the repo (to ${real}); Certify neither reads nor writes there: replace the link with the ${want} itself`,
    };
  }
  try {
    return { kind: 'found', real, entry, stat: await fs.stat(real), linked: true };
  } catch (error) {
    return { kind: 'refused', problem: `${shown(root, entry)} leads to ${real}, which cannot be looked at: ${describeIoError(error)}` };
  }
}

export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}

/** A part as the user sees it in their repo: `.certify/gitea/record.json`. */
export function shown(root: string, entry: string): string {
  const relative = path.relative(root, entry);
  return relative === '' || relative.startsWith('..') ? entry : relative.split(path.sep).join('/');
}

/** What is in a part's place, in words: the repo reader's kinds, plus the two a store path can also meet. */
export function kindOf(stat: Stats): string {
  if (stat.isFile()) return 'a file';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  const kind = specialKind(stat);
  return kind === 'FIFO' ? 'a named pipe (FIFO)' : `a ${kind}`;
}
