// Debian's python3-proxmoxer 1.2 (what the Ansible module uses) against the API over HTTPS,
// trusting the lab CA through verify_ssl=<ca.pem>: form-encoded bodies, the envelope, task
// polling, and how its errors read (proxmoxer shows the reason phrase).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { startApi, SECRET, type ApiFixture } from './apiFixture';
import { MemoryNode, TEMPLATE } from './memoryNode';

const run = promisify(execFile);

const SCRIPT = `
import json, sys, time
from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException
port, ca, secret, template = sys.argv[1:5]
api = ProxmoxAPI('127.0.0.1:' + port, user='automation@pve', token_name='ansible', token_value=secret, verify_ssl=ca)
out = {'version': api.version.get()['version'], 'nodes': [n['node'] for n in api.nodes.get()], 'nextid': api.cluster.nextid.get()}
upid = api.nodes('pve01').lxc.create(vmid=out['nextid'], ostemplate=template, hostname='py', storage='local', memory=None, unprivileged=0)
for _ in range(500):
    status = api.nodes('pve01').tasks(upid).status.get()
    if status['status'] == 'stopped':
        break
    time.sleep(0.02)
out['task'] = [status['status'], status['exitstatus'], status['type'], status['user'], status.get('tokenid')]
out['log'] = api.nodes('pve01').tasks(upid).log.get()[:1]
out['vms'] = [[vm['vmid'], vm['name'], vm['node']] for vm in api.cluster.resources.get(type='vm')]
try:
    api.nodes('pve01').lxc(999).status.current.get()
except ResourceException as e:
    out['missing'] = str(e)
try:
    api.nodes('pve01').lxc(5).config.get()
except ResourceException as e:
    out['badvmid'] = str(e)
bad = ProxmoxAPI('127.0.0.1:' + port, user='automation@pve', token_name='ansible', token_value='wrong', verify_ssl=ca)
try:
    bad.version.get()
except ResourceException as e:
    out['unauthorized'] = str(e)
print(json.dumps(out))
`;

describe('lab API: python3-proxmoxer 1.2 as a client', () => {
  let api: ApiFixture;
  before(async () => {
    api = await startApi(new MemoryNode());
  });
  after(async () => api.close());

  test('talks to the lab API with certificate verification on, and reads its errors', async () => {
    const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, String(api.port), api.caFile, SECRET, TEMPLATE], { timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout), {
      version: '9.2.11',
      nodes: ['pve01'],
      nextid: '100',
      task: ['stopped', 'OK', 'vzcreate', 'automation@pve', 'ansible'],
      log: [{ n: 1, t: 'TASK OK' }],
      vms: [[100, 'py', 'pve01']],
      missing: "500 Internal Server Error: Configuration file 'nodes/pve01/lxc/999.conf' does not exist",
      // proxmoxer reads `errors` from `data` (null here, as on Proxmox), so only the reason shows.
      badvmid: '400 Bad Request: Parameter verification failed.',
      // An empty body is not JSON: proxmoxer appends the raw body, as it does against Proxmox.
      unauthorized: "401 Unauthorized: Authentication failed! - b''",
    });
  });
});
