// Entry point of dist/lab.js: the programs the lab runs on its node, one bundle. The node's
// `bin/pct`, `bin/pvesm` and `bin/vzdump` are small scripts that run `lab.js <tool> …`;
// `certify lab up` starts `lab.js api` and `lab.js forward` as daemons.
//
// Each tool finds its lab through CERTIFY_LAB_NAME and CERTIFY_LAB_DIR (set by the wrapper
// scripts and the node's sshd), and exits with the code Proxmox's own tool would.

import type { ToolIo } from './toolIo';

type Tool = (argv: readonly string[], io: ToolIo) => Promise<number>;

const TOOLS: Record<string, () => Promise<Tool>> = {
  pct: async () => (await import('./pve/cli/pct')).runPct,
  pvesm: async () => (await import('./pve/cli/pvesm')).runPvesm,
  vzdump: async () => (await import('./pve/cli/vzdump')).runVzdump,
  api: async () => (await import('./api/server')).runApiServer,
  forward: async () => (await import('./net/forward')).runForward,
};

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const load = name === undefined ? undefined : TOOLS[name];
  if (load === undefined) {
    process.stderr.write(`usage: lab.js <${Object.keys(TOOLS).join('|')}> [ARGS]\n`);
    process.exitCode = 2;
    return;
  }
  const tool = await load();
  process.exitCode = await tool(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
}

void main();
