// What the lab's daemons are started with: the private sshd's configuration, dnsmasq's
// arguments (the public resolvers answer only their records and forward nothing), and how
// /proc tells a daemon listens without sending it a packet.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lanDnsmasqArgv, publicDnsmasqArgv } from '../../../../src/lab/daemons/dnsmasqArgs';
import { boundSockets, hexToIpv4, processStartTime } from '../../../../src/lab/daemons/procfs';
import { sshdConfig } from '../../../../src/lab/daemons/sshdConfig';

describe('lab daemons: configuration', () => {
  test('the node sshd listens on its address only, with keys only, and sets the node\'s PATH', () => {
    const text = sshdConfig({
      listen: '192.168.1.10',
      port: 22,
      hostKey: '/lab/ssh/node_host_ed25519',
      authorizedKeys: '/lab/ssh/authorized_keys',
      setEnv: { PATH: '/lab/bin:/usr/bin', CERTIFY_LAB_DIR: '/lab' },
    });
    const lines = text.trim().split('\n');
    assert.ok(lines.includes('ListenAddress 192.168.1.10:22'));
    assert.ok(lines.includes('PasswordAuthentication no'));
    assert.ok(lines.includes('UsePAM no'));
    assert.ok(lines.includes('PidFile none'));
    assert.ok(lines.includes('AuthorizedKeysFile /lab/ssh/authorized_keys'));
    assert.equal(lines.at(-1), 'SetEnv PATH=/lab/bin:/usr/bin CERTIFY_LAB_DIR=/lab');
  });

  test('the public resolvers: records only, every other name NXDOMAIN, no upstream, no machine files', () => {
    const argv = publicDnsmasqArgv({ listen: ['1.1.1.1', '8.8.8.8'], records: [{ name: 'git.example.net', address: '172.16.10.60' }], logFile: '/lab/logs/q.log' });
    for (const flag of ['--no-resolv', '--no-hosts', '--bind-interfaces', '--conf-file=/dev/null', '--pid-file=', '--keep-in-foreground', '--local=/#/']) {
      assert.ok(argv.includes(flag), flag);
    }
    assert.ok(argv.includes('--listen-address=1.1.1.1') && argv.includes('--listen-address=8.8.8.8'));
    assert.ok(argv.includes('--host-record=git.example.net,172.16.10.60'));
    assert.ok(!argv.some((arg) => arg.startsWith('--server')), 'the public resolvers forward nothing');
  });

  test('the LAN resolver forwards what it does not know to the public resolver, and only there', () => {
    const argv = lanDnsmasqArgv({ listen: ['172.16.10.1'], records: [], logFile: '/lab/logs/q.log', upstream: '1.1.1.1' });
    assert.deepEqual(argv.filter((arg) => arg.startsWith('--server')), ['--server=1.1.1.1']);
    assert.ok(argv.includes('--no-resolv'));
  });

  test('/proc/net tables: listening TCP sockets and bound UDP sockets, addresses in host order', () => {
    assert.equal(hexToIpv4('0A01A8C0'), '192.168.1.10');
    assert.equal(hexToIpv4('0100007F'), '127.0.0.1');
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0A01A8C0:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
      '   1: 0100007F:8AE6 0100007F:0016 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1',
    ].join('\n');
    assert.deepEqual(boundSockets(tcp, 'tcp'), [{ address: '192.168.1.10', port: 22 }]);
    const udp = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      ' 1: 0101A8C0:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 3 2 0 0',
    ].join('\n');
    assert.deepEqual(boundSockets(udp, 'udp'), [{ address: '192.168.1.1', port: 53 }]);
  });

  test('a process\'s start time identifies it; a pid with no process has none', () => {
    const mine = processStartTime(process.pid);
    assert.equal(typeof mine, 'number');
    assert.equal(processStartTime(process.pid), mine);
    assert.equal(processStartTime(2 ** 22 + 7), undefined);
  });
});
