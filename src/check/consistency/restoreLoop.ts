// The restore role's loop over the backup directory, read from the files consistency sees (an
// edited, unsaved task file included) with the recognizer discovery uses (repo/restoreLoop).

import { findDirectoryLoop as findLoopIn, isTaskFileOf, type DirectoryLoop, type TaskFile } from '../../repo/restoreLoop';
import type { ConsistencyContext } from './context';

export type { DirectoryLoop } from '../../repo/restoreLoop';

/** The first directory loop in the role's task files, or undefined when none is recognised. */
export function findDirectoryLoop(ctx: ConsistencyContext, role: string): DirectoryLoop | undefined {
  const files: TaskFile[] = [];
  for (const file of ctx.filesUnder(`roles/${role}/tasks/`)) {
    if (!isTaskFileOf(role, file)) continue;
    const text = ctx.text(file);
    const parsed = ctx.parsed(file);
    if (text !== undefined && parsed) files.push({ file, text, parsed });
  }
  return findLoopIn(files);
}
