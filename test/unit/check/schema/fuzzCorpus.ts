// A reproducible corpus of YAML texts for the fuzz and differential tests: valid service and
// certify documents, then mutations of them (seeded, so a failure names its case and repeats).

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pick, prng } from '../../helpers/prng';

const ROOT = path.resolve(__dirname, '../../../..');
export const GITEA = readFileSync(path.join(ROOT, 'examples/homelab/services/gitea.yml'), 'utf8');

export const FULL_CERTIFY = `# Repository-wide Certify settings.
proxmox:
  host: pve01
  node: pve01
  api_url: https://pve01.example.net:8006
  api_token_id: automation@pve!ansible      # the secret lives in secret storage
  tls:
    verify: false
    fingerprint: AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89
  ssh:
    user: root
    port: 22
paths:
  inventory: inventory/hosts.yml
  vault_password_file: ~/.vault_pass.txt
backup:
  root: /var/backups/certify
targets:
  deploy_time: { target: 5m, acceptable: 10m }
  rto: { target: 15m, acceptable: 30m }
  rpo: { target: 1h, acceptable: 24h }
  backup_size: { target: 1GB, acceptable: 5GB }
  idempotency: { target: 0, acceptable: 1 }
  external_test_success: { target: 100, acceptable: 95 }
rules:
  yaml-aliases: warning
  no-changed-when: off
  consistency/missing-role: info
`;

type Random = () => number;
const int = (random: Random, max: number): number => Math.floor(random() * max);

const SCALARS = [
  'gitea', '"quoted: value"', "'single ''quoted'''", '160', '0o17', '0x1F', '+12', '-0', '1e3', '.5', '+.5', '.inf', '-.Inf', '.NaN',
  'true', 'True', 'yes', 'no', 'on', '~', 'null', 'Null', '', '2001-12-14', '1_000', '0b101', '12:30', '123456789012345678901234567890',
  '1e400', '-1e400', '9007199254740993', 'héllo wörld', '日本語', '"\\u00e9\\t\\x41"', '"emoji 😀"', '|\n    block\n    text', '>-\n    folded\n    text',
  '[a, b, c]', '{a: 1, b: [2, 3]}', '[]', '{}', '!!str 12', '!!int "7"', '!!float 1', '!custom x', '!!binary aGk=', '&anchor value', '*anchor',
  'https://x.example.net/a?b=c', '/var/lib/x', 'a: b', '- x', '"unterminated', "'unterminated", '@reserved', '`tick', '# comment only',
];
const KEYS = [
  'name', 'description', 'container_id', 'hostname', 'ip_address', 'service_port', 'ports', 'roles', 'deploy_playbook', 'external',
  'dns_name', 'depends_on', 'backup', 'test_data', 'targets', 'type', 'paths', 'database', 'url', '__proto__', 'constructor', '"quoted key"',
  '1', '0x10', 'true', 'null', '~', '<<', '? complex', '[a]', '{b: 1}', 'key with spaces', 'ключ',
];
const SNIPPETS = [
  '&a', '*a', '&b [1, 2]', '*b', '\t', ' ', '  ', '\n', ': ', '- ', '? ', '[', ']', '{', '}', ',', '#', '"', "'", '|', '>', '!', '%', '@', '`',
  '---\n', '...\n', '%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '\uFEFF', '\r\n', '\u00A0', '\u2028', '😀', '\u0000', '99999999999999999999999', '-1e309',
  '<<: *a\n', 'x: &a [*a]\n', '[[[[[[[[', ']]]]]]]]', '{{{{', '}}}}',
];

function randomScalar(random: Random): string {
  return pick(random, SCALARS);
}

/** A random document shaped like a definition: known and unknown keys, nested lists and maps. */
function generatedDocument(random: Random): string {
  const lines: string[] = [];
  const entries = 1 + int(random, 12);
  for (let i = 0; i < entries; i += 1) {
    const key = pick(random, KEYS);
    const shape = int(random, 5);
    if (shape === 0) {
      lines.push(`${key}:`);
      for (let j = int(random, 4); j >= 0; j -= 1) lines.push(`  - ${randomScalar(random)}`);
    } else if (shape === 1) {
      lines.push(`${key}:`);
      for (let j = int(random, 4); j >= 0; j -= 1) lines.push(`  ${pick(random, KEYS)}: ${randomScalar(random)}`);
    } else if (shape === 2) {
      lines.push(`${key}:`, `  - type: ${pick(random, ['postgresql', 'files', 'redis', 'config', 'mongodb', 'nope'])}`, `    ${pick(random, KEYS)}: ${randomScalar(random)}`);
    } else {
      lines.push(`${key}: ${randomScalar(random)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const MUTATIONS: ReadonlyArray<(text: string, random: Random) => string> = [
  // delete characters
  (text, random) => {
    const at = int(random, text.length + 1);
    return text.slice(0, at) + text.slice(at + 1 + int(random, 3));
  },
  // insert a snippet
  (text, random) => {
    const at = int(random, text.length + 1);
    return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
  },
  // duplicate a span
  (text, random) => {
    const at = int(random, text.length + 1);
    const span = text.slice(at, at + 1 + int(random, 20));
    return text.slice(0, at) + span + span + text.slice(at + span.length);
  },
  // swap two lines
  (text, random) => {
    const lines = text.split('\n');
    const a = int(random, lines.length);
    const b = int(random, lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
  // re-indent a line randomly (spaces or a tab)
  (text, random) => {
    const lines = text.split('\n');
    const at = int(random, lines.length);
    lines[at] = (random() < 0.2 ? '\t' : ' '.repeat(int(random, 7))) + lines[at].trimStart();
    return lines.join('\n');
  },
  // duplicate a whole line (often a duplicate key)
  (text, random) => {
    const lines = text.split('\n');
    const at = int(random, lines.length);
    lines.splice(at, 0, lines[at]);
    return lines.join('\n');
  },
  // replace a value with another scalar
  (text, random) => text.replace(/: [^\n]*/, `: ${randomScalar(random)}`),
  // deep nesting
  (text, random) => {
    const depth = 1 + int(random, 150);
    const flow = random() < 0.5;
    const nested = flow ? '['.repeat(depth) + ']'.repeat(depth) : Array.from({ length: Math.min(depth, 60) }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n');
    return `${text}\nnested: ${flow ? nested : `\n${nested.replace(/^/gm, '  ')} x`}\n`;
  },
  // anchors and aliases
  (text, random) => `base: &a {x: 1, y: [1, 2]}\n${text}\ncopy${int(random, 9)}: *a\n`,
  // CRLF line endings
  (text) => text.replace(/\n/g, '\r\n'),
];

export interface CorpusEntry {
  id: string;
  text: string;
}

/** `count` documents: each a base (gitea.yml, certify.yml or generated) with 0–4 mutations. */
export function corpus(seed: number, count: number): CorpusEntry[] {
  const random = prng(seed);
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = i % 3 === 0 ? GITEA : i % 3 === 1 ? FULL_CERTIFY : generatedDocument(random);
    let text = base;
    const mutations = i < 10 ? 0 : int(random, 5);
    for (let m = 0; m < mutations; m += 1) text = pick(random, MUTATIONS)(text, random);
    entries.push({ id: `seed ${seed} case ${i}`, text });
  }
  return entries;
}
