// The files a run leaves in .certify/<service>/: transcripts (runs/<time>-step<N>.log) and the
// completion report of Step 9 (reports/completion-<time>.txt). Every run writes its transcript
// there (the record's actions name it too, but a run stopped before its first action ended is
// on disk only). Names start with a UTC time, so the greatest name is the newest.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { stepById, type StepId } from '../../core/steps';
import { STORE_DIR } from '../../repo/layout';

/** The newest transcript of `step`, repo-relative (forward slashes); undefined when it never ran. */
export function newestTranscript(root: string, service: string, step: StepId): Promise<string | undefined> {
  const suffix = `-step${stepById(step).number}.log`;
  return newest(root, service, 'runs', (name) => name.endsWith(suffix));
}

/** The newest completion report (written when Step 9 passes), repo-relative; undefined when none. */
export function newestCompletionReport(root: string, service: string): Promise<string | undefined> {
  return newest(root, service, 'reports', (name) => name.startsWith('completion-') && name.endsWith('.txt'));
}

async function newest(root: string, service: string, folder: 'runs' | 'reports', wanted: (name: string) => boolean): Promise<string | undefined> {
  const names = await fs.readdir(path.join(root, STORE_DIR, service, folder)).catch(() => [] as string[]);
  const found = names.filter(wanted).sort().pop();
  return found === undefined ? undefined : [STORE_DIR, service, folder, found].join('/');
}
