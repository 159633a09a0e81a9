// What a run's text may do to the terminal that shows it: colours (SGR) pass, every other
// escape or control sequence is dropped (a remote command's output must not retitle the
// terminal, write the clipboard or move the cursor), and lines end with \r\n as a terminal
// needs. Chunks may split a sequence anywhere: its start is held back until the rest arrives.

/** A complete SGR sequence (colours, bold): the only escape the terminal receives. */
const SGR = /^\u001b\[[0-9;]*m/;
/** A complete CSI sequence (any final byte), OSC (ended by BEL or ST), or a two-byte escape. */
const OTHER_ESCAPE = /^\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[PX^_][^\u001b]*\u001b\\|(?![[\]PX^_])[ -~])/;
/** C0 and C1 controls except tab, line feed and carriage return (ESC is handled above). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g;
/** Longest escape held back while waiting for its end; anything longer is dropped as junk. */
const MAX_PENDING = 4096;

export class TerminalTextStream {
  private pending = '';

  /** The safe part of `chunk` (with what was held back before); an unfinished escape waits. */
  push(chunk: string): string {
    const text = this.pending + chunk;
    this.pending = '';
    let out = '';
    let i = 0;
    while (i < text.length) {
      const esc = text.indexOf('\u001b', i);
      if (esc < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, esc);
      const rest = text.slice(esc);
      const sgr = SGR.exec(rest);
      if (sgr) {
        out += sgr[0];
        i = esc + sgr[0].length;
        continue;
      }
      const other = OTHER_ESCAPE.exec(rest);
      if (other) {
        i = esc + other[0].length;
        continue;
      }
      // Unfinished: wait for the rest, unless it has gone on too long to be a sequence.
      if (rest.length < MAX_PENDING) this.pending = rest;
      break;
    }
    return toTerminalLines(out.replace(CONTROL, ''));
  }

  /** What is still held back, dropped: an escape that never finished shows nothing. */
  flush(): string {
    this.pending = '';
    return '';
  }
}

/** \n (and \r\n) as \r\n: a terminal moves to the next line without returning to its start otherwise. */
export function toTerminalLines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Text without any escape sequence: what a notification or a test reads. */
export function plainText(text: string): string {
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[ -~]/g, '').replace(/\r\n/g, '\n');
}
