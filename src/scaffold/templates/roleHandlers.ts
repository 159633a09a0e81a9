// roles/<name>_api/handlers/main.yml: restart the service when its configuration changed.

import { fileText, ref, yamlText, type TemplateInput } from './input';

export function roleHandlers(input: TemplateInput): string {
  const { names } = input;
  if (input.runtime === 'docker') {
    return fileText([
      '---',
      '# docker_container already recreates the container when its options change; this handler',
      '# covers a changed environment file the module cannot see.',
      `- name: Restart ${names.name}`,
      '  ansible.builtin.command:',
      `    argv: [docker, restart, "${ref(input, 'docker_name')}"]`,
      '  changed_when: true',
      `  when: not (${names.token}_docker_container.changed | default(false))`,
      `  delegate_to: ${names.host}`,
    ]);
  }
  return fileText([
    '---',
    `- name: Restart ${names.name}`,
    '  ansible.builtin.systemd:',
    `    name: ${yamlText(names.name)}`,
    '    state: restarted',
    '    daemon_reload: true',
    `  delegate_to: ${names.host}`,
  ]);
}
