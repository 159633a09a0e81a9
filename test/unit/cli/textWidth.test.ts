// The pure layout helpers behind every text output: widths in code points, the ellipsis as one,
// wrapping that never loses a character, tables that fit even where their minimums do not.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatTable, type Column } from '../../../src/cli/table';
import { ELLIPSIS, ellipsize, fitLines, textWidth, wrapText } from '../../../src/cli/textWidth';

const widest = (text: string) => Math.max(...text.split('\n').map(textWidth));

describe('text width helpers', () => {
  test('widths are code points; an ellipsis counts as one and is added only when something was cut', () => {
    assert.equal(textWidth('héllo‹secret›😀'), 14);
    assert.equal(ellipsize('abcdef', 4), `abc${ELLIPSIS}`);
    assert.equal(textWidth(ellipsize('😀😀😀😀😀', 3)), 3);
    assert.equal(ellipsize('abc', 3), 'abc');
  });

  test('wrapping keeps every character, breaks at words, then at path parts, and fits', () => {
    const samples = [
      'blocked: Step 8 (Wipe) needs a verified backup from Step 7 (Execute Backup): pass Step 1 (Implement) first.',
      '/work/a-folder-with-a-long-name/.certify/gitea/record.json',
      `{{ ${'very_long_hostname_part_'.repeat(5)} }}`,
      'x'.repeat(50),
    ];
    for (const sample of samples) {
      for (const width of [1, 7, 12, 33]) {
        const pieces = wrapText(sample, width);
        assert.ok(pieces.every((piece) => textWidth(piece) <= width), `${sample} at ${width}`);
        assert.equal(pieces.join('').replace(/ /g, ''), sample.replace(/ /g, ''), `${sample} at ${width}`);
      }
    }
    assert.deepEqual(wrapText('pass Step 1 (Implement) first.', 12), ['pass Step 1', '(Implement)', 'first.']);
    assert.deepEqual(wrapText('https://git.example.net', 16), ['https://git.', 'example.net']);
  });

  test('a long line hangs under its text column, or four spaces past its indent', () => {
    assert.equal(fitLines('  --repo DIR  the infrastructure repo to work on', 30), '  --repo DIR  the\n              infrastructure\n              repo to work on');
    assert.equal(fitLines('file.yml:1: warning [rule] a message that goes on', 24), 'file.yml:1: warning\n    [rule] a message\n    that goes on');
    assert.equal(fitLines('short\n\nlines', 10), 'short\n\nlines');
  });

  test('a table at any width: each line fits, columns left out are named, cells escaped', () => {
    const columns: Column[] = [
      { header: 'NAME', overflow: 'wrap' },
      { header: 'CODE', overflow: 'keep' },
      { header: 'TEMPLATE', overflow: 'ellipsis', min: 10 },
      { header: 'EXTRA', overflow: 'wrap', dropOrder: 1 },
    ];
    const rows = [['service-with-a-long-name', '160', `{{ ${'a'.repeat(40)} }}`, 'an extra value\nforged row']];
    for (const width of [12, 30, 50, 200]) {
      const table = formatTable(columns, rows, width);
      assert.ok(widest(table.split('\n').filter((line) => !line.startsWith('(')).join('\n')) <= width, `${width}:\n${table}`);
      assert.ok(!/^forged/m.test(table), 'a newline in a cell never starts a line');
    }
    assert.match(formatTable(columns, rows, 30), /\(EXTRA left out at 30 columns; --json has every value\)$/);
    assert.match(formatTable(columns, rows, 200), /^service-with-a-long-name {2}160 {3}\{\{ a+ \}\} {2}an extra value\\nforged row$/m);
  });
});
