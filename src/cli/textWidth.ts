// Fitting text to the terminal's width, measured in code points (an escaped value is ASCII; a
// repo's own text may not be, and counting code points never splits a character in two).
// Text reaching here is already escaped and masked: cutting it can hide, never reveal.

export const ELLIPSIS = '…';

export function textWidth(text: string): number {
  return [...text].length;
}

/** The text cut to `width` code points, the last one an ellipsis when anything was cut. */
export function ellipsize(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}${ELLIPSIS}`;
}

/**
 * Pieces of at most `width` code points, broken at the last space past the first quarter (words
 * stay whole, and no `{{` is left alone on a line), else after a slash, dot, underscore or the
 * like in the second half (a path or URL breaks at its parts), else at any space, else anywhere.
 */
export function wrapText(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  for (;;) {
    const [head, tail] = splitAt(rest, width);
    pieces.push(head);
    if (tail === '') return pieces;
    rest = tail;
  }
}

/** The first piece of a wrapped text and what follows it (leading spaces dropped). */
function splitAt(text: string, width: number): [string, string] {
  const size = Math.max(1, width);
  const chars = [...text];
  if (chars.length <= size) return [text, ''];
  const space = chars.slice(1, size + 1).lastIndexOf(' ') + 1;
  const usable = space > 0 && chars.slice(0, space).some((char) => char !== ' ');
  let cut = usable && space > size / 4 ? space : 0;
  for (let i = size; cut === 0 && i > size / 2; i--) {
    if (/[,/.;:&?=_-]/.test(chars[i - 1])) cut = i;
  }
  if (cut === 0) cut = usable ? space : size;
  return [chars.slice(0, cut).join('').trimEnd(), chars.slice(cut).join('').replace(/^ +/, '')];
}

/**
 * Every line of an output no wider than `width`: a longer line goes on with a hanging indent,
 * under its text column when it has one (`  --repo DIR  the infrastructure…`, `  0   success`),
 * else four spaces past its own indent. Nothing is cut: findings and messages are read whole.
 */
export function fitLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => fitLine(line, width))
    .join('\n');
}

function fitLine(line: string, width: number): string[] {
  if (textWidth(line) <= width) return [line];
  const indent = line.length - line.trimStart().length;
  const column = /^ *\S+(?: \S+)*? {2,}/.exec(line)?.[0].length;
  const hang = Math.min(column !== undefined && column < width / 2 ? column : indent + 4, Math.floor(width / 2));
  const [first, rest] = splitAt(line, width);
  return [first, ...wrapText(rest, width - hang).map((piece) => `${' '.repeat(hang)}${piece}`)];
}
