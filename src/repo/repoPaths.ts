// Where a repo path really leads, decided before anything under it is opened. Links are
// followed as Ansible follows them, but only while they stay inside the repo (resolved with
// realpath); a link out of it, a dangling link or a loop is refused, and so is anything but a
// regular file in a file's place. Folders are resolved once per walk and remembered, so a file
// costs one lstat beyond its read, and a file a listing of the walk saw as regular none: the
// reader opens without following links or waiting on a FIFO and checks the descriptor, which
// closes the gap either way. The worker (repo/filesWorker) walks the same way with synchronous
// calls; tests hold the two to the same results.

import { lstat, readdir, readlink, realpath, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { FileProblem, SpecialKind } from './fileProblems';

export type Refusal = { kind: 'refused'; file: string; problem: FileProblem };
export type DirVerdict = { kind: 'dir'; real: string } | { kind: 'absent' } | Refusal;
export type FileVerdict = { kind: 'file'; real: string } | { kind: 'absent' } | Refusal;

/** A folder's entries by what they lead to (links resolved); `refusals`: links not followed. */
export interface Listing {
  files: string[];
  dirs: string[];
  refusals: Refusal[];
}

/** See RepoPaths.hints. */
export interface WalkHints {
  files: string[];
  dirs: [relative: string, real: string][];
}

type Entry = { kind: 'found'; real: string; stats: Stats } | { kind: 'absent' } | Refusal;

const ABSENT = { kind: 'absent' } as const;

export class RepoPaths {
  /** Repo-relative folder ('' is the root) → where it leads. */
  private readonly dirs = new Map<string, Promise<DirVerdict>>();
  /** Repo-relative files a listing of this walk saw as regular files (not links). */
  private readonly listedFiles = new Set<string>();
  /** Folders a listing of this walk resolved (repo-relative → real path). */
  private readonly listedDirs = new Map<string, string>();

  constructor(readonly root: string) {}

  /** Where a repo folder leads: a real folder inside the repo, nothing, or a refusal (of it or a link above it). */
  dir(relative: string): Promise<DirVerdict> {
    let verdict = this.dirs.get(relative);
    if (verdict === undefined) {
      verdict = relative === '' ? resolveRoot(this.root) : this.resolveDir(relative);
      this.dirs.set(relative, verdict);
    }
    return verdict;
  }

  /**
   * Where a repo file leads: a regular file inside the repo, nothing, or a refusal. Opens
   * nothing. `recheck`: lstat it even if a listing saw it as a regular file (it changed since).
   */
  async file(relative: string, recheck = false): Promise<FileVerdict> {
    if (!recheck && this.listedFiles.has(relative)) {
      const parent = await this.dir(parentOf(relative));
      if (parent.kind === 'dir') return { kind: 'file', real: within(parent.real, nameOf(relative)) };
    }
    const entry = await this.entry(relative);
    if (entry.kind !== 'found') return entry;
    if (!entry.stats.isFile()) return refused(relative, { reason: 'not-regular', kind: specialKind(entry.stats) });
    return { kind: 'file', real: entry.real };
  }

  /**
   * A folder's files and subfolders, links resolved: a link inside the repo counts as what it
   * leads to. Special files count as files, so that reading one reports it. A folder that is
   * missing lists empty; one that cannot be listed is a refusal.
   */
  async list(relative: string): Promise<Listing> {
    const listing: Listing = { files: [], dirs: [], refusals: [] };
    const dir = await this.dir(relative);
    if (dir.kind === 'refused') listing.refusals.push(dir);
    if (dir.kind !== 'dir') return listing;
    let entries: Dirent[];
    try {
      entries = await readdirAsync(dir.real);
    } catch (error) {
      const code = errnoCode(error);
      // Gone since it was resolved (or a file now): nothing to list, as for a missing folder.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') listing.refusals.push(refused(relative, { reason: 'unreadable', code, folder: true }));
      return listing;
    }
    // Links are resolved at once; their results are taken in readdir's order, so a listing does not depend on timing.
    const resolved = await Promise.all(entries.map((entry) => (entry.isSymbolicLink() ? this.follow(within(dir.real, entry.name), join(relative, entry.name)) : undefined)));
    entries.forEach((entry, i) => {
      const child = join(relative, entry.name);
      const link = resolved[i];
      if (link === undefined) {
        if (entry.isDirectory()) {
          this.remember(child, within(dir.real, entry.name));
          listing.dirs.push(entry.name);
        } else {
          if (entry.isFile()) this.listedFiles.add(child);
          listing.files.push(entry.name);
        }
      } else if (link.kind === 'refused') listing.refusals.push(link);
      else if (link.kind === 'found' && link.stats.isDirectory()) {
        this.remember(child, link.real);
        listing.dirs.push(entry.name);
      } else if (link.kind === 'found') listing.files.push(entry.name);
    });
    return listing;
  }

  /**
   * What this walk's listings already know, for a walk in another thread (the worker): which of
   * `files` are regular files, and the folders they resolved. It need not lstat those again.
   */
  hints(files: Iterable<string>): WalkHints {
    return { files: [...files].filter((file) => this.listedFiles.has(file)), dirs: [...this.listedDirs] };
  }

  private remember(relative: string, real: string): void {
    if (this.dirs.has(relative)) return;
    this.dirs.set(relative, Promise.resolve({ kind: 'dir', real }));
    this.listedDirs.set(relative, real);
  }

  private async resolveDir(relative: string): Promise<DirVerdict> {
    const entry = await this.entry(relative);
    if (entry.kind !== 'found') return entry;
    // A file in a folder's place holds nothing, as ENOTDIR says.
    return entry.stats.isDirectory() ? { kind: 'dir', real: entry.real } : ABSENT;
  }

  /** One name in its (resolved) folder, a link followed while it stays inside the repo. */
  private async entry(relative: string): Promise<Entry> {
    const parent = await this.dir(parentOf(relative));
    if (parent.kind !== 'dir') return parent;
    const absolute = within(parent.real, nameOf(relative));
    let stats: Stats;
    try {
      stats = await lstatAsync(absolute);
    } catch (error) {
      return errnoOutcome(relative, error);
    }
    return stats.isSymbolicLink() ? this.follow(absolute, relative) : { kind: 'found', real: absolute, stats };
  }

  private async follow(absolute: string, relative: string): Promise<Entry> {
    let target: string;
    let real: string;
    try {
      target = await readlinkAsync(absolute);
    } catch (error) {
      return errnoOutcome(relative, error);
    }
    try {
      real = await realpathAsync(absolute);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ELOOP') return refused(relative, { reason: 'link-loop' });
      if (code === 'ENOENT' || code === 'ENOTDIR') return refused(relative, { reason: 'link-dangling', target });
      return errnoOutcome(relative, error);
    }
    const root = await this.dir('');
    if (root.kind !== 'dir' || !isInside(root.real, real)) return refused(relative, { reason: 'link-outside', target: real });
    try {
      // The resolved path holds no links: lstat is the target's own kind.
      return { kind: 'found', real, stats: await lstatAsync(real) };
    } catch (error) {
      return errnoOutcome(relative, error);
    }
  }
}

async function resolveRoot(root: string): Promise<DirVerdict> {
  try {
    return { kind: 'dir', real: await realpathAsync(root) };
  } catch (error) {
    const code = errnoCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? ABSENT : refused('.', { reason: 'unreadable', code, folder: true });
  }
}

export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * What a failed file-system call on a repo path means: no such path is normal (absent); a
 * folder, socket or device where a file was opened is not a regular file; any other error
 * code is an unreadable path. An error without a code is a bug, never a finding: it is thrown.
 */
export function errnoOutcome(relative: string, error: unknown): { kind: 'absent' } | Refusal {
  const code = errnoCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return ABSENT;
  if (code === 'EISDIR') return refused(relative, { reason: 'not-regular', kind: 'folder' });
  // open() of a socket, or of a device with no driver behind it.
  if (code === 'ENXIO') return refused(relative, { reason: 'not-regular', kind: 'special file' });
  return refused(relative, { reason: 'unreadable', code });
}

/** The error code of a failed file-system call; an error without one is a bug and is thrown on. */
function errnoCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') throw error;
  return code;
}

export function specialKind(stats: Stats): SpecialKind {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}

export const refused = (file: string, problem: FileProblem): Refusal => ({ kind: 'refused', file, problem });

const join = (folder: string, name: string): string => (folder === '' ? name : `${folder}/${name}`);
const nameOf = (relative: string): string => relative.slice(relative.lastIndexOf('/') + 1);
/** A name in a real (absolute, normalized) folder: no path.join, whose normalizing was measurable per file. */
const within = (real: string, name: string): string => (real.endsWith(path.sep) ? real + name : real + path.sep + name);
const parentOf = (relative: string): string => {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
};

// The callback forms, as repo/files uses: measurably faster than fs.promises for thousands of calls.
const lstatAsync = (file: string): Promise<Stats> => new Promise((resolve, reject) => lstat(file, (error, stats) => (error ? reject(error) : resolve(stats))));
const readlinkAsync = (file: string): Promise<string> => new Promise((resolve, reject) => readlink(file, (error, target) => (error ? reject(error) : resolve(target))));
const realpathAsync = (file: string): Promise<string> =>
  new Promise((resolve, reject) => realpath.native(file, (error, real) => (error ? reject(error) : resolve(real))));
const readdirAsync = (folder: string): Promise<Dirent[]> =>
  new Promise((resolve, reject) => readdir(folder, { withFileTypes: true }, (error, entries) => (error ? reject(error) : resolve(entries))));
