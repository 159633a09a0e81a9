// The bounded capture both executors share: text streamed whole even when a character is
// split across chunks, and only the tail kept, never a garbled first character.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StreamCapture } from '../../../../src/run/exec/capture';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('stream capture', () => {
  test('a character split across chunks reaches the listener whole, once', () => {
    const seen: string[] = [];
    const capture = new StreamCapture('stdout', (chunk, stream) => seen.push(`${stream}:${chunk}`));
    const euro = bytes('€'); // three bytes
    capture.write(Buffer.concat([bytes('a'), euro.subarray(0, 1)]));
    capture.write(euro.subarray(1, 2));
    capture.write(Buffer.concat([euro.subarray(2), bytes('b')]));
    capture.end();
    assert.deepEqual(seen, ['stdout:a', 'stdout:€b']);
    assert.equal(capture.text(), 'a€b');
  });

  test('invalid bytes become U+FFFD; a stream ending mid-character ends with one', () => {
    const seen: string[] = [];
    const capture = new StreamCapture('stderr', (chunk) => seen.push(chunk));
    capture.write(Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82]));
    capture.end();
    assert.equal(seen.join(''), 'a\uFFFDb\uFFFD');
    assert.equal(capture.text(), 'a\uFFFDb\uFFFD');
  });

  test('only the last `limit` bytes are kept, across many chunks and in one big chunk', () => {
    const many = new StreamCapture('stdout', undefined, 10);
    for (const piece of ['0123456789', 'abcdefghij', 'KLM']) many.write(bytes(piece));
    assert.equal(many.text(), 'defghijKLM');
    const one = new StreamCapture('stdout', undefined, 4);
    one.write(bytes('abcdefgh'));
    assert.equal(one.text(), 'efgh');
  });

  test('a character cut by the limit is dropped, not shown garbled', () => {
    const capture = new StreamCapture('stdout', undefined, 4);
    capture.write(bytes('x€yz')); // x, 3 bytes of €, y, z: the tail of 4 starts inside €
    assert.equal(capture.text(), 'yz');
    const exact = new StreamCapture('stdout', undefined, 5);
    exact.write(bytes('x€yz'));
    assert.equal(exact.text(), '€yz', 'cut just before a character: the character stays whole');
  });

  test('empty chunks are no output', () => {
    const seen: string[] = [];
    const capture = new StreamCapture('stdout', (chunk) => seen.push(chunk));
    capture.write(Buffer.alloc(0));
    capture.end();
    assert.deepEqual(seen, []);
    assert.equal(capture.text(), '');
  });
});
