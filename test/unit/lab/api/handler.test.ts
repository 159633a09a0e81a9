import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PVE_VERSION } from '../../../../src/lab/api/resources';
import { startApi, type Answer, type ApiFixture } from './apiFixture';
import { MemoryNode, TEMPLATE } from './memoryNode';

const JSON_TYPE = 'application/json;charset=UTF-8';

function dataOf(answer: Answer): unknown {
  assert.equal(answer.status, 200, `${answer.status} ${answer.reason} ${answer.body}`);
  assert.equal(answer.headers['content-type'], JSON_TYPE);
  return (JSON.parse(answer.body) as { data: unknown }).data;
}

async function waitForTask(api: ApiFixture, upid: string): Promise<Record<string, unknown>> {
  // Generous (10 s): the memory node's workers end on the next tick, but a loaded machine is slow.
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const status = dataOf(await api.call('GET', `/api2/json/nodes/pve01/tasks/${encodeURIComponent(upid)}/status`)) as Record<string, unknown>;
    if (status.status === 'stopped') return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`task ${upid} did not stop`);
}

describe('lab API: envelopes, errors and routes over HTTPS', () => {
  let node: MemoryNode;
  let api: ApiFixture;
  before(async () => {
    node = new MemoryNode();
    api = await startApi(node);
  });
  after(async () => api.close());

  test('GET /version answers the data envelope as JSON, with pveproxy\'s headers', async () => {
    const answer = await api.call('GET', '/api2/json/version');
    assert.deepEqual(dataOf(answer), PVE_VERSION);
    assert.equal(answer.body, `{"data":${JSON.stringify(PVE_VERSION)}}`);
    assert.equal(answer.reason, 'OK');
    assert.equal(answer.headers.server, 'pve-api-daemon/3.0');
  });

  test('the same TLS and answers come through the Unix socket', async () => {
    assert.deepEqual(dataOf(await api.call('GET', '/api2/json/version', { socket: true })), PVE_VERSION);
  });

  test('an unknown path is 501 "Method \'GET /x\' not implemented" for an authenticated caller', async () => {
    const answer = await api.call('GET', '/api2/json/nodes/pve01/qemu');
    assert.equal(answer.status, 501);
    assert.equal(answer.reason, "Method 'GET /nodes/pve01/qemu' not implemented");
    assert.equal(answer.body, `{"data":null,"message":"Method 'GET /nodes/pve01/qemu' not implemented\\n"}`);
    const umount = await api.call('POST', '/api2/json/nodes/pve01/lxc/100/status/umount');
    assert.equal(umount.status, 501);
  });

  test('a missing container is 500 with the message as reason phrase and in the body', async () => {
    const answer = await api.call('GET', '/api2/json/nodes/pve01/lxc/999/status/current');
    assert.equal(answer.status, 500);
    assert.equal(answer.reason, "Configuration file 'nodes/pve01/lxc/999.conf' does not exist");
    assert.equal(answer.headers['content-type'], JSON_TYPE);
    assert.equal(answer.body, `{"data":null,"message":"Configuration file 'nodes/pve01/lxc/999.conf' does not exist\\n"}`);
  });

  test('a bad vmid is 400 "Parameter verification failed." with errors.vmid', async () => {
    const answer = await api.call('GET', '/api2/json/nodes/pve01/lxc/99/config');
    assert.equal(answer.status, 400);
    assert.equal(answer.reason, 'Parameter verification failed.');
    assert.equal(
      answer.body,
      '{"data":null,"errors":{"vmid":"invalid format - value does not look like a valid VM ID\\n"},"message":"Parameter verification failed.\\n"}',
    );
    const text = JSON.parse((await api.call('POST', '/api2/json/nodes/pve01/lxc', { form: { vmid: 'abc', ostemplate: TEMPLATE } })).body);
    assert.deepEqual(text.errors, { vmid: "type check ('integer') failed - got 'abc'" });
  });

  test('another node name fails as pveproxy\'s lookup of that node does', async () => {
    const answer = await api.call('GET', '/api2/json/nodes/pve02/lxc');
    assert.equal(answer.status, 500);
    assert.equal(answer.reason, "hostname lookup 'pve02' failed - failed to get address info for: pve02: Name or service not known");
  });

  test('nodes, storage, content and next id look as the Ansible module expects', async () => {
    const nodes = dataOf(await api.call('GET', '/api2/json/nodes')) as Record<string, unknown>[];
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0]?.node, 'pve01');
    assert.equal(nodes[0]?.status, 'online');
    assert.match(String(nodes[0]?.ssl_fingerprint ?? ''), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const status = dataOf(await api.call('GET', '/api2/json/nodes/pve01/status')) as Record<string, unknown>;
    assert.equal(status.pveversion, `pve-manager/${PVE_VERSION.version}/${PVE_VERSION.repoid}`);
    assert.ok((status.memory as { total: number }).total > 0);
    assert.equal((status.loadavg as unknown[]).every((load) => typeof load === 'string'), true);
    const storage = dataOf(await api.call('GET', '/api2/json/nodes/pve01/storage')) as Record<string, unknown>[];
    assert.deepEqual(storage.map((s) => [s.storage, s.type, s.active]), [['local', 'dir', 1]]);
    const content = dataOf(await api.call('GET', '/api2/json/nodes/pve01/storage/local/content?content=vztmpl')) as Record<string, unknown>[];
    assert.deepEqual(content.map((volume) => volume.volid), [TEMPLATE]);
    const missing = await api.call('GET', '/api2/json/nodes/pve01/storage/nfs/content');
    assert.equal(missing.status, 500);
    assert.equal(missing.reason, "storage 'nfs' does not exist");
    assert.equal(dataOf(await api.call('GET', '/api2/json/cluster/nextid')), '100', 'a string, as Proxmox encodes it');
    const badType = await api.call('GET', '/api2/json/cluster/resources?type=qemu');
    assert.equal(badType.status, 400);
    assert.deepEqual(JSON.parse(badType.body).errors, { type: "value 'qemu' does not have a value in the enumeration 'vm, storage, node, sdn'" });
  });

  test('create, start, shutdown and delete run as tasks: a UPID at once, then status and log', async () => {
    const created = await api.call('POST', '/api2/json/nodes/pve01/lxc', {
      form: { vmid: '190', ostemplate: TEMPLATE, hostname: 't190', net0: 'name=eth0,bridge=vmbr1,ip=172.16.10.90/24,gw=172.16.10.1', storage: 'local', unprivileged: '0', force: '0' },
    });
    const upid = dataOf(created) as string;
    assert.match(upid, /^UPID:pve01:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzcreate:190:automation@pve!ansible:$/);
    assert.deepEqual(node.calls.at(-1), `create 190 ${TEMPLATE} {"hostname":"t190","net0":"name=eth0,bridge=vmbr1,ip=172.16.10.90/24,gw=172.16.10.1","storage":"local","unprivileged":"0","force":"0"}`);
    const status = await waitForTask(api, upid);
    assert.equal(status.exitstatus, 'OK');
    assert.equal(status.user, 'automation@pve');
    assert.equal(status.tokenid, 'ansible');
    const log = JSON.parse((await api.call('GET', `/api2/json/nodes/pve01/tasks/${upid}/log?start=0&limit=10`)).body);
    assert.deepEqual(log, { data: [{ n: 1, t: 'TASK OK' }], total: 1 });
    const past = JSON.parse((await api.call('GET', `/api2/json/nodes/pve01/tasks/${upid}/log?start=1`)).body);
    assert.deepEqual(past, { data: [], total: 1 }, 'paged past the end: no lines, the same total');

    assert.equal(dataOf(await api.call('GET', '/api2/json/cluster/nextid')), '100');
    const used = await api.call('GET', '/api2/json/cluster/nextid?vmid=190');
    assert.equal(used.status, 400);
    assert.deepEqual(JSON.parse(used.body).errors, { vmid: 'VM 190 already exists' });
    assert.equal(dataOf(await api.call('GET', '/api2/json/cluster/nextid?vmid=191')), '191');

    const resources = dataOf(await api.call('GET', '/api2/json/cluster/resources?type=vm')) as Record<string, unknown>[];
    assert.deepEqual(resources.map((r) => [r.id, r.vmid, r.node, r.type, r.status, r.name]), [['lxc/190', 190, 'pve01', 'lxc', 'stopped', 't190']]);
    const all = dataOf(await api.call('GET', '/api2/json/cluster/resources')) as Record<string, unknown>[];
    assert.deepEqual(all.map((r) => r.id), ['lxc/190', 'node/pve01', 'storage/pve01/local']);

    const again = await api.call('POST', '/api2/json/nodes/pve01/lxc', { form: { vmid: '190', ostemplate: TEMPLATE } });
    assert.equal(again.status, 500);
    assert.equal(again.reason, "CT 190 already exists on node 'pve01'");

    await waitForTask(api, dataOf(await api.call('POST', '/api2/json/nodes/pve01/lxc/190/status/start')) as string);
    const current = dataOf(await api.call('GET', '/api2/json/nodes/pve01/lxc/190/status/current')) as Record<string, unknown>;
    assert.equal(current.status, 'running');
    assert.deepEqual(current.ha, { managed: 0 });
    const twice = await api.call('POST', '/api2/json/nodes/pve01/lxc/190/status/start');
    assert.equal(twice.status, 500);
    assert.equal(twice.reason, 'CT 190 already running');
    const taskCount = node.tasks.size;
    const running = await api.call('DELETE', '/api2/json/nodes/pve01/lxc/190');
    assert.equal(running.reason, 'unable to destroy CT 190 - container is running');
    assert.equal(node.tasks.size, taskCount, 'a failed precondition starts no task');

    await waitForTask(api, dataOf(await api.call('POST', '/api2/json/nodes/pve01/lxc/190/status/shutdown', { form: { forceStop: '1', timeout: '20' } })) as string);
    assert.equal(node.calls.at(-1), 'shutdown 190 {"timeout":20,"forceStop":true}');
    await waitForTask(api, dataOf(await api.call('DELETE', '/api2/json/nodes/pve01/lxc/190?purge=1')) as string);
    assert.equal(node.calls.at(-1), 'destroy 190 {"purge":true}');
    assert.deepEqual(dataOf(await api.call('GET', '/api2/json/nodes/pve01/lxc')), []);
  });

  test('config: GET has the digest, PUT takes form or JSON parameters and a delete list', async () => {
    await waitForTask(api, dataOf(await api.call('POST', '/api2/json/nodes/pve01/lxc', { form: { vmid: '191', ostemplate: TEMPLATE, hostname: 'c191' } })) as string);
    const config = dataOf(await api.call('GET', '/api2/json/nodes/pve01/lxc/191/config')) as Record<string, unknown>;
    assert.equal(config.hostname, 'c191');
    assert.match(String(config.digest), /^[0-9a-f]{40}$/);
    assert.equal(dataOf(await api.call('PUT', '/api2/json/nodes/pve01/lxc/191/config', { form: { protection: '1', delete: 'ostype' } })), null);
    assert.equal(node.calls.at(-1), 'set 191 {"protection":"1"} ostype');
    assert.equal(dataOf(await api.call('PUT', '/api2/json/nodes/pve01/lxc/191/config', { json: { memory: 1024 } })), null);
    assert.equal(node.calls.at(-1), 'set 191 {"memory":"1024"} ');
    const nothing = await api.call('PUT', '/api2/json/nodes/pve01/lxc/191/config', { form: {} });
    assert.equal(nothing.reason, 'no options specified');
    const stale = await api.call('PUT', '/api2/json/nodes/pve01/lxc/191/config', { form: { digest: 'f'.repeat(40), cores: '2' } });
    assert.equal(stale.status, 500);
    assert.equal(stale.reason, 'detected modified configuration - file changed by other user? Try again.');
    const protectedDelete = await api.call('DELETE', '/api2/json/nodes/pve01/lxc/191');
    assert.equal(protectedDelete.reason, "can't remove CT 191 - protection mode enabled");
  });

  test('vzdump returns a UPID; tasks that are not UPIDs are 400', async () => {
    const upid = dataOf(await api.call('POST', '/api2/json/nodes/pve01/vzdump', { form: { vmid: '191', mode: 'stop', compress: 'zstd', storage: 'local' } })) as string;
    assert.match(upid, /:vzdump:191:automation@pve!ansible:$/);
    assert.equal(node.calls.at(-1), 'vzdump {"vmid":191,"mode":"stop","compress":"zstd","storage":"local"}');
    const two = await api.call('POST', '/api2/json/nodes/pve01/vzdump', { form: { vmid: '191,192' } });
    assert.equal(two.status, 400);
    assert.deepEqual(JSON.parse(two.body).errors, { vmid: 'the lab backs up one guest per vzdump job' });
    const badMode = await api.call('POST', '/api2/json/nodes/pve01/vzdump', { form: { vmid: '191', mode: 'fast' } });
    assert.deepEqual(JSON.parse(badMode.body).errors, { mode: "value 'fast' does not have a value in the enumeration 'snapshot, suspend, stop'" });
    const badNode = await api.call('GET', '/api2/json/nodes/-x/lxc');
    assert.equal(badNode.status, 400);
    assert.deepEqual(JSON.parse(badNode.body).errors, { node: 'invalid format - value does not look like a valid node name\n' });
    const index = dataOf(await api.call('GET', '/api2/json/nodes/pve01/lxc/191/status')) as { subdir: string }[];
    assert.ok(index.some((entry) => entry.subdir === 'current'));
    const bad = await api.call('GET', '/api2/json/nodes/pve01/tasks/nonsense/status');
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.body).errors, { upid: 'unable to parse worker upid' });
  });

  test('POST /access/ticket: the lab has no password logins', async () => {
    const answer = await api.call('POST', '/api2/json/access/ticket', { auth: null, form: { username: 'root@pam', password: 'x' } });
    assert.equal(answer.status, 401);
    assert.equal(answer.reason, 'authentication failure');
    assert.equal(answer.body, '{"data":null,"message":"authentication failure\\n"}');
  });

  test('paths outside /api2/json are 404', async () => {
    const answer = await api.call('GET', '/index.html');
    assert.equal(answer.status, 404);
  });
});
