// The light position read (yaml/pointerPositions) against the `yaml` AST (check/schema's locate,
// which the full parse places findings with): for every path of every document — seeded values
// written in many styles, the fuzz corpus, the example definitions — and for paths that lead
// nowhere, the same key and value ranges, or no answer at all (then the full parse answers).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFast } from '../../../src/check/schema/fastRead';
import { locate, type Located } from '../../../src/check/schema/locate';
import { readSlow } from '../../../src/check/schema/slowRead';
import { readPointerPositions } from '../../../src/yaml/pointerPositions';
import { TextPositions } from '../../../src/yaml/positions';
import { corpus, FULL_CERTIFY, GITEA } from '../check/schema/fuzzCorpus';
import { pick, prng } from '../helpers/prng';
import { styledYaml } from './styledYaml';

type Random = () => number;

/** Every path of a value, plus a missing key under each mapping and an index past each list's end. */
function pathsOf(value: unknown, at: string[] = [], out: string[][] = []): string[][] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...at, String(i)], out));
    out.push([...at, String(value.length)], [...at, 'x']);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...at, key], out);
    out.push([...at, 'no such key'], [...at, 'no such key', 'deeper']);
  } else {
    out.push([...at, '0']);
  }
  return out;
}

interface Outcome {
  paths: number;
  answered: number;
}

/**
 * Compares the two for every path of a text the schema engine's fast reader trusts (the only
 * texts the light read is asked about). A collection's end is not compared: only its start marks text.
 */
function compare(id: string, text: string, outcome: Outcome): boolean {
  const fast = readFast(text);
  if (fast.kind !== 'value') return false;
  const slow = readSlow('x.yml', new TextPositions(text));
  assert.ok(slow.ok, `${id}: the fast reader trusted a text the full parse refuses`);
  const positions = readPointerPositions(text);
  if (!positions) return false;
  for (const segments of pathsOf(fast.value)) {
    outcome.paths++;
    const light = positions.locate(segments);
    if (!light) continue;
    outcome.answered++;
    const full: Located = locate(slow.read.doc, slow.read.aliasTargets, segments);
    const where = `${id} at /${segments.join('/')}:\n${text}`;
    assert.deepEqual(light.key, full.key, `key, ${where}`);
    assert.equal(light.depth, full.depth, `depth, ${where}`);
    assert.equal(light.valueIsCollection, full.valueIsCollection, `kind, ${where}`);
    assert.equal(light.value?.start, full.value?.start, `value start, ${where}`);
    if (full.valueIsCollection) assert.ok(light.value!.end > light.value!.start, `collection end, ${where}`);
    else assert.equal(light.value?.end, full.value?.end, `value end, ${where}`);
  }
  return true;
}

const WORDS = ['gitea', 'x', 'a b', 'with: colon', 'hash #x', 'say "hi"', "it's", '', 'ключ', 'emoji 😀', 'tab\there', 'a,b', '[x]', '{y}', 'two\nlines', 'line\n', ' lead', 'trail ', '- dash', '? q', '@at', '%pc', 'null', 'true', '12', '0x1F', '1e3'];

function randomValue(random: Random, depth: number): unknown {
  const roll = random();
  if (depth > 0 && roll < 0.3) {
    const object: Record<string, unknown> = {};
    for (let n = Math.floor(random() * 5); n >= 0; n--) object[`${pick(random, WORDS)}${n}`] = randomValue(random, depth - 1);
    return object;
  }
  if (depth > 0 && roll < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
  if (roll < 0.6) return Math.floor(random() * 100_000) - 50;
  if (roll < 0.65) return random() * 100;
  if (roll < 0.7) return random() < 0.5;
  if (roll < 0.75) return null;
  return pick(random, WORDS);
}

describe('light positions match the full parse', () => {
  test('seeded documents in many styles: every path placed as the `yaml` AST places it', () => {
    const random = prng(20_261_205);
    const outcome: Outcome = { paths: 0, answered: 0 };
    let compared = 0;
    for (let i = 0; i < 1_500; i++) {
      const value: Record<string, unknown> = {};
      for (let n = 1 + Math.floor(random() * 6); n > 0; n--) value[`${pick(random, WORDS)}${n}`] = randomValue(random, 4);
      if (compare(`seeded document ${i}`, styledYaml(value, i), outcome)) compared++;
    }
    assert.ok(compared >= 750, `only ${compared} documents compared`);
    assert.ok(outcome.answered >= outcome.paths * 0.95, `only ${outcome.answered} of ${outcome.paths} paths answered`);
  });

  test('the fuzz corpus and the example definitions: every path placed as the `yaml` AST places it', () => {
    const outcome: Outcome = { paths: 0, answered: 0 };
    let compared = 0;
    for (const { id, text } of [{ id: 'gitea.yml', text: GITEA }, { id: 'certify.yml', text: FULL_CERTIFY }, ...corpus(20_240_611, 1_200)]) {
      if (compare(id, text, outcome)) compared++;
    }
    assert.ok(compared >= 300, `only ${compared} documents compared`);
    assert.ok(outcome.answered >= outcome.paths * 0.95, `only ${outcome.answered} of ${outcome.paths} paths answered`);
  });

  test('what it leaves to the full parse', () => {
    const leaves = (text: string, segments: string[]) => {
      const positions = readPointerPositions(text);
      return positions === undefined || positions.locate(segments) === undefined;
    };
    assert.ok(leaves('a: &x 1\nb: *x\n', ['b']), 'aliases');
    assert.ok(leaves('a: !!str 1\n', ['a']), 'tags');
    assert.ok(leaves('---\na: 1\n', ['a']), 'document markers');
    assert.ok(leaves('a: |\n  text\n', ['a']), 'block scalars');
    assert.ok(leaves('1: x\n', ['1']), 'keys that are not text');
    assert.ok(!leaves('a: "q"  # c\nb: [1, {c: x}]\n', ['b', '1', 'c']), 'a plain document is answered');
    assert.deepEqual(readPointerPositions('a: "q"  # c\nb: [1, {c: x}]\n')?.locate(['a']), { key: { start: 0, end: 1 }, value: { start: 3, end: 6 }, valueIsCollection: false, depth: 1 });
  });
});
