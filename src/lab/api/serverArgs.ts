// `lab.js api [--listen HOST:PORT]… [--socket PATH] [--auth-failure-delay-ms N]`: where the
// API listens. By default (as `lab up` starts it, inside the lab namespace) on the node's
// management address and port, and on `<run>/api.sock` for the loopback forwarder; tests
// give a loopback port and a socket of their own instead.

import type { LabLayout } from '../labLayout';
import { labFiles } from '../control/labFiles';
import { parseListen, type TcpListen } from './listeners';

export const API_USAGE = 'usage: lab.js api [--listen HOST:PORT]... [--socket PATH] [--auth-failure-delay-ms N]\n';

export interface ApiServerArgs {
  readonly tcp: readonly TcpListen[];
  readonly sockets: readonly string[];
  readonly authFailureDelayMs?: number;
}

export function parseApiArgs(argv: readonly string[], layout: LabLayout): ApiServerArgs {
  const tcp: TcpListen[] = [];
  const sockets: string[] = [];
  let authFailureDelayMs: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (value === undefined || !['--listen', '--socket', '--auth-failure-delay-ms'].includes(flag ?? '')) {
      throw new Error(flag?.startsWith('--') === true && value === undefined ? `${flag} needs a value` : `unknown argument '${flag ?? ''}'`);
    }
    index += 1;
    if (flag === '--listen') tcp.push(parseListen(value));
    else if (flag === '--socket') sockets.push(value);
    else {
      if (!/^\d{1,6}$/.test(value)) throw new Error(`--auth-failure-delay-ms wants milliseconds, got '${value}'`);
      authFailureDelayMs = Number(value);
    }
  }
  return {
    tcp: tcp.length > 0 ? tcp : [{ host: layout.node.management.address, port: layout.node.apiPort }],
    sockets: sockets.length > 0 ? sockets : [labFiles(layout).apiSocket],
    ...(authFailureDelayMs === undefined ? {} : { authFailureDelayMs }),
  };
}
