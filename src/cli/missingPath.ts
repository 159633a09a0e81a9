// Whether a path the user typed is missing, as opposed to there but unreadable: only a missing
// one is reported as "does not exist" (a folder without permission is not a typo).

import { promises as fs } from 'node:fs';
import { errnoCode } from '../store/storeError';

/** `follow`: look through a symlink (a --repo); else a link is there even if it dangles. */
export async function isMissing(file: string, follow: boolean): Promise<boolean> {
  try {
    await (follow ? fs.stat(file) : fs.lstat(file));
    return false;
  } catch (error) {
    const code = errnoCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}
