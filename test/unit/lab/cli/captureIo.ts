// A ToolIo whose output the test reads back. Real Writable streams, because the node pipes
// a child's output (lxc-attach) straight into them.

import { Writable } from 'node:stream';
import type { ToolIo } from '../../../../src/lab/toolIo';

export function captureIo(env: NodeJS.ProcessEnv = {}): { io: ToolIo; out: () => string; err: () => string } {
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const sink = (into: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        into.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        done();
      },
    });
  return {
    io: { stdout: sink(chunks.out), stderr: sink(chunks.err), env },
    out: () => Buffer.concat(chunks.out).toString('utf8'),
    err: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}
