// A run's transcript, .certify/<service>/runs/<time>-step<N>.log: the terminal's text without
// colour codes, redacted, appended as it happens (in batches of at most 200 ms) so a run cut
// off still leaves what it did.
// The lines Certify writes itself follow the format the transcript grammar reads
// (syntaxes/certify-transcript.tmLanguage.json): `#` header, `▶` action, `$` command, `◀` result,
// `✔`/`✘` criterion, `■` step result.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { STORE_DIR } from '../../repo/layout';

/** CSI and OSC sequences: colours stay in the terminal, not in the file. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Output is written in batches: a command printing thousands of lines costs a few appends, not thousands. */
const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 200;

export class Transcript {
  private chain: Promise<void> = Promise.resolve();
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    /** Absolute path. */
    readonly file: string,
    /** Repo-relative, forward slashes: what the record stores. */
    readonly relative: string,
  ) {}

  static async create(root: string, service: string, stepNumber: number, at: Date): Promise<Transcript> {
    const name = `${at.toISOString().replace(/[:.]/g, '-')}-step${stepNumber}.log`;
    const relative = [STORE_DIR, service, 'runs', name].join('/');
    const file = path.join(root, STORE_DIR, service, 'runs', name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '', { flag: 'wx' });
    return new Transcript(file, relative);
  }

  /** Appends in order, within BATCH_MS; a failing disk is reported by flush(). */
  append(text: string): void {
    this.pending += text.replace(ANSI, '').replace(/\r(?!\n)/g, '\n');
    if (this.pending.length >= BATCH_BYTES) this.write();
    else this.timer ??= setTimeout(() => this.write(), BATCH_MS);
  }

  /** Everything appended so far is on disk when this resolves. */
  flush(): Promise<void> {
    this.write();
    return this.chain;
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.chain = this.chain.then(() => fs.appendFile(this.file, text));
  }
}
