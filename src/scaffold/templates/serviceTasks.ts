// The part of roles/<name>_api/tasks/main.yml that runs inside the container (delegate_to):
// Python, packages, then either a systemd service (with Redis for backup type redis) or Docker
// and the service's Docker container, whose data volume backup_docker_containers archives.

import { ref, yamlText, type TemplateInput } from './input';

/** Python first: every module after it needs python3 in the container. */
function bootstrapAndPackages(input: TemplateInput, what: string): string[] {
  const d = input.names.display;
  const t = input.names.token;
  return [
    `    - name: Bootstrap Python in the ${d} container`,
    '      ansible.builtin.raw: test -e /usr/bin/python3 || (apt-get update -qq && apt-get install -y -qq --no-install-recommends python3)',
    `      register: ${t}_python_bootstrap`,
    `      changed_when: ${t}_python_bootstrap.stdout | trim | length > 0`,
    '',
    `    - name: Install ${what}`,
    '      ansible.builtin.apt:',
    `        name: "${ref(input, 'packages')}"`,
    '        state: present',
    '        update_cache: true',
    '        cache_valid_time: 3600',
    '',
  ];
}

function redisTasks(input: TemplateInput): string[] {
  const t = input.names.token;
  return [
    '    - name: Enable and start Redis',
    '      ansible.builtin.service:',
    '        name: redis-server',
    '        enabled: true',
    '        state: started',
    '',
    '    - name: Check that Redis is ready',
    '      ansible.builtin.command:',
    `        argv: [redis-cli, -p, "${ref(input, 'redis_port')}", ping]`,
    `      register: ${t}_redis_ping`,
    '      changed_when: false',
    `      failed_when: ${t}_redis_ping.stdout != "PONG"`,
    '',
  ];
}

export function systemdTasks(input: TemplateInput): string[] {
  const { names } = input;
  const d = names.display;
  const secret = input.postgres !== undefined;
  return [
    `- name: Install and configure ${d} inside the container`,
    `  delegate_to: ${names.host}`,
    '  block:',
    ...bootstrapAndPackages(input, `${d} packages`),
    ...(input.request.backupType === 'redis' ? redisTasks(input) : []),
    `    - name: Create the ${d} system group`,
    '      ansible.builtin.group:',
    `        name: "${ref(input, 'user')}"`,
    '        system: true',
    '        state: present',
    '',
    `    - name: Create the ${d} system user`,
    '      ansible.builtin.user:',
    `        name: "${ref(input, 'user')}"`,
    `        group: "${ref(input, 'user')}"`,
    '        system: true',
    '        shell: /usr/sbin/nologin',
    `        home: "${ref(input, 'data_dir')}"`,
    '        create_home: false',
    '        state: present',
    '',
    `    - name: Create ${d} directories`,
    '      ansible.builtin.file:',
    '        path: "{{ item.path }}"',
    '        state: directory',
    '        owner: "{{ item.owner }}"',
    `        group: "${ref(input, 'user')}"`,
    '        mode: "0750"',
    '      loop:',
    `        - { path: "${ref(input, 'data_dir')}", owner: "${ref(input, 'user')}" }`,
    `        - { path: "${ref(input, 'config_dir')}", owner: root }`,
    '',
    '    # TODO: install the service itself here (a package in the packages list, or a release',
    '    # downloaded with ansible.builtin.get_url and its checksum) and write its configuration',
    `    # with ansible.builtin.template (notify: Restart ${names.name}).`,
    `    - name: Write the ${d} environment file`,
    '      ansible.builtin.template:',
    `        src: ${names.name}.env.j2`,
    `        dest: "${ref(input, 'config_dir')}/${names.name}.env"`,
    '        owner: root',
    `        group: "${ref(input, 'user')}"`,
    '        mode: "0640"',
    ...(secret ? ['      no_log: true'] : []),
    `      notify: Restart ${names.name}`,
    '',
    `    - name: Install the ${d} systemd unit`,
    '      ansible.builtin.template:',
    `        src: ${names.name}.service.j2`,
    `        dest: /etc/systemd/system/${names.name}.service`,
    '        owner: root',
    '        group: root',
    '        mode: "0644"',
    `      notify: Restart ${names.name}`,
    '',
    `    - name: Enable and start ${d}`,
    '      ansible.builtin.systemd:',
    `        name: ${yamlText(names.name)}`,
    '        enabled: true',
    '        state: started',
    '        daemon_reload: true',
    '',
  ];
}

export function dockerTasks(input: TemplateInput): string[] {
  const { names } = input;
  const d = names.display;
  const t = names.token;
  return [
    '- name: Install Docker inside the container',
    `  delegate_to: ${names.host}`,
    '  block:',
    ...bootstrapAndPackages(input, 'Docker'),
    '    - name: Enable and start Docker',
    '      ansible.builtin.service:',
    '        name: docker',
    '        enabled: true',
    '        state: started',
    '',
    `- name: Run ${d} inside the container`,
    `  delegate_to: ${names.host}`,
    '  block:',
    `    - name: Create ${d} directories`,
    '      ansible.builtin.file:',
    '        path: "{{ item }}"',
    '        state: directory',
    '        owner: root',
    '        group: root',
    '        mode: "0700"',
    '      loop:',
    `        - "${ref(input, 'base_dir')}"`,
    `        - "${ref(input, 'data_dir')}"`,
    '',
    `    - name: Write the ${d} environment file`,
    '      ansible.builtin.template:',
    `        src: ${names.name}.env.j2`,
    `        dest: "${ref(input, 'base_dir')}/${names.name}.env"`,
    '        owner: root',
    '        group: root',
    '        mode: "0600"',
    `      notify: Restart ${names.name}`,
    '',
    `    - name: Run the ${d} container`,
    '      community.docker.docker_container:',
    `        name: "${ref(input, 'docker_name')}"`,
    `        image: "${ref(input, 'image')}"`,
    '        state: started',
    '        restart_policy: unless-stopped',
    '        published_ports:',
    `          - "${ref(input, 'service_port')}:${ref(input, 'container_port')}"`,
    '        volumes:',
    `          - "${ref(input, 'data_dir')}:${ref(input, 'data_mount')}"`,
    `        env_file: "${ref(input, 'base_dir')}/${names.name}.env"`,
    `      register: ${t}_docker_container`,
    '',
  ];
}
