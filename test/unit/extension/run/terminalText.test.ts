// The text a run's terminal receives: colours pass, every other escape and control is dropped
// (however the chunks split it), and lines end with \r\n.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText, TerminalTextStream, toTerminalLines } from '../../../../src/extension/run/terminalText';

test('colours pass and lines end with \\r\\n', () => {
  const stream = new TerminalTextStream();
  assert.equal(stream.push('\u001b[1;36m▶ 1.1 Deploy\u001b[0m\nok: [notes]\r\n'), '\u001b[1;36m▶ 1.1 Deploy\u001b[0m\r\nok: [notes]\r\n');
});

test('a title change, a clipboard write, cursor moves and bells are dropped', () => {
  const stream = new TerminalTextStream();
  const hostile = 'a\u001b]0;owned\u0007b\u001b]52;c;ZWNobyBoaQ==\u001b\\c\u001b[2J\u001b[Hd\u0007e\u001bPqdcs\u001b\\f\u009bg';
  assert.equal(stream.push(hostile), 'abcdefg');
});

test('an escape split across chunks is held back until its end arrives', () => {
  const stream = new TerminalTextStream();
  assert.equal(stream.push('red: \u001b[3'), 'red: ');
  assert.equal(stream.push('1mX\u001b[0m'), '\u001b[31mX\u001b[0m');
  assert.equal(stream.push('title \u001b]0;half'), 'title ');
  assert.equal(stream.push(' done\u0007 shown\n'), ' shown\r\n');
});

test('an escape that never ends is dropped when the stream flushes', () => {
  const stream = new TerminalTextStream();
  assert.equal(stream.push('x\u001b['), 'x');
  assert.equal(stream.flush(), '');
  assert.equal(stream.push('y\n'), 'y\r\n');
});

test('toTerminalLines converts bare \\n only once; plainText strips escapes for notifications and tests', () => {
  assert.equal(toTerminalLines('a\nb\r\nc'), 'a\r\nb\r\nc');
  assert.equal(plainText('\u001b[32m✔ passed\u001b[0m\r\nnext'), '✔ passed\nnext');
});
