// applyDocsEdits: edits applied as a workspace edit applies them (every range against the text
// they were made from), and refused when they could not have been made from one text.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyDocsEdits, type DocsEdit } from '../../../src/report/docsUpdate';

const insert = (file: string, line: number, column: number, newText: string): DocsEdit => ({
  kind: 'replace',
  file,
  range: { start: { line, column }, end: { line, column } },
  newText,
  label: 'test',
});

describe('applyDocsEdits', () => {
  test('several edits to one file, in any order, land where their ranges say', () => {
    const texts = new Map([['README.md', 'a\nb\nc\n']]);
    const result = applyDocsEdits(texts, [insert('README.md', 2, 1, 'after a\n'), insert('README.md', 4, 1, 'after c\n'), insert('README.md', 1, 2, '!')]);
    assert.deepEqual([...result], [['README.md', 'a!\nafter a\nb\nc\nafter c\n']]);
  });

  test('a replaced range, and a created file that did not exist', () => {
    const texts = new Map([['x.md', 'one two\n']]);
    const replace: DocsEdit = { kind: 'replace', file: 'x.md', range: { start: { line: 1, column: 5 }, end: { line: 1, column: 8 } }, newText: 'three', label: 'test' };
    const create: DocsEdit = { kind: 'create', file: 'docs/new.md', content: '# New\n', label: 'test' };
    assert.deepEqual([...applyDocsEdits(texts, [replace, create])], [['x.md', 'one three\n'], ['docs/new.md', '# New\n']]);
  });

  test('overlapping edits, a line past the end, an unknown file and a create over an existing file are refused', () => {
    const texts = new Map([['x.md', 'one two\n']]);
    const wide: DocsEdit = { kind: 'replace', file: 'x.md', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 6 } }, newText: '', label: 'test' };
    assert.throws(() => applyDocsEdits(texts, [wide, insert('x.md', 1, 3, '-')]), /Edits to x\.md overlap/);
    assert.throws(() => applyDocsEdits(texts, [insert('x.md', 5, 1, '-')]), /Line 5 is past the end/);
    assert.throws(() => applyDocsEdits(texts, [insert('y.md', 1, 1, '-')]), /y\.md is not among the texts/);
    assert.throws(() => applyDocsEdits(texts, [{ kind: 'create', file: 'x.md', content: '', label: 'test' }]), /x\.md exists/);
  });
});
