// Reads what certify_result.py wrote for one ansible-playbook run. No file is an answer too:
// Ansible writes it at the play recap, so without it the run stopped early, and whoever judges
// the run must count that as a failure, never as "nothing changed".

import { promises as fs } from 'node:fs';
import { parseResultDocument, type AnsibleResult } from './resultDocument';

export type AnsibleResultRead =
  | { readonly kind: 'ok'; readonly file: string; readonly result: AnsibleResult }
  /** The run reached no play recap (or only an earlier run's file is there). */
  | { readonly kind: 'missing'; readonly file: string; readonly problem: string }
  | { readonly kind: 'damaged'; readonly file: string; readonly problem: string };

export interface ReadResultOptions {
  /** When the run was started: a document from a run started before this is an earlier run's, not this one's. */
  readonly notBefore?: Date;
}

export const NO_RESULTS_PROBLEM = 'ansible-playbook wrote no results: it stopped before the play recap (syntax error, missing inventory?)';
// Far beyond any real run (a few hundred bytes per changed or failed task); a bigger file is not ours.
const MAX_RESULT_BYTES = 64 * 1024 * 1024;

export async function readAnsibleResult(file: string, options: ReadResultOptions = {}): Promise<AnsibleResultRead> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return damaged(file, 'it is not a regular file');
    if (stat.size > MAX_RESULT_BYTES) return damaged(file, `it is ${stat.size} bytes, more than a results file ever holds`);
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing', file, problem: NO_RESULTS_PROBLEM };
    return damaged(file, `it cannot be read (${code ?? (error as Error).message})`);
  }
  const parsed = parseResultDocument(text);
  if (!parsed.ok) return damaged(file, parsed.problem);
  if (options.notBefore !== undefined && Date.parse(parsed.result.started) < options.notBefore.getTime()) {
    return { kind: 'missing', file, problem: `${NO_RESULTS_PROBLEM}; the results file there is from an earlier run (started ${parsed.result.started})` };
  }
  return { kind: 'ok', file, result: parsed.result };
}

function damaged(file: string, problem: string): AnsibleResultRead {
  return { kind: 'damaged', file, problem: `results file is damaged: ${problem}` };
}
