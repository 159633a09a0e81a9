// The bridge to Ansible's own YAML loader (test/corpus/ansible_load.py) and the comparison of
// what it loads with what Certify's reader for Ansible files reads. Shared by the corpus
// differential and the fuzz, so both hold Certify to the same oracle in the same terms.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** Debian's python, where `ansible` and `python3-yaml` are installed (not a pyenv one on PATH). */
export const PYTHON = '/usr/bin/python3';
export const LOADER = path.join(__dirname, 'ansible_load.py');
/** The YAML files Debian's `ansible` package ships: thousands of Ansible files written by others. */
export const CORPUS_DIR = '/usr/lib/python3/dist-packages/ansible_collections';

export interface OracleResult {
  file: string;
  ok: boolean;
  error?: string;
  value?: unknown[];
}

/** Why the oracle cannot run here, naming what to install; undefined when it can. */
export function oracleMissing(): string | undefined {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is missing: install Debian's python3 (scripts/setup.sh installs it).`;
  const probe = spawnSync(PYTHON, ['-c', 'import yaml, ansible.parsing.yaml.loader'], { encoding: 'utf8' });
  if (probe.status !== 0) return `Ansible's YAML loader cannot be imported by ${PYTHON}: install the Debian packages \`ansible\` and \`python3-yaml\` (scripts/setup.sh does). ${probe.stderr.trim().split('\n').pop() ?? ''}`;
  return undefined;
}

/** Every .yml/.yaml file under `dir`, sorted, as absolute paths. */
export function yamlFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

/** Loads each file with Ansible's loader (one python process for all of them). */
export function loadWithAnsible(files: readonly string[]): OracleResult[] {
  const run = spawnSync(PYTHON, [LOADER], { input: files.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`ansible_load.py failed (${run.status}): ${run.stderr}`);
  return run.stdout.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as OracleResult);
}

/**
 * A value Certify read, in the oracle's JSON terms: dates, binary and non-finite floats as the
 * same markers ansible_load.py writes; a Map (YAML 1.1 !!omap/!!pairs as `yaml` reads them) as an object.
 */
export function normalise(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $float: 'nan' };
    if (!Number.isFinite(value)) return { $float: value > 0 ? 'inf' : '-inf' };
    return Object.is(value, -0) ? 0 : value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $binary: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Set) return Object.fromEntries([...value].map((item) => [String(item), null]));
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), normalise(item)]));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  return value;
}

/** The oracle's value with Python's -0.0 made 0 (JavaScript's JSON.parse keeps -0). */
function oracleValue(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(oracleValue);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, oracleValue(item)]));
  return value;
}

export interface Disagreement {
  file: string;
  kind: 'certify-rejects' | 'certify-accepts' | 'value';
  /** Ansible's error, Certify's finding, or the first differing path. */
  detail: string;
}

/** What Certify's reader made of a text: its documents, or the findings that refused it. */
export interface CertifyRead {
  documents: unknown[];
  errors: string[];
}

/** Compares one file's oracle result with Certify's read; undefined when they agree. */
export function compare(oracle: OracleResult, certify: CertifyRead): Disagreement | undefined {
  const accepted = certify.errors.length === 0;
  if (oracle.ok && !accepted) return { file: oracle.file, kind: 'certify-rejects', detail: certify.errors[0] };
  if (!oracle.ok && accepted) return { file: oracle.file, kind: 'certify-accepts', detail: oracle.error ?? '' };
  if (!oracle.ok) return undefined;
  const mine = normalise(certify.documents);
  const theirs = oracleValue(oracle.value);
  if (isDeepStrictEqual(mine, theirs)) return undefined;
  return { file: oracle.file, kind: 'value', detail: firstDifference(theirs, mine, '$') };
}

/** The first path where two JSON values differ, with both sides, for a person to read. */
export function firstDifference(theirs: unknown, mine: unknown, at: string): string {
  if (Array.isArray(theirs) && Array.isArray(mine)) {
    for (let i = 0; i < Math.max(theirs.length, mine.length); i++) {
      if (!isDeepStrictEqual(theirs[i], mine[i])) return firstDifference(theirs[i], mine[i], `${at}[${i}]`);
    }
  } else if (isObject(theirs) && isObject(mine)) {
    for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      if (!isDeepStrictEqual(theirs[key], mine[key])) return firstDifference(theirs[key], mine[key], `${at}.${key}`);
    }
  }
  return `${at}: ansible ${short(theirs)}, certify ${short(mine)}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const short = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 120));
