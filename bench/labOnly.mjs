// What the lab benchmarks share: they need Linux and root (else they say why and report
// nothing), and free loopback ports for a lab of their own beside any other.
import * as net from 'node:net';

export function requireLabMachine(name) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.log(`${name}: skipped — the lab needs Linux and root`);
    process.exit(0);
  }
}

export const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
