// Builds hostile repos at test time, in the system's temp folder: FIFOs, sockets, links into
// and out of the repo (/dev/zero among them), dangling links and loops, folders where files
// belong, oversized files and bytes that are not UTF-8. Removed when the test file ends.

import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { MAX_YAML_BYTES } from '../../../src/yaml/parse';

/** What to put at a path: text, raw bytes, or something that is not a regular file. */
export type HostileEntry = string | Buffer | { fifo: true } | { socket: true } | { folder: true } | { link: string };

const made: string[] = [];
const servers: net.Server[] = [];
after(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** Text a link out of the repo leads to: it must never be read. */
export const OUTSIDE_TEXT = 'outside_secret: never-read\n';

export async function buildRepo(entries: Record<string, HostileEntry>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-hostile-'));
  made.push(root);
  for (const [relative, entry] of Object.entries(entries)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await fs.writeFile(file, entry);
    // Node has no mkfifo of its own.
    else if ('fifo' in entry) execFileSync('mkfifo', [file]);
    else if ('socket' in entry) servers.push(await listen(file));
    else if ('folder' in entry) await fs.mkdir(file, { recursive: true });
    else await fs.symlink(entry.link, file);
  }
  return root;
}

/** A listening Unix socket: it stays a socket file until the test file ends (closing unlinks it). */
function listen(file: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(file, () => {
      server.unref();
      resolve(server);
    });
  });
}

/** YAML text larger than the size limit. */
export const oversized = (): string => `# ${'x'.repeat(MAX_YAML_BYTES + 1024 * 1024)}\n`;

/** `before`, then a byte that cannot start or continue UTF-8 (0xff), then `after`. */
export const notUtf8 = (before: string, after: string): Buffer => Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
