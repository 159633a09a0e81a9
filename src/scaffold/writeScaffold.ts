// Writes a scaffold plan's new files: folders as needed, each file created exclusively ('wx'),
// so a file that appeared since the plan was made is never overwritten, and scripts made
// executable. The only I/O of the scaffold.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ScaffoldPlan } from './types';

/** A write that failed for another reason than the file existing; says what was written before. */
export class ScaffoldWriteError extends Error {
  constructor(
    readonly file: string,
    readonly written: string[],
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    const remedy =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file stands where its folder should be; move it away'
        : code === 'EACCES' || code === 'EPERM'
          ? "check the folder's permissions"
          : 'fix that and run New Service again';
    const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`Could not write ${file} (${reason}): ${remedy}. Written before it: ${written.length > 0 ? written.join(', ') : 'nothing'}.`);
    this.name = 'ScaffoldWriteError';
  }
}

/**
 * Writes the plan's new files under `root` and returns the repo-relative paths it wrote. A file
 * that exists by now is left alone and not returned (compare with plan.create to tell the user).
 */
export async function writeScaffold(root: string, plan: ScaffoldPlan): Promise<string[]> {
  const base = path.resolve(root);
  const written: string[] = [];
  for (const planned of plan.create) {
    const target = path.resolve(base, planned.file);
    if (path.isAbsolute(planned.file) || !target.startsWith(`${base}${path.sep}`)) {
      throw new ScaffoldWriteError(planned.file, written, new Error('outside the repository'));
    }
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
    } catch (error) {
      // EEXIST here is a file standing where a folder must be, not the target existing.
      throw new ScaffoldWriteError(planned.file, written, error);
    }
    try {
      await fs.writeFile(target, planned.content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new ScaffoldWriteError(planned.file, written, error);
    }
    if (planned.executable) {
      // chmod +x: execute wherever read is allowed (0644 → 0755, 0600 → 0700).
      const mode = (await fs.stat(target)).mode & 0o777;
      await fs.chmod(target, mode | ((mode & 0o444) >> 2));
    }
    written.push(planned.file);
  }
  return written;
}
