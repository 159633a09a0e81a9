// Reads the run's text as it streams for the lines a progress notification shows: the action
// that is running now ("▶ 3.2 Delete container 165 [proxmox]"), the step results ("■ …") and
// what waits for a person. The engine writes these marks itself (see run/session/transcript.ts).

import { plainText } from './terminalText';

const ACTION = '▶ ';
const STEP_RESULT = '■ ';

export class ActionLines {
  private partial = '';

  /** The newest action or step-result line completed by `chunk`, without colours; undefined when none. */
  push(chunk: string): string | undefined {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    // A line of program output can be long: only its start can be a mark.
    if (this.partial.length > 4096) this.partial = '';
    let newest: string | undefined;
    for (const line of lines) {
      const plain = plainText(line).trim();
      if (plain.startsWith(ACTION) || plain.startsWith(STEP_RESULT)) newest = plain.slice(2);
    }
    return newest;
  }
}
