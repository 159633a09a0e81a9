// The schema files themselves: the examples pass, every property documents itself for hover
// and completion (description + examples that validate), names that reach a command line are
// strict, no property can hold a secret, and VS Code is told which files they apply to.

import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { findingsOf, yaml } from './helpers';
import { FULL_CERTIFY, GITEA } from './fuzzCorpus';

const ROOT = path.resolve(__dirname, '../../../..');
const SCHEMA_FILES = ['service.schema.json', 'certify.schema.json', 'targets.schema.json'];
type Json = { [key: string]: unknown };
const schemas: Record<string, Json> = Object.fromEntries(SCHEMA_FILES.map((file) => [file, JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as Json]));
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every `properties` entry of a schema file, with its JSON pointer. */
function allProperties(node: unknown, pointer = ''): { pointer: string; name: string; schema: Json }[] {
  if (!isObject(node)) return Array.isArray(node) ? node.flatMap((item, i) => allProperties(item, `${pointer}/${i}`)) : [];
  const found: { pointer: string; name: string; schema: Json }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'default') continue;
    if (key === 'properties' && isObject(value)) {
      for (const [name, schema] of Object.entries(value)) {
        if (isObject(schema)) found.push({ pointer: `${pointer}/properties/${name}`, name, schema });
      }
    }
    found.push(...allProperties(value, `${pointer}/${key}`));
  }
  return found;
}

describe('schema files', () => {
  test('the example service definition and a full certify.yml have no findings', () => {
    assert.deepEqual(findingsOf(GITEA, 'service'), []);
    assert.deepEqual(findingsOf(FULL_CERTIFY, 'certify'), []);
  });

  test('every property has a description and examples that validate against it', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true, allowUnionTypes: true });
    for (const [file, schema] of Object.entries(schemas)) ajv.addSchema(schema, file);
    let checked = 0;
    for (const [file, schema] of Object.entries(schemas)) {
      for (const property of allProperties(schema)) {
        const where = `${file}#${property.pointer}`;
        assert.equal(typeof property.schema.description, 'string', `${where} has no description`);
        assert.ok(Array.isArray(property.schema.examples) && property.schema.examples.length > 0, `${where} has no examples`);
        // A reference to another file is compiled directly: ajv cannot enter it through a pointer.
        const ref = property.schema.$ref;
        const validate = ajv.compile({ $ref: typeof ref === 'string' && !ref.startsWith('#') ? ref : `${file}#${property.pointer}` });
        for (const example of property.schema.examples as unknown[]) {
          assert.ok(validate(example), `${where}: example ${JSON.stringify(example)} fails: ${JSON.stringify(validate.errors)}`);
        }
        checked += 1;
      }
    }
    assert.ok(checked > 60, `only ${checked} properties checked`);
  });

  test('closed objects everywhere: every object with properties forbids others', () => {
    for (const [file, schema] of Object.entries(schemas)) {
      const walk = (node: unknown, pointer: string): void => {
        if (!isObject(node)) return;
        if (isObject(node.properties) && node.discriminator === undefined) {
          assert.equal(node.additionalProperties, false, `${file}#${pointer} allows unknown properties`);
        }
        for (const [key, value] of Object.entries(node)) {
          if (key !== 'examples') (Array.isArray(value) ? value : [value]).forEach((item, i) => walk(item, `${pointer}/${key}${Array.isArray(value) ? `/${i}` : ''}`));
        }
      };
      walk(schema, '');
    }
  });

  test('no property can hold a secret: only ids and file paths may mention one', () => {
    for (const [file, schema] of Object.entries(schemas)) {
      for (const { name, pointer } of allProperties(schema)) {
        if (/pass|secret|token|credential|private|key/i.test(name)) {
          assert.match(name, /_(id|file)$/, `${file}#${pointer}: "${name}" looks like it holds a secret`);
        }
      }
    }
  });

  test('both schemas share one targets definition', () => {
    const serviceTargets = (schemas['service.schema.json'].properties as Json).targets as Json;
    const certifyTargets = (schemas['certify.schema.json'].properties as Json).targets as Json;
    assert.equal(serviceTargets.$ref, 'targets.schema.json');
    assert.equal(certifyTargets.$ref, 'targets.schema.json');
  });

  test('package.json maps services/*.yml and certify.yml to the schemas', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string | string[]; url: string }[] } };
    const entries = manifest.contributes.yamlValidation.map((entry) => ({ fileMatch: [entry.fileMatch].flat().sort(), url: entry.url }));
    assert.deepEqual(entries, [
      { fileMatch: ['services/*.yaml', 'services/*.yml'], url: './schemas/service.schema.json' },
      { fileMatch: ['certify.yaml', 'certify.yml'], url: './schemas/certify.schema.json' },
    ]);
  });
});

/** Values that must be accepted or refused for one field, checked through the validator. */
function field(prefix: string[], key: string, schema: 'service' | 'certify' = 'service') {
  const check = (value: string): boolean => findingsOf(yaml(...prefix, `${key}: ${value}`), schema).length === 0;
  return {
    accepts: (...values: string[]) => values.forEach((v) => assert.ok(check(v), `${key} should accept ${v}`)),
    refuses: (...values: string[]) => values.forEach((v) => assert.ok(!check(v), `${key} should refuse ${v}`)),
  };
}

describe('strict patterns for names that reach a command line', () => {
  const service = ['container_id: 160'];
  const named = ['name: gitea', 'container_id: 160'];

  test('service name', () => {
    const name = field(service, 'name');
    name.accepts('gitea', 'home-assistant', 'a', 'x_1', '0day', 'a'.repeat(63));
    name.refuses('Gitea', '-gitea', '_gitea', 'git ea', 'git;rm', '"$(id)"', 'a'.repeat(64), "''", 'gitea/../x', 'ü');
  });

  test('deploy playbook and test data scripts: relative, inside their folder, no ..', () => {
    const playbook = field(named, 'deploy_playbook');
    playbook.accepts('playbooks/gitea-deploy.yml', 'playbooks/gitea.yaml');
    playbook.refuses('/playbooks/x.yml', '../playbooks/x.yml', 'playbooks/../x.yml', 'playbooks/sub/x.yml', 'playbooks/x.txt', '-x.yml', 'playbooks/x y.yml');
    const populate = field([...named, 'test_data:'], '  populate');
    populate.accepts('scripts/populate.sh', 'scripts/gitea/populate-testdata.sh');
    populate.refuses('scripts/../x.sh', '/scripts/x.sh', 'scripts/.hidden/x.sh', 'scripts/x.py', 'scripts/x;y.sh', 'x.sh', 'scripts/-x.sh');
  });

  test('absolute container paths for backup items: start with /, no .., no shell characters', () => {
    const paths = field([...named, 'backup:', '  - type: files'], '    paths');
    paths.accepts('[/var/lib/gitea]', '[/var/lib/gitea/, /srv/data.d, /opt/app@2/x+y]');
    paths.refuses('[var/lib]', '[/var/../etc]', '[/var/lib/..]', '[/var/./lib]', '["/var/lib gitea"]', "['/var/$(x)']", '["/a;b"]', '["/a|b"]', '["/a`b`"]', '[/]', '[]', '["//"]');
  });

  test('roles and depends_on', () => {
    field(named, 'roles').accepts('[gitea_api]', '[community.general.proxmox_role]', '[my-role]');
    field(named, 'roles').refuses('[../x]', '["-x"]', '["a b"]', '[1role]', '["a/b"]', '[gitea_api, gitea_api]');
    field(named, 'depends_on').accepts('[postgresql, redis-cache]');
    field(named, 'depends_on').refuses('[PostgreSQL]', '["a;b"]');
  });

  test('hostnames, addresses, DNS names, URLs', () => {
    field(named, 'hostname').accepts('gitea', 'git-01', 'G1');
    field(named, 'hostname').refuses('-gitea', 'gitea-', 'git.ea', 'git_ea', 'a'.repeat(64));
    field(named, 'ip_address').accepts('172.16.10.60', '10.0.0.1/24', '0.0.0.0/0', '255.255.255.255/32');
    field(named, 'ip_address').refuses('256.1.1.1', '1.2.3', '1.2.3.4/33', '01.2.3.4', '"1.2.3.4 "', '"::1"');
    field(named, 'dns_name').accepts('git.example.net', 'a.b');
    field(named, 'dns_name').refuses('gitea', '-a.example.net', 'a..b', 'a.b.', '"a b.net"');
    const url = field([...named, 'external:'], '  url');
    url.accepts('https://git.example.net', 'http://10.0.0.1:3000/x?y=1', 'https://[::1]:8443');
    url.refuses('ftp://x', 'https://user:pw@x.net', '"https://x.net/a b"', 'https://', "'https://x.net/\"'", 'git.example.net');
    const health = field([...named, 'external:', '  url: https://x.example.net'], '  health_path');
    health.accepts('/api/healthz', '/status.php?x=1');
    health.refuses('api/healthz', '"/a b"', '"/a;b"', "'/$(x)'");
  });

  test('certify.yml: API URL, token id (not secret), fingerprint, relative paths, backup root', () => {
    const proxmox = (key: string) => field(['proxmox:'], `  ${key}`, 'certify');
    proxmox('api_url').accepts('https://pve01.example.net:8006', 'https://192.168.1.10:8006/');
    proxmox('api_url').refuses('http://pve01:8006', 'https://root:pw@pve01:8006', 'pve01:8006');
    proxmox('api_token_id').accepts('automation@pve!ansible', 'root@pam!certify-1');
    proxmox('api_token_id').refuses('automation@pve', 'automation@pve!ansible=aaaa-bbbb', 'automation@pve!', '"a b@pve!x"');
    proxmox('host').accepts('pve01', 'pve01.example.net', '192.168.1.10');
    proxmox('host').refuses('-pve', '"pve 01"', 'pve;rm');
    const tls = field(['proxmox:', '  tls:'], '    fingerprint', 'certify');
    tls.accepts(Array.from({ length: 32 }, () => 'Ab').join(':'));
    tls.refuses(Array.from({ length: 20 }, () => 'AB').join(':'), Array.from({ length: 32 }, () => 'ZZ').join(':'));
    const paths = (key: string) => field(['paths:'], `  ${key}`, 'certify');
    paths('inventory').accepts('inventory/hosts.yml', 'hosts', '.config/inv.yml');
    paths('inventory').refuses('/etc/ansible/hosts', '../inv.yml', 'a/../b', '-inv', './inv.yml', '~/inv.yml', '"a b"');
    paths('vault_password_file').accepts('.vault_pass.txt', '~/.vault_pass.txt', 'secrets/vault.txt');
    paths('vault_password_file').refuses('/root/.vault_pass', '~/../x', '"~user/x"', '-x');
    field(['backup:'], '  root', 'certify').accepts('/var/backups/certify', '/mnt/pve/backup/');
    field(['backup:'], '  root', 'certify').refuses('var/backups', '/var/../x', '"/var/back ups"');
  });

  test('targets: durations, sizes, counts and percentages', () => {
    const targets = (metric: string) => field([...named, 'targets:'], `  ${metric}`);
    targets('deploy_time').accepts('{ target: 300 }', '{ target: 5m, acceptable: 10m }', '{ target: 1h30m }', '{ target: 90s }', '{ target: 1.5h }', '{ target: 2d }');
    targets('deploy_time').refuses('{ target: 5 }'.replace('5', '-5'), '{ target: 5min }', '{ target: m }', '{ target: "" }', '{ target: 30m1h }', '{ goal: 5m }');
    targets('backup_size').accepts('{ target: 1GB }', '{ target: 512MiB, acceptable: "1.5 GiB" }', '{ target: 1073741824 }');
    targets('backup_size').refuses('{ target: 1gb }', '{ target: 1 G }', '{ target: -1 }');
    targets('idempotency').accepts('{ target: 0, acceptable: 1 }');
    targets('idempotency').refuses('{ target: 0.5 }', '{ target: "0" }');
    targets('external_test_success').accepts('{ target: 100, acceptable: 95.5 }');
    targets('external_test_success').refuses('{ target: 101 }', '{ target: "100%" }');
    field(named, 'targets').refuses('{ uptime: { target: 1 } }');
  });
});
