// One output stream of a running command, local or remote: its bytes go to the listener as
// text the moment they arrive, and the stream's tail is kept for the result (parsers read the
// end: Ansible's stats, a JSON line), so a chatty command cannot fill the memory.

import { MAX_CAPTURE, type CommandResult, type EndedBy, type OutputListener } from './executor';

export class StreamCapture {
  /** Held bytes, oldest first; their total stays under limit + one chunk. */
  private readonly chunks: Buffer[] = [];
  private held = 0;
  /** True once bytes were dropped from the front. */
  private cut = false;
  /** A multi-byte character split across chunks is held back until its last byte arrives. */
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly stream: 'stdout' | 'stderr',
    private readonly listener?: OutputListener,
    private readonly limit: number = MAX_CAPTURE,
  ) {}

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.keep(chunk);
    const text = this.decoder.decode(chunk, { stream: true });
    if (text !== '') this.listener?.(text, this.stream);
  }

  /** The stream ended: a character left incomplete is shown as U+FFFD. */
  end(): void {
    const text = this.decoder.decode();
    if (text !== '') this.listener?.(text, this.stream);
  }

  /** The last `limit` bytes as text; a character cut by the limit is dropped, not garbled. */
  text(): string {
    let tail = Buffer.concat(this.chunks);
    if (this.cut || tail.length > this.limit) {
      tail = tail.subarray(Math.max(0, tail.length - this.limit));
      let start = 0;
      // UTF-8 continuation bytes (10xxxxxx) belong to a character whose first byte was cut off.
      while (start < Math.min(3, tail.length) && (tail[start] & 0xc0) === 0x80) start += 1;
      tail = tail.subarray(start);
    }
    return new TextDecoder('utf-8').decode(tail);
  }

  private keep(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.chunks.length > 1 && this.held - this.chunks[0].length >= this.limit) {
      this.held -= (this.chunks.shift() as Buffer).length;
      this.cut = true;
    }
    if (this.chunks.length === 1 && this.held > this.limit) {
      // One chunk larger than the limit: keep only its tail, so memory stays bounded.
      this.chunks[0] = Buffer.from(this.chunks[0].subarray(this.held - this.limit));
      this.held = this.limit;
      this.cut = true;
    }
  }
}

/** Both streams of one command and how its result is made from them, timed from now. */
export function commandCapture(onOutput: OutputListener | undefined) {
  const started = performance.now();
  const stdout = new StreamCapture('stdout', onOutput);
  const stderr = new StreamCapture('stderr', onOutput);
  const finish = (ended: EndedBy, rest: Partial<CommandResult> = {}): CommandResult => ({
    ended,
    exitCode: null,
    stdout: stdout.text(),
    stderr: stderr.text(),
    durationMs: performance.now() - started,
    ...rest,
  });
  return { stdout, stderr, finish };
}
