// The lab's two DNS servers, both Debian's dnsmasq with no configuration file of the machine:
// the LAN's (the node's resolver on the container bridge: the repo's container names, other
// names forwarded to the public resolver) and the public resolvers the wan namespace plays
// (the services' public names and nothing else: an unknown name is NXDOMAIN, never forwarded).

export interface DnsRecord {
  readonly name: string;
  readonly address: string;
}

interface DnsmasqBase {
  readonly listen: readonly string[];
  readonly records: readonly DnsRecord[];
  readonly logFile: string;
}

function common(options: DnsmasqBase): string[] {
  return [
    '/usr/sbin/dnsmasq',
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    // The lab keeps its own pid file; dnsmasq must not write /run/dnsmasq.pid of the machine.
    '--pid-file=',
    '--no-hosts',
    '--no-resolv',
    '--bind-interfaces',
    ...options.listen.map((address) => `--listen-address=${address}`),
    '--port=53',
    // dnsmasq opens its log as root, then drops to `nobody`; as root it keeps writing the lab's log.
    '--user=root',
    '--log-queries',
    `--log-facility=${options.logFile}`,
    ...options.records.map((record) => `--host-record=${record.name},${record.address}`),
  ];
}

export function lanDnsmasqArgv(options: DnsmasqBase & { readonly upstream: string }): string[] {
  return [...common(options), `--server=${options.upstream}`];
}

export function publicDnsmasqArgv(options: DnsmasqBase): string[] {
  // `/#/` with no server: every domain is answered from the records above, or NXDOMAIN.
  return [...common(options), '--local=/#/'];
}
