// playbooks/<name>-deploy.yml: Step 1's deployment playbook, as the workflow spells it.

import { fileText, type TemplateInput } from './input';

export function deployPlaybook(input: TemplateInput): string {
  const { names, request, postgres } = input;
  return fileText([
    '---',
    `# ${names.display} (container ${request.containerId}).${postgres ? ` Needs PostgreSQL: run ${postgres.name}-deploy.yml first.` : ''}`,
    `#   ansible-playbook ${names.files.playbook}`,
    `- name: Deploy ${names.display}`,
    '  hosts: proxmox_admin',
    '  gather_facts: false',
    '  roles:',
    `    - role: ${names.role}`,
  ]);
}
