// The findings discovery itself can produce, declared like every other rule so settings,
// SARIF and docs know them.

import type { RuleInfo } from '../core/findings';

export const DISCOVERY_RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', category: 'yaml', summary: 'The file is not valid YAML; Certify ignores it until it parses.' },
  { id: 'yaml-aliases', severity: 'error', category: 'yaml', summary: 'Aliases expand past a safe size (an alias bomb); the file is refused.' },
  { id: 'yaml-too-large', severity: 'error', category: 'yaml', summary: 'The file is too large or nests too deeply to read safely.' },
  {
    id: 'inventory-syntax',
    severity: 'error',
    category: 'discovery',
    summary: 'A line of an INI inventory Ansible cannot read (the first one); Certify reads the lines around it.',
  },
  { id: 'file-unreadable', severity: 'error', category: 'discovery', summary: 'A repo file or folder cannot be read (permissions).' },
  {
    id: 'file-not-regular',
    severity: 'error',
    category: 'discovery',
    summary: 'A folder, FIFO, socket or device stands where Certify reads a file; it is not read. Put a regular file there.',
  },
  { id: 'file-not-utf8', severity: 'error', category: 'discovery', summary: 'The file is not UTF-8 (the finding names the first bad byte); it is not read. Save it as UTF-8.' },
  {
    id: 'link-outside-repo',
    severity: 'error',
    category: 'discovery',
    summary: 'A link leads outside the repo; Certify never reads or writes through it. Copy its target into the repo or point it inside.',
  },
  { id: 'link-broken', severity: 'error', category: 'discovery', summary: 'A link points to nothing, or loops back to itself; it is not followed. Fix the link or remove it.' },
  { id: 'discovery/invalid-value', severity: 'warning', category: 'discovery', summary: 'A role default meant as a container id or port is not a valid one.' },
  {
    id: 'discovery/refused-by-proxmox',
    severity: 'error',
    category: 'discovery',
    summary: 'A container id outside 100–999999999 (Proxmox refuses it: "value does not look like a valid VM ID"); kept as stated and still compared across files.',
  },
  {
    id: 'discovery/ip-outside-subnet',
    severity: 'error',
    category: 'discovery',
    summary: "A container's IP lies outside the network the repo states for it (network_prefix, or its own /prefix beside its gateway); kept as stated.",
  },
  {
    id: 'discovery/unresolved-value',
    severity: 'info',
    category: 'discovery',
    summary: 'A fact is a Jinja template Certify cannot evaluate statically; it is shown as written, never guessed.',
  },
  {
    id: 'discovery/invalid-service-name',
    severity: 'warning',
    category: 'discovery',
    summary: 'A service name must be lowercase letters, digits, dashes and underscores: it becomes a folder and reaches command lines.',
  },
  { id: 'definition/invalid-field', severity: 'warning', category: 'discovery', summary: 'A service definition field has the wrong shape and is ignored.' },
  { id: 'definition/not-a-mapping', severity: 'error', category: 'discovery', summary: 'A service definition must be a mapping of keys.' },
  {
    id: 'definition/refused-by-proxmox',
    severity: 'error',
    category: 'discovery',
    summary: "A definition's container_id outside 100–999999999, which Proxmox refuses; kept as stated. Validation reports it through the schema check.",
  },
];
