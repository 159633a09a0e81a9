// A run's terminal (a Pseudoterminal): shows the engine's text with its colours, cancels the run
// on Ctrl+C or when closed, and after the run keeps its result on screen. A task's terminal
// closes with the exit code instead, which is how the task system learns how the run went.

import { vscode } from '../vscodeApi';
import { TerminalTextStream, toTerminalLines } from './terminalText';

const CTRL_C = '\u0003';

export interface RunTerminalHandlers {
  /** The terminal is shown: the run may start writing. */
  onOpen(): void;
  /** Ctrl+C, or the terminal was closed while the run went on. */
  onCancel(why: 'ctrl-c' | 'closed'): void;
}

export class RunTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private readonly stream = new TerminalTextStream();
  /** Text written before VS Code opened the terminal; shown when it does. */
  private pending: string[] = [];
  private opened = false;
  private ended = false;
  private hinted = false;
  private handlers: RunTerminalHandlers | undefined;

  /** `forTask`: closes with the exit code when the run ends (a task's terminal); else stays open. */
  constructor(private readonly forTask: boolean) {}

  /** Who hears of opening and cancelling; set before VS Code opens the terminal. */
  attach(handlers: RunTerminalHandlers): void {
    this.handlers = handlers;
  }

  open(): void {
    this.opened = true;
    for (const text of this.pending) this.written.fire(text);
    this.pending = [];
    this.handlers?.onOpen();
  }

  /** The engine's text: colours kept, other escapes dropped, lines ended with \r\n. */
  write(text: string): void {
    this.emit(this.stream.push(text));
  }

  /** Certify's own lines (headers, the result): trusted text, only line ends converted. */
  say(text: string): void {
    this.emit(toTerminalLines(text));
  }

  handleInput(data: string): void {
    if (this.ended) {
      // Any key closes a finished run's terminal, as VS Code's own task terminals do.
      this.closed.fire();
      return;
    }
    if (data.includes(CTRL_C)) {
      this.say('^C\n');
      this.handlers?.onCancel('ctrl-c');
    } else if (!this.hinted) {
      this.hinted = true;
      this.say('\n(This terminal takes no input: press Ctrl+C to cancel the run.)\n');
    }
  }

  /** VS Code closed the terminal (the user did, or a task's terminal ended). */
  close(): void {
    if (!this.ended) this.handlers?.onCancel('closed');
    this.ended = true;
    this.written.dispose();
    this.closed.dispose();
  }

  /** The run ended: a task's terminal closes with `exitCode`; another stays with its result. */
  finish(exitCode: number): void {
    if (this.ended) return;
    this.ended = true;
    this.stream.flush();
    if (this.forTask) {
      this.closed.fire(exitCode);
      return;
    }
    this.say('\nPress any key to close this terminal.\n');
  }

  private emit(text: string): void {
    if (text === '') return;
    if (this.opened) this.written.fire(text);
    else this.pending.push(text);
  }
}
