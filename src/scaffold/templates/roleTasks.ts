// roles/<name>_api/tasks/main.yml in the API-first pattern of the example roles: the container
// through the Proxmox API with the repo's proxmox_api_* variables, SSH host key recorded (host key
// checking stays on), everything inside the container through delegate_to, the service started
// by systemd (or Docker, whose volumes the backup role archives), and a uri health check at the end.

import { httpHealthCheckTask } from '../../repo/healthCheckTask';
import { fileText, ref, yamlText, type TemplateInput } from './input';
import { dockerTasks, systemdTasks } from './serviceTasks';

export function roleTasks(input: TemplateInput): string {
  const { names, request, postgres } = input;
  const where = postgres ? `, its database on the ${postgres.name} server (container ${postgres.containerId})` : '';
  return fileText([
    '---',
    `# ${names.display} in LXC container ${request.containerId}${where}.`,
    '# Scaffolded by Certify: replace every TODO, then run the deploy playbook twice (the second',
    '# run must report changed=0).',
    '',
    ...(postgres ? databaseTasks(input) : []),
    ...containerTasks(input),
    ...sshTasks(input),
    ...(input.runtime === 'docker' ? dockerTasks(input) : systemdTasks(input)),
    ...healthTasks(input),
  ]);
}

/** The Proxmox API connection, as the repo's group_vars define it. */
function apiArgs(input: TemplateInput): string[] {
  const site = input.conventions.siteVars;
  return [
    '    api_host: "{{ proxmox_api_host }}"',
    '    api_user: "{{ proxmox_api_user }}"',
    ...(input.conventions.proxmoxAuth === 'password'
      ? ['    api_password: "{{ proxmox_api_password }}"']
      : ['    api_token_id: "{{ proxmox_api_token_id }}"', '    api_token_secret: "{{ proxmox_api_token_secret }}"']),
    ...(site.has('proxmox_api_validate_certs') ? ['    validate_certs: "{{ proxmox_api_validate_certs }}"'] : []),
    '    node: "{{ proxmox_node }}"',
    `    vmid: "${ref(input, 'container_id')}"`,
  ];
}

function databaseTasks(input: TemplateInput): string[] {
  const { names, postgres } = input;
  if (!postgres) return [];
  const d = names.display;
  return [
    `- name: Check that PostgreSQL (dependency) is reachable`,
    '  ansible.builtin.wait_for:',
    `    host: "${ref(input, 'db_host')}"`,
    `    port: "${ref(input, 'db_port')}"`,
    '    timeout: 10',
    `    msg: "PostgreSQL is not reachable at ${ref(input, 'db_host')}:${ref(input, 'db_port')}; run playbooks/${postgres.name}-deploy.yml first."`,
    '',
    `- name: Create the ${d} database role`,
    '  community.postgresql.postgresql_user:',
    `    name: "${ref(input, 'db_user')}"`,
    `    password: "${ref(input, 'db_password')}"`,
    '    state: present',
    '  environment:',
    '    PGOPTIONS: "-c password_encryption=scram-sha-256"',
    '  become: true',
    '  become_method: su',
    '  become_user: postgres',
    `  delegate_to: ${postgres.host}`,
    '  no_log: true',
    '',
    `- name: Create the ${d} database`,
    '  community.postgresql.postgresql_db:',
    `    name: "${ref(input, 'db_name')}"`,
    `    owner: "${ref(input, 'db_user')}"`,
    '    encoding: UTF8',
    '    lc_collate: C.UTF-8',
    '    lc_ctype: C.UTF-8',
    '    template: template0',
    '    state: present',
    '  become: true',
    '  become_method: su',
    '  become_user: postgres',
    `  delegate_to: ${postgres.host}`,
    '',
  ];
}

function containerTasks(input: TemplateInput): string[] {
  const { names, conventions } = input;
  const site = conventions.siteVars;
  const d = names.display;
  const module = conventions.proxmoxModule;
  const pubkey = site.has('container_ssh_public_key')
    ? '"{{ container_ssh_public_key }}"'
    : `"{{ lookup('ansible.builtin.file', ${names.token}_ssh_public_key_file) }}"`;
  const docker = input.runtime === 'docker';
  return [
    `- name: Create ${d} container via Proxmox API`,
    `  ${module}:`,
    ...apiArgs(input),
    `    hostname: "${ref(input, 'hostname')}"`,
    '    ostemplate: "{{ proxmox_ostemplate }}"',
    '    storage: "{{ proxmox_storage }}"',
    `    disk: "{{ proxmox_storage }}:${ref(input, 'disk_size')}"`,
    `    cores: "${ref(input, 'cores')}"`,
    `    memory: "${ref(input, 'memory')}"`,
    `    swap: "${ref(input, 'swap')}"`,
    '    netif:',
    `      net0: "name=eth0,bridge={{ proxmox_bridge }},ip=${ref(input, 'ip_address')}/{{ network_cidr }},gw={{ network_gateway }},firewall=1"`,
    ...(site.has('network_dns') ? ['    nameserver: "{{ network_dns }}"'] : []),
    ...(site.has('domain') ? ['    searchdomain: "{{ domain }}"'] : []),
    ...(site.has('container_root_password') ? ['    password: "{{ container_root_password }}"'] : []),
    `    pubkey: ${pubkey}`,
    '    unprivileged: true',
    ...(docker ? ['    features:', '      - nesting=1', '      - keyctl=1'] : []),
    '    onboot: true',
    `    description: "${d} (${docker ? 'Docker; ' : ''}managed by Ansible: ${names.role})"`,
    `    tags: [ansible, ${docker ? 'docker, ' : ''}${yamlText(names.label)}]`,
    '    state: present',
    '  no_log: true',
    '',
    `- name: Start ${d} container`,
    `  ${module}:`,
    ...apiArgs(input),
    '    state: started',
    '  no_log: true',
    '',
  ];
}

function sshTasks(input: TemplateInput): string[] {
  const d = input.names.display;
  const t = input.names.token;
  return [
    `- name: Wait for SSH in the ${d} container`,
    '  ansible.builtin.wait_for:',
    `    host: "${ref(input, 'ip_address')}"`,
    '    port: 22',
    '    timeout: 120',
    '',
    `- name: Scan the ${d} container SSH host key`,
    '  ansible.builtin.command:',
    `    argv: [ssh-keyscan, -t, ed25519, "${ref(input, 'ip_address')}"]`,
    `  register: ${t}_host_key`,
    '  changed_when: false',
    '  delegate_to: localhost',
    '  become: false',
    '',
    `- name: Trust the ${d} container SSH host key`,
    '  ansible.builtin.known_hosts:',
    `    name: "${ref(input, 'ip_address')}"`,
    `    key: "{{ ${t}_host_key.stdout }}"`,
    '    state: present',
    '  delegate_to: localhost',
    '  become: false',
    '',
  ];
}

function healthTasks(input: TemplateInput): string[] {
  const d = input.names.display;
  const t = input.names.token;
  return [
    `- name: Apply pending ${d} changes`,
    '  ansible.builtin.meta: flush_handlers',
    '',
    ...httpHealthCheckTask({
      who: d,
      url: `http://${ref(input, 'ip_address')}:${ref(input, 'service_port')}${ref(input, 'health_path')}`,
      register: `${t}_health`,
      retries: 30,
    }),
  ];
}
