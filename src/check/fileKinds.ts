// Which check applies to which repo file: Certify's own files get the JSON schemas (YAML 1.2),
// Ansible's files get syntax checks and lint (YAML 1.1).

export type FileKind = 'service-definition' | 'settings' | 'ansible' | 'other';

const ANSIBLE_YAML = [
  /^roles\/[^/]+\/(tasks|handlers|defaults|vars|meta)\/[^/]+\.ya?ml$/,
  /^playbooks\/[^/]+\.ya?ml$/,
  /^(inventory\/)?hosts\.ya?ml$/,
  /^(inventory\/|playbooks\/)?(group_vars|host_vars)\/[^/]+(\/[^/]+)?\.ya?ml$/,
];

export function fileKind(relative: string): FileKind {
  if (/^services\/[^/]+\.ya?ml$/.test(relative)) return 'service-definition';
  if (relative === 'certify.yml') return 'settings';
  if (ANSIBLE_YAML.some((pattern) => pattern.test(relative))) return 'ansible';
  return 'other';
}
