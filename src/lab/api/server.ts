// `lab.js api`: the lab node's Proxmox API over HTTPS. Finds its lab through CERTIFY_LAB_NAME
// and CERTIFY_LAB_DIR, serves the node certificate from `pki/`, checks tokens against
// `env/api-tokens.json`, and drives the real node (containers over LXC). `lab up` starts it in
// the lab namespace and writes its pid file; SIGTERM closes the listeners and exits 0.

import { labFiles } from '../control/labFiles';
import type { LabLayout } from '../labLayout';
import { layoutFromEnv } from '../pve/cli/labNode';
import { certificateFiles, nodeCertificateRequest } from '../pki/labPki';
import { openLocalNode } from '../pve/node/localNode';
import type { ToolIo } from '../toolIo';
import { createApiHandler } from './handler';
import { fingerprintOf, openListeners, readCertificate } from './listeners';
import { API_USAGE, parseApiArgs, type ApiServerArgs } from './serverArgs';
import { tokenFile } from './tokens';

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export async function runApiServer(argv: readonly string[], io: ToolIo): Promise<number> {
  let layout: LabLayout;
  let args: ApiServerArgs;
  try {
    layout = layoutFromEnv(io.env);
    args = parseApiArgs(argv, layout);
  } catch (error) {
    io.stderr.write(`lab.js api: ${(error as Error).message}\n${API_USAGE}`);
    return 2;
  }
  const log = (line: string) => io.stderr.write(`${new Date().toISOString()} ${line}\n`);
  try {
    const node = openLocalNode(layout);
    const files = certificateFiles(layout.paths, nodeCertificateRequest(layout).file);
    const certificate = await readCertificate(files.cert, files.key);
    const handler = createApiHandler(node, tokenFile(labFiles(layout).apiTokens, log), {
      sslFingerprint: fingerprintOf(certificate),
      log,
      ...(args.authFailureDelayMs === undefined ? {} : { authFailureDelayMs: args.authFailureDelayMs }),
    });
    const stopped = untilStopped();
    const listeners = await openListeners(certificate, handler, args.tcp, args.sockets);
    io.stdout.write(`api: node ${node.nodeName} listening on ${listeners.addresses.join(', ')}\n`);
    log(`stopping on ${await stopped}`);
    await listeners.close();
    return 0;
  } catch (error) {
    io.stderr.write(`lab.js api: ${(error as Error).message}\n`);
    return 1;
  }
}
