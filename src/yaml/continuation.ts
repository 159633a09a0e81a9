// Finds flow collections and quoted scalars that continue on a line indented no deeper than
// the line they started on. js-yaml accepts those; the `yaml` package (following the YAML
// spec's indentation rules) rejects most of them, so the fast reader must not be trusted there.
// One pass over char codes without allocating; it errs towards "found", which only costs the
// slower, exact check.

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;
const DOUBLE = 0x22;
const SINGLE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const PIPE = 0x7c;
const GREATER = 0x3e;

/** A block scalar header at the end of a line: `key: |`, `- >-`, `key: |2 # comment`. */
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][0-9+-]*[ \t]*(?:#.*)?\r?$/;

export function hasShallowContinuation(text: string): boolean {
  let flowDepth = 0;
  let quote = 0; // the open quote's char code, 0 when none
  let openerIndent = -1;
  let blockScalarIndent = -1;

  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let first = start;
    while (first < end && text.charCodeAt(first) === SPACE) first += 1;
    const column = first - start;
    const blank = isBlank(text, first, end);

    if (blockScalarIndent !== -1) {
      if (blank || column > blockScalarIndent) {
        start = end + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    const inConstruct = flowDepth > 0 || quote !== 0;
    if (inConstruct && !blank && column <= openerIndent && (quote !== 0 || text.charCodeAt(first) !== HASH)) return true;

    // The line's characters, carrying flow depth and an open quote over to the next line.
    let previous = SPACE; // a line start is a token boundary
    let sawBlockIndicator = false;
    for (let i = first; i < end; i += 1) {
      const code = text.charCodeAt(i);
      if (quote === DOUBLE) {
        if (code === BACKSLASH) i += 1;
        else if (code === DOUBLE) quote = 0;
      } else if (quote === SINGLE) {
        if (code === SINGLE && text.charCodeAt(i + 1) === SINGLE) i += 1;
        else if (code === SINGLE) quote = 0;
      } else if (code === HASH && (previous === SPACE || previous === TAB)) {
        break;
      } else if ((code === DOUBLE || code === SINGLE) && isBoundary(previous)) {
        quote = code;
        if (flowDepth === 0) openerIndent = column;
      } else if (code === OPEN_SQUARE || code === OPEN_CURLY) {
        if (flowDepth === 0) openerIndent = column;
        flowDepth += 1;
      } else if ((code === CLOSE_SQUARE || code === CLOSE_CURLY) && flowDepth > 0) {
        flowDepth -= 1;
      } else if (code === PIPE || code === GREATER) {
        sawBlockIndicator = true;
      }
      previous = code;
    }
    if (sawBlockIndicator && flowDepth === 0 && quote === 0 && BLOCK_SCALAR_HEADER.test(text.slice(first, end))) blockScalarIndent = column;
    start = end + 1;
  }
  return false;
}

function isBlank(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== TAB && code !== CR) return false;
  }
  return true;
}

/** Quotes open a scalar only where a scalar can start: after a space, a flow indicator, `:`, `-` or `?`. */
function isBoundary(previous: number): boolean {
  return previous === SPACE || previous === TAB || previous === OPEN_SQUARE || previous === OPEN_CURLY || previous === 0x2c || previous === 0x3a || previous === 0x2d || previous === 0x3f;
}
