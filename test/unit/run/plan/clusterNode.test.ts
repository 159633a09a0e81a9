// Step 1 asks the API which node holds the container: Certify runs pct on one node, and in a
// cluster a container on another node would read there as missing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../../src/core/record';
import { DEFAULT_TARGETS } from '../../../../src/core/targets';
import type { ActionOutcome } from '../../../../src/run/plan/action';
import type { PlanContext } from '../../../../src/run/plan/planContext';
import type { ServiceRunFacts } from '../../../../src/run/plan/serviceRunFacts';
import { guestIn, implementPlan } from '../../../../src/run/plan/steps/implement';

const CONTEXT: PlanContext = {
  root: '/repo',
  facts: { name: 'notes', containerId: 165, deployPlaybook: 'playbooks/notes-deploy.yml', healthPath: '/', expectedStatus: 200, otherServices: [], roleDirs: [], targets: DEFAULT_TARGETS } as ServiceRunFacts,
  targets: {
    description: 'test',
    proxmox: { name: 'pve01', host: '192.0.2.10', port: 22, username: 'root', knownHostsFile: '/dev/null' },
    api: { url: 'https://192.0.2.10:8006/api2/json', tokenId: 'automation@pve!certify', secret: 'x', node: 'pve01' },
    resolvers: [],
    controller: { prefix: [], extraVarsFiles: [] },
    backupRoot: '/var/backups/infrastructure',
    backupHost: 'proxmox',
  },
  record: createEmptyRecord('notes', new Date()),
};

const answer = (data: unknown): ActionOutcome => ({ result: { ended: 'exited', exitCode: 0, stdout: JSON.stringify({ data }), stderr: '', durationMs: 3 } });
const GUESTS = [
  { id: 'qemu/165', vmid: 165, node: 'pve03', type: 'qemu', status: 'running' },
  { id: 'lxc/150', vmid: 150, node: 'pve01', type: 'lxc', status: 'running' },
];

describe("Step 1: the container's node", () => {
  const action = implementPlan(CONTEXT).actions.find((a) => a.id === 'api-node');

  test('asked of the API after the deploy, before pct looks on the node', () => {
    assert.ok(action);
    assert.deepEqual(implementPlan(CONTEXT).actions.map((a) => a.id).slice(0, 3), ['deploy', 'api-node', 'running']);
    assert.deepEqual(action.command({}).argv, ['GET', '/cluster/resources', 'type=vm']);
    assert.equal(implementPlan({ ...CONTEXT, targets: { ...CONTEXT.targets, api: undefined } }).actions.some((a) => a.id === 'api-node'), false, 'no API, no question');
  });

  test('on the node Certify runs pct on: goes on, with the node as a figure', () => {
    const judged = action?.judge(answer([...GUESTS, { id: 'lxc/165', vmid: 165, node: 'pve01', type: 'lxc', status: 'running' }]), {});
    assert.deepEqual(judged, { figures: { 'api.node': 'pve01' } });
  });

  test('on another node: stops, naming the node and what to set', () => {
    const judged = action?.judge(answer([...GUESTS, { id: 'lxc/165', vmid: 165, node: 'pve02', type: 'lxc', status: 'running' }]), {});
    assert.equal(judged?.stop, 'Container 165 is on node pve02, but Certify runs pct on pve01 (192.0.2.10): point it at pve02 (CERTIFY_PROXMOX_SSH=root@<pve02\'s address>, CERTIFY_PROXMOX_NODE=pve02).');
  });

  test('nowhere in the cluster (a VM with the same id is no container): stops', () => {
    assert.equal(action?.judge(answer(GUESTS), {}).stop, 'The Proxmox API knows no container 165 anywhere in the cluster after the deploy.');
  });

  test('guestIn reads only well-formed entries', () => {
    assert.equal(guestIn('not json', 165), undefined);
    assert.equal(guestIn('{"data": {"vmid": 165}}', 165), undefined);
    assert.deepEqual(guestIn(JSON.stringify({ data: [{ vmid: '165', node: 'pve01', type: 'lxc' }] }), 165), { node: 'pve01' });
  });
});
