// What the lab benchmarks share: they need Linux and root (else they say why and report
// nothing), the lab's files found as from dist/, and free loopback ports for a lab of their own
// beside any other.
import * as net from 'node:net';
import * as path from 'node:path';

export function requireLabMachine(name) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.log(`${name}: skipped — the lab needs Linux and root`);
    process.exit(0);
  }
  // Benchmarks are bundled as ES modules, which have no __dirname: the engine and the lab look
  // for their files (dist/lab.js, the Ansible callback plugin) upward from it, as from dist/.
  globalThis.__dirname = path.join(process.cwd(), 'dist');
}

export const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
