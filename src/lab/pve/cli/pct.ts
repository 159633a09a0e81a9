// The lab's `pct`: Proxmox's container tool over the lab's node. `runPct` serves the lab named
// by the environment; `pctCommand` takes any node, so tests run it in-process.

import type { ToolIo } from '../../toolIo';
import type { PveNode } from '../pveNode';
import { withLabNode } from './labNode';
import { pctExec, pctPull, pctPush } from './pctFiles';
import { pctConfig, pctList, pctStatus } from './pctInfo';
import { pctCreate, pctDestroy, pctRestore, pctShutdown, pctStart, pctStop } from './pctLifecycle';
import { pctSet } from './pctSet';
import { runMultiCommandTool, type ToolDef } from './runTool';

export const PCT: ToolDef = {
  name: 'pct',
  commands: [pctConfig, pctCreate, pctDestroy, pctExec, pctList, pctPull, pctPush, pctRestore, pctSet, pctShutdown, pctStart, pctStatus, pctStop],
};

export function pctCommand(argv: readonly string[], io: ToolIo, node: PveNode): Promise<number> {
  return runMultiCommandTool(PCT, argv, io, node);
}

export async function runPct(argv: readonly string[], io: ToolIo): Promise<number> {
  return withLabNode(io, (node) => pctCommand(argv, io, node));
}
