// The findings discovery itself can produce, declared like every other rule so settings,
// SARIF and docs know them.

import type { RuleInfo } from '../core/findings';

export const DISCOVERY_RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', category: 'yaml', summary: 'The file is not valid YAML; Certify ignores it until it parses.' },
  { id: 'yaml-aliases', severity: 'error', category: 'yaml', summary: 'Aliases expand past a safe size (an alias bomb); the file is refused.' },
  { id: 'yaml-too-large', severity: 'error', category: 'yaml', summary: 'The file is too large to read safely.' },
  { id: 'file-unreadable', severity: 'error', category: 'discovery', summary: 'A repo file or folder cannot be read (permissions).' },
  { id: 'discovery/invalid-value', severity: 'warning', category: 'discovery', summary: 'A role default meant as a container id or port is not a valid one.' },
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
];
