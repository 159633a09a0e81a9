// Benchmark: a repo of 1,000 generated services. Measures (1) discovery from disk plus the
// Services tree's first two levels (services and their nine steps), against a baseline of
// reading and parsing the same files with js-yaml; (2) one changed role defaults file
// re-evaluated (model update and the service's static criteria), against a baseline of
// parsing that one file. Goals: (1) ≤ 300 ms, (2) ≤ 10 ms. Reports; never fails on a miss.
import { load } from 'js-yaml';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { evaluateStaticChecks } from '../src/check/staticCriteria/index.ts';
import { validateRepo } from '../src/check/validateRepo.ts';
import { buildRepoModel } from '../src/workspace/discovery.ts';
import { RepoIndex } from '../src/workspace/repoIndex.ts';
import { readRepoSnapshot } from '../src/workspace/repoSnapshot.ts';
import { readValidationTexts } from '../src/workspace/validationTexts.ts';
import { serviceNode, stepNodes } from '../src/report/treeModel.ts';

const SERVICES = 1000;
const RUNS = 9;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-bench-tree-'));
try {
  generateRepo(root);
  const files = listFiles(root);

  const baseline = await median(RUNS, async () => {
    for (const file of files) if (/\.ya?ml$/.test(file)) load(await fs.promises.readFile(path.join(root, file), 'utf8'));
  });
  const discovery = await median(RUNS, async () => {
    const model = buildRepoModel(await readRepoSnapshot(root));
    let nodes = 0;
    for (const service of model.services) {
      serviceNode(service, undefined);
      nodes += 1 + stepNodes(service, undefined).length;
    }
    if (model.services.length !== SERVICES || nodes !== SERVICES * 10) throw new Error(`expected ${SERVICES} services, got ${model.services.length}`);
  });

  // Incremental: one role's defaults change; the index re-reads that file alone.
  const index = await RepoIndex.open(root);
  const { texts, findings } = await readValidationTexts(index.files);
  const context = validateRepo({ snapshot: index.files, model: index.model, texts, readFindings: findings }, index.parseCache);
  const changed = 'roles/svc500_api/defaults/main.yml';
  const absolute = path.join(root, changed);
  let port = 9000;
  const singleParse = await median(RUNS * 3, async () => {
    parseDocument(fs.readFileSync(absolute, 'utf8'), { version: '1.1' });
  });
  const incremental = await median(RUNS * 3, async () => {
    fs.writeFileSync(absolute, defaults(500).replace(/service_port: \d+/, `service_port: ${++port}`));
    await index.fileChanged(changed);
    const text = await fs.promises.readFile(absolute, 'utf8');
    texts.set(changed, text);
    const service = index.model.services.find((candidate) => candidate.name === 'svc500');
    evaluateStaticChecks(service, { ...context, snapshot: index.files, model: index.model, texts });
    if (service.facts.servicePort?.value !== port) throw new Error('the change was not picked up');
  });

  console.log(`repo: ${SERVICES} services, ${files.length} files`);
  console.log(row('read + js-yaml load of every YAML file (baseline)', baseline));
  console.log(row('discovery + tree levels 1–2 (services, steps)', discovery, baseline));
  console.log(row('parse of one role defaults file (baseline)', singleParse));
  console.log(row('one changed role file re-evaluated', incremental, singleParse));
  console.log(goal('1,000 services discovered, tree levels 1–2 built', discovery, 300));
  console.log(goal('one changed role file re-evaluated', incremental, 10));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

function row(what, ms, base) {
  return `  ${what.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms${base ? `   (${(ms / base).toFixed(2)}× baseline)` : ''}`;
}

function goal(what, ms, limit) {
  return `  ${ms <= limit ? 'PASS' : 'MISS'}: ${what}: ${ms.toFixed(1)} ms (goal ≤ ${limit} ms)`;
}

async function median(runs, work) {
  await work(); // warm-up: JIT and file cache
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function listFiles(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

function defaults(i) {
  return [
    '---',
    `svc${i}_container_id: ${1000 + i}`,
    `svc${i}_hostname: svc${i}`,
    `svc${i}_ip_address: 10.${Math.floor(i / 250)}.${i % 250}.10`,
    `svc${i}_service_port: ${8000 + (i % 100)}`,
    `svc${i}_domain: "svc${i}.{{ domain }}"`,
    `svc${i}_db_password: "{{ vault_svc${i}_db_password }}"`,
    '',
  ].join('\n');
}

function generateRepo(dir) {
  const write = (file, content) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  write('inventory/hosts.yml', 'all:\n  children:\n    proxmox_admin:\n      hosts:\n        pve01:\n          ansible_host: 192.0.2.10\n');
  write('inventory/group_vars/all/vars.yml', 'domain: example.net\n');
  const backup = ['---', 'backup_root_dir: /var/backups/infrastructure'];
  const restore = ['---'];
  for (let i = 0; i < SERVICES; i++) {
    const role = `roles/svc${i}_api`;
    write(`${role}/defaults/main.yml`, defaults(i));
    write(
      `${role}/tasks/main.yml`,
      [
        '---',
        '- name: Create container via Proxmox API',
        '  community.general.proxmox:',
        '    api_host: "{{ proxmox_api_host }}"',
        `    vmid: "{{ svc${i}_container_id }}"`,
        '    state: present',
        '- name: Verify service is running',
        '  ansible.builtin.uri:',
        `    url: "http://{{ svc${i}_ip_address }}:{{ svc${i}_service_port }}/health"`,
        '    status_code: 200',
        '',
      ].join('\n'),
    );
    write(`${role}/handlers/main.yml`, `---\n- name: Restart svc${i}\n  ansible.builtin.service:\n    name: svc${i}\n    state: restarted\n`);
    write(`${role}/templates/app.env.j2`, `PORT={{ svc${i}_service_port }}\n`);
    write(`${role}/README.md`, `# svc${i}_api\n\nPort ${8000 + (i % 100)}. Vault: vault_svc${i}_db_password.\n`);
    write(`playbooks/svc${i}-deploy.yml`, `---\n- name: Deploy svc${i}\n  hosts: proxmox_admin\n  roles:\n    - role: svc${i}_api\n`);
    if (i % 3 === 0) write(`services/svc${i}.yml`, `name: svc${i}\ncontainer_id: ${1000 + i}\nroles: [svc${i}_api]\n`);
    backup.push(`backup_svc${i}_enabled: true`);
    restore.push(`restore_svc${i}_enabled: true`);
  }
  write('roles/backup_infrastructure/defaults/main.yml', `${backup.join('\n')}\n`);
  write('roles/restore_infrastructure/defaults/main.yml', `${restore.join('\n')}\n`);
}
