// The lab's two namespaces as a list of `ip` commands (pure, so a unit test reads the plan).
// The uplink veth is created inside the lab namespace with its peer sent straight to the wan
// namespace, so no interface ever appears in the machine's own namespace; no route is ever
// a default route, so any address the plan does not name fails at once with ENETUNREACH.

import type { LabAddress, LabLayout } from '../labLayout';

export type Argv = readonly string[];

/** Commands that build both namespaces from nothing, in order. */
export function networkPlan(layout: LabLayout): Argv[] {
  const lab = layout.netns;
  const wan = layout.wanNetns;
  const { lab: up, wan: down } = layout.uplink;
  const ipLab = (...args: string[]): Argv => ['ip', '-n', lab, ...args];
  const ipWan = (...args: string[]): Argv => ['ip', '-n', wan, ...args];
  return [
    ['ip', 'netns', 'add', lab],
    ['ip', 'netns', 'add', wan],
    ipLab('link', 'set', 'lo', 'up'),
    ipWan('link', 'set', 'lo', 'up'),
    ...bridge(ipLab, layout.node.management),
    ...bridge(ipLab, layout.bridge),
    ipLab('link', 'add', up.device, 'type', 'veth', 'peer', 'name', down.device, 'netns', wan),
    ipLab('addr', 'add', cidr(up), 'dev', up.device),
    ipLab('link', 'set', up.device, 'up'),
    ipWan('addr', 'add', cidr(down), 'dev', down.device),
    ipWan('link', 'set', down.device, 'up'),
    ...layout.publicResolvers.map((address) => ipWan('addr', 'add', `${address}/32`, 'dev', 'lo')),
    ipWan('addr', 'add', cidr(layout.vantage), 'dev', layout.vantage.device),
    // The lab reaches the outside world's few addresses through the uplink, and nothing else.
    ...labOutsideRoutes(layout).map((destination) => ipLab('route', 'add', destination, 'via', down.address, 'dev', up.device)),
    // The outside world reaches the node's LAN and the containers back through the lab.
    ...[layout.node.management, layout.bridge].map((net) => ipWan('route', 'add', network(net), 'via', up.address, 'dev', down.device)),
    // Forwarding between the uplink and the bridges, in the lab namespace only (the sysctl is per namespace).
    ['ip', 'netns', 'exec', lab, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'],
  ];
}

/** What the lab namespace routes to the wan side: the public resolvers and the vantage network. */
export function labOutsideRoutes(layout: LabLayout): string[] {
  return [...layout.publicResolvers.map((address) => `${address}/32`), network({ ...layout.vantage, prefix: 24 })];
}

function bridge(ip: (...args: string[]) => Argv, address: LabAddress): Argv[] {
  return [
    ip('link', 'add', address.device, 'type', 'bridge'),
    ip('addr', 'add', cidr(address), 'dev', address.device),
    ip('link', 'set', address.device, 'up'),
  ];
}

export function cidr(address: LabAddress): string {
  return `${address.address}/${address.prefix}`;
}

/** `192.168.1.10/24` → `192.168.1.0/24`. */
export function network(address: LabAddress): string {
  const value = address.address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const mask = address.prefix === 0 ? 0 : (0xffffffff << (32 - address.prefix)) >>> 0;
  const base = (value & mask) >>> 0;
  return `${[24, 16, 8, 0].map((shift) => (base >>> shift) & 255).join('.')}/${address.prefix}`;
}
