// The lab's network plan: two namespaces, no default route, nothing done in the machine's
// own namespace (every command names one of the lab's namespaces).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labLayout } from '../../../../src/lab/labLayout';
import { labOutsideRoutes, network, networkPlan } from '../../../../src/lab/net/networkPlan';
import { netnsFiles } from '../../../../src/lab/net/netnsFiles';

const layout = labLayout({ name: 'lnet', dir: '/tmp/lnet-lab' });

describe('lab network plan', () => {
  test('every command acts inside one of the lab\'s namespaces, never the machine\'s', () => {
    const ours = [layout.netns, layout.wanNetns];
    for (const argv of networkPlan(layout)) {
      assert.equal(argv[0], 'ip', argv.join(' '));
      const inOurs = (argv[1] === '-n' && ours.includes(argv[2])) || (argv[1] === 'netns' && ['add', 'exec'].includes(argv[2]) && ours.includes(argv[3]));
      assert.ok(inOurs, argv.join(' '));
    }
  });

  test('no default route, and only the resolvers and the vantage network go to the wan side', () => {
    const plan = networkPlan(layout).map((argv) => argv.join(' '));
    assert.ok(plan.every((line) => !/\bdefault\b|0\.0\.0\.0\/0/.test(line)), plan.join('\n'));
    const labRoutes = plan.filter((line) => line.startsWith(`ip -n ${layout.netns} route add`));
    assert.deepEqual(labRoutes, [
      'ip -n lnet-lab route add 1.1.1.1/32 via 198.51.100.2 dev lnet-up',
      'ip -n lnet-lab route add 8.8.8.8/32 via 198.51.100.2 dev lnet-up',
      'ip -n lnet-lab route add 203.0.113.0/24 via 198.51.100.2 dev lnet-up',
    ]);
    const wanRoutes = plan.filter((line) => line.startsWith(`ip -n ${layout.wanNetns} route add`));
    assert.deepEqual(wanRoutes, [
      'ip -n lnet-wan route add 192.168.1.0/24 via 198.51.100.1 dev lnet-wan',
      'ip -n lnet-wan route add 172.16.10.0/24 via 198.51.100.1 dev lnet-wan',
    ]);
    assert.deepEqual(labOutsideRoutes(layout), ['1.1.1.1/32', '8.8.8.8/32', '203.0.113.0/24']);
  });

  test('the uplink is born in the lab namespace with its peer sent straight to the wan', () => {
    const veth = networkPlan(layout).find((argv) => argv.includes('veth'));
    assert.deepEqual(veth, ['ip', '-n', 'lnet-lab', 'link', 'add', 'lnet-up', 'type', 'veth', 'peer', 'name', 'lnet-wan', 'netns', 'lnet-wan']);
  });

  test('forwarding is switched on in the lab namespace only, through ip netns exec', () => {
    const sysctls = networkPlan(layout).filter((argv) => argv.includes('sysctl'));
    assert.deepEqual(sysctls, [['ip', 'netns', 'exec', 'lnet-lab', 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']]);
  });

  test('network() masks an address to its network', () => {
    assert.equal(network({ device: 'x', address: '192.168.1.10', prefix: 24 }), '192.168.1.0/24');
    assert.equal(network({ device: 'x', address: '198.51.100.2', prefix: 30 }), '198.51.100.0/30');
    assert.equal(network({ device: 'x', address: '10.1.2.3', prefix: 8 }), '10.0.0.0/8');
  });

  test('/etc/netns files: the lab resolves through its bridge, the wan through the public resolver', () => {
    const files = Object.fromEntries(netnsFiles(layout).map((file) => [file.file, file.text]));
    assert.equal(files['/etc/netns/lnet-lab/resolv.conf'], 'nameserver 172.16.10.1\nsearch example.net\n');
    assert.equal(files['/etc/netns/lnet-wan/resolv.conf'], 'nameserver 1.1.1.1\n');
    assert.match(files['/etc/netns/lnet-lab/hosts'], /^192\.168\.1\.10 pve01\.example\.net pve01$/m);
    assert.match(files['/etc/netns/lnet-wan/hosts'], /^127\.0\.0\.1 localhost$/m);
  });
});
