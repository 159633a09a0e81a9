// Step 2's (and Step 9's) DNS check: every public resolver must answer the address public DNS
// should give. A homelab behind NAT is reached at its router's public address, never at the
// container's private one, so without an address in the definition the expectation is the
// address the HTTPS probe from outside reached, earlier in the same step.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../../src/core/record';
import { DEFAULT_TARGETS } from '../../../../src/core/targets';
import type { ActionOutcome } from '../../../../src/run/plan/action';
import type { PlanContext } from '../../../../src/run/plan/planContext';
import type { ServiceRunFacts } from '../../../../src/run/plan/serviceRunFacts';
import { vantageDnsAction, vantageHttpsAction } from '../../../../src/run/plan/sharedActions';

function context(facts: Partial<ServiceRunFacts> = {}): PlanContext {
  return {
    root: '/repo',
    facts: { name: 'notes', externalUrl: 'https://notes.example.net', dnsName: 'notes.example.net', ipAddress: '172.16.10.65', healthPath: '/healthz', expectedStatus: 200, otherServices: [], roleDirs: [], targets: DEFAULT_TARGETS, ...facts },
    targets: {
      description: 'test',
      proxmox: { name: 'pve01', host: '192.0.2.10', port: 22, username: 'root', knownHostsFile: '/dev/null' },
      vantage: { ssh: { name: 'vantage', host: '198.51.100.9', port: 22, username: 'root', knownHostsFile: '/dev/null' } },
      resolvers: ['1.1.1.1', '8.8.8.8'],
      controller: { prefix: [], extraVarsFiles: [] },
      backupRoot: '/var/backups/infrastructure',
      backupHost: 'proxmox',
    },
    record: createEmptyRecord('notes', new Date()),
  };
}

const exited = (stdout: string): ActionOutcome => ({ result: { ended: 'exited', exitCode: 0, stdout, stderr: '', durationMs: 5 } });
const dig = (answers: Record<string, string[]>): string => Object.entries(answers).map(([resolver, lines]) => [`@${resolver}`, ...lines].join('\n')).join('\n') + '\n';

describe('DNS from public resolvers', () => {
  test('behind NAT: the address HTTPS from outside reached is what DNS must answer, not the container\'s private one', () => {
    const https = vantageHttpsAction(context(), 'https', () => []);
    const reached = https.judge(exited('200 203.0.113.7\n'), {});
    assert.equal(reached.figures?.['https.remoteIp'], '203.0.113.7');
    const dns = vantageDnsAction(context(), 'dns', 'dns-external', 'https');
    const judged = dns.judge(exited(dig({ '1.1.1.1': ['203.0.113.7'], '8.8.8.8': ['203.0.113.7'] })), { ...reached.figures });
    assert.deepEqual(judged.criteria, [{ id: 'dns-external', met: true, evidence: 'notes.example.net (expected 203.0.113.7, the address HTTPS from outside reached): 1.1.1.1 → 203.0.113.7; 8.8.8.8 → 203.0.113.7' }]);
  });

  test('a resolver that answers something else, or nothing, fails the check', () => {
    const dns = vantageDnsAction(context(), 'dns', 'dns-external', 'https');
    const judged = dns.judge(exited(dig({ '1.1.1.1': ['203.0.113.7'], '8.8.8.8': [] })), { 'https.remoteIp': '203.0.113.7' });
    assert.equal(judged.criteria?.[0].met, false);
    assert.match(judged.criteria?.[0].evidence ?? '', /8\.8\.8\.8 → nothing$/);
  });

  test("an address the definition states wins over what HTTPS reached; without either, the service's own address", () => {
    const stated = vantageDnsAction(context({ publicAddress: '198.51.100.20' }), 'dns', 'dns-external', 'https');
    const byStatement = stated.judge(exited(dig({ '1.1.1.1': ['198.51.100.20'], '8.8.8.8': ['198.51.100.20'] })), { 'https.remoteIp': '203.0.113.7' });
    assert.deepEqual(byStatement.criteria?.map((c) => [c.met, c.evidence.split(':')[0]]), [[true, 'notes.example.net (expected 198.51.100.20, as the definition states (external.address))']]);
    // HTTPS reached nothing (it failed): the service's own address, as in the lab's split DNS.
    const own = vantageDnsAction(context(), 'dns', 'dns-external', 'https').judge(exited(dig({ '1.1.1.1': ['172.16.10.65'], '8.8.8.8': ['172.16.10.65'] })), { 'https.status': 0 });
    assert.equal(own.criteria?.[0].met, true);
    assert.match(own.criteria?.[0].evidence ?? '', /expected 172\.16\.10\.65, the service's own address/);
  });
});
