// Which lab a stand-in serves: the wrapper scripts in `<dir>/bin` and the node's sshd set
// CERTIFY_LAB_NAME and CERTIFY_LAB_DIR; everything else follows from labLayout().

import { labLayout, type LabLayout } from '../../labLayout';
import { openLocalNode } from '../node/localNode';
import type { PveNode } from '../pveNode';

export function layoutFromEnv(env: NodeJS.ProcessEnv): LabLayout {
  const name = env.CERTIFY_LAB_NAME;
  const dir = env.CERTIFY_LAB_DIR;
  return labLayout({
    ...(name === undefined || name === '' ? {} : { name }),
    ...(dir === undefined || dir === '' ? {} : { dir }),
  });
}

export function openLabNode(env: NodeJS.ProcessEnv): PveNode {
  return openLocalNode(layoutFromEnv(env));
}

/** Runs a tool against the environment's lab; a lab that cannot be opened is a `die` (255). */
export async function withLabNode(io: { stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv }, run: (node: PveNode) => Promise<number>): Promise<number> {
  let node: PveNode;
  try {
    node = openLabNode(io.env);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 255;
  }
  return run(node);
}
