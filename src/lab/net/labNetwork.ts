// Builds and removes the lab's two namespaces. `ensureNetwork` is idempotent: a complete
// network is left as it is; a partial one (a killed `up`) is removed and built again.

import type { LabLayout } from '../labLayout';
import { labOutsideRoutes, network, networkPlan } from './networkPlan';
import { removeNetnsFiles, writeNetnsFiles } from './netnsFiles';
import { runCommand } from './runCommand';

export async function listNamespaces(): Promise<string[]> {
  const { stdout } = await runCommand(['ip', 'netns', 'list'], { allowFailure: true });
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.length > 0);
}

/** True when both namespaces hold the plan's last steps (the routes and the forwarding switch). */
export async function networkComplete(layout: LabLayout): Promise<boolean> {
  const names = await listNamespaces();
  if (!names.includes(layout.netns) || !names.includes(layout.wanNetns)) return false;
  const labRoutes = await runCommand(['ip', '-n', layout.netns, 'route', 'show'], { allowFailure: true });
  const wanRoutes = await runCommand(['ip', '-n', layout.wanNetns, 'route', 'show'], { allowFailure: true });
  const forwarding = await runCommand(['ip', 'netns', 'exec', layout.netns, 'sysctl', '-n', 'net.ipv4.ip_forward'], { allowFailure: true });
  const haveLab = labOutsideRoutes(layout).every((route) => labRoutes.stdout.includes(route.replace(/\/32$/, '')));
  const haveWan = [layout.node.management, layout.bridge].every((net) => wanRoutes.stdout.includes(network(net)));
  return haveLab && haveWan && forwarding.stdout.trim() === '1';
}

/** Builds the network when it is not complete; returns whether it built anything. */
export async function ensureNetwork(layout: LabLayout): Promise<boolean> {
  if (await networkComplete(layout)) {
    await writeNetnsFiles(layout);
    return false;
  }
  await removeNetwork(layout);
  await writeNetnsFiles(layout);
  for (const argv of networkPlan(layout)) await runCommand(argv);
  return true;
}

/** Deletes both namespaces (their interfaces go with them) and their /etc/netns files; safe when absent. */
export async function removeNetwork(layout: LabLayout): Promise<void> {
  const names = await listNamespaces();
  for (const ns of [layout.netns, layout.wanNetns]) {
    if (names.includes(ns)) await runCommand(['ip', 'netns', 'del', ns]);
  }
  await removeNetnsFiles(layout);
}
