// A document with schema errors is placed without the full parse when the light position read
// (yaml/pointerPositions) can place every error. Differential: for every document — the fuzz
// corpus, the example definitions and seeded definitions with planted errors at varied depths,
// written in many styles — validateYamlDocument gives exactly the findings (positions,
// messages, order) of the reference reading, which takes every document through the full parse.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { validateYamlDocument, type SchemaName } from '../../../../src/check/schema';
import { VALIDATORS } from '../../../../src/check/schema/compiledValidator';
import { readFast } from '../../../../src/check/schema/fastRead';
import { MAX_SCHEMA_FINDINGS } from '../../../../src/check/schema/limits';
import { describeErrors } from '../../../../src/check/schema/messages';
import { validateYamlDocumentFully } from '../../../../src/check/schema/validateDocument';
import { readPointerPositions } from '../../../../src/yaml/pointerPositions';
import { pick, prng } from '../../helpers/prng';
import { styledYaml } from '../../yaml/styledYaml';
import { corpus, FULL_CERTIFY, GITEA } from './fuzzCorpus';

type Random = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE_SERVICES = readdirSync(path.join(ROOT, 'examples/homelab/services')).map((name) =>
  readFileSync(path.join(ROOT, 'examples/homelab/services', name), 'utf8'),
);

/** Did the document take the new path: read fast, refused by the schema, every problem placed by the light read? */
function placedLightly(text: string, schema: SchemaName): boolean {
  const fast = readFast(text);
  if (fast.kind !== 'value') return false;
  const validator = VALIDATORS[schema];
  if (validator(fast.value)) return false;
  const positions = readPointerPositions(text);
  const { problems } = describeErrors(validator.errors ?? [], schema, MAX_SCHEMA_FINDINGS + 1);
  return positions !== undefined && problems.every((problem) => positions.locate(problem.segments) !== undefined);
}

/** Asserts the two readings agree on `text`; true when the light placement was the one used. */
function assertSame(id: string, text: string, schema: SchemaName): boolean {
  const fast = validateYamlDocument('services/x.yml', text, schema);
  const full = validateYamlDocumentFully('services/x.yml', text, schema);
  assert.deepEqual(fast.findings, full.findings, `${id} (${schema}):\n${text}`);
  return placedLightly(text, schema);
}

// --- Seeded definitions with planted schema errors -------------------------------------------

const WRONG_VALUES: Json[] = ['tpc', 'one-sixty', 70000, -1, 0, true, false, null, '', 'x y', [], {}, ['a', 1], { nested: 'map' }, 'line one\n', 3.5, 'Gitea Server', 'with: colon', '#hash', "it's", 'say "hi"'];
const UNKNOWN_KEYS = ['hostnme', 'extra', 'key with spaces', 'with:colon', 'quote"d', "it's", 'x#y', '1', 'true', 'null', 'ключ', 'déjà'];

/** Every path of a value that leads to a mapping, a list or a scalar. */
function paths(value: Json, at: string[] = [], out: string[][] = []): string[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...at, String(i)], out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) paths(item, [...at, key], out);
  return out;
}

function get(value: Json, at: readonly string[]): Json {
  let node = value;
  for (const segment of at) node = (node as Record<string, Json>)[segment];
  return node;
}

/** One planted error: a wrong value, an unknown key, a missing key or a typo, anywhere in the value. */
function plant(value: Json, random: Random): void {
  const all = paths(value);
  const at = pick(random, all);
  const node = get(value, at);
  const kind = Math.floor(random() * 4);
  if (kind === 0 && at.length > 0) {
    const parent = get(value, at.slice(0, -1)) as Record<string, Json>;
    parent[at[at.length - 1]] = structuredClone(pick(random, WRONG_VALUES));
  } else if (kind === 1 && typeof node === 'object' && node !== null && !Array.isArray(node)) {
    node[pick(random, UNKNOWN_KEYS)] = structuredClone(pick(random, WRONG_VALUES));
  } else if (kind === 2 && typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const keys = Object.keys(node);
    if (keys.length > 1) delete node[pick(random, keys)];
  } else if (typeof node === 'string' && at.length > 0) {
    const parent = get(value, at.slice(0, -1)) as Record<string, Json>;
    parent[at[at.length - 1]] = `${node.slice(0, -1)}${node.slice(-1) === 'x' ? 'y' : 'x'}`;
  } else if (at.length > 0) {
    const parent = get(value, at.slice(0, -1)) as Record<string, Json>;
    parent[at[at.length - 1]] = structuredClone(pick(random, WRONG_VALUES));
  }
}

const BASES: Array<{ schema: SchemaName; value: Json }> = [
  ...EXAMPLE_SERVICES.map((text) => ({ schema: 'service' as const, value: parse(text) as Json })),
  { schema: 'certify', value: parse(FULL_CERTIFY) as Json },
];

function plantedDocuments(seed: number, count: number): Array<{ id: string; schema: SchemaName; text: string; value: Json }> {
  const random = prng(seed);
  const documents = [];
  for (let i = 0; i < count; i++) {
    const base = BASES[i % BASES.length];
    const value = structuredClone(base.value);
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) plant(value, random);
    documents.push({ id: `seed ${seed} document ${i}`, schema: base.schema, text: styledYaml(value as Record<string, unknown>, seed * 7919 + i), value });
  }
  return documents;
}

describe('schema errors placed without the full parse', () => {
  test('the example definitions with planted errors mark the same text as the full parse', () => {
    let light = 0;
    const cases = [
      ['protocol typo', GITEA.replace('roles: [gitea_api]', 'roles: [gitea_api, 7]')],
      ['unknown key', GITEA.replace('dns_name:', 'dns_nam:')],
      ['missing key', GITEA.replace('name: gitea\n', '')],
      ['wrong type deep', GITEA.replace('container_id: 150', 'container_id: "one-fifty"')],
      ['flow value', GITEA.replace('{ target: 300, acceptable: 600 }', '{ target: 300, acceptable: soon, extra: 1 }')],
      ['list item', GITEA.replace('    database: gitea', '    database: [gitea]')],
      ['many errors', GITEA.replace(/container_id: \d+/g, 'container_id: x').replace(/type: \w+/g, 'type: nope')],
      // Past the cap: 100 findings and one that counts the rest, placed alike.
      ['errors past the cap', `${GITEA}${Array.from({ length: 150 }, (_, i) => `extra_${i}: ${i}   # unknown`).join('\n')}\n`],
    ] as const;
    for (const [id, text] of cases) if (assertSame(id, text, 'service')) light++;
    assert.equal(light, cases.length, 'every example was placed by the light read');
  });

  test('fuzz corpus: the same findings as the full parse (1,200 documents, both schemas)', () => {
    let light = 0;
    for (const [index, { id, text }] of corpus(20_240_611, 1_200).entries()) {
      const schemas: SchemaName[] = index % 3 === 1 ? ['service', 'certify'] : ['service'];
      for (const schema of schemas) if (assertSame(id, text, schema)) light++;
    }
    assert.ok(light >= 40, `only ${light} corpus documents took the light placement`);
  });

  test('seeded definitions with planted errors, written in many styles: the same findings as the full parse', () => {
    const documents = plantedDocuments(20_261_204, 1_500);
    let light = 0;
    let roundTrips = 0;
    for (const { id, schema, text, value } of documents) {
      // The writer is held to its word: the text reads back as the value it wrote.
      if (JSON.stringify(parse(text)) === JSON.stringify(value)) roundTrips++;
      if (assertSame(id, text, schema)) light++;
    }
    assert.ok(roundTrips >= documents.length * 0.95, `only ${roundTrips} of ${documents.length} documents read back as written`);
    assert.ok(light >= documents.length * 0.6, `only ${light} of ${documents.length} documents took the light placement`);
  });
});
