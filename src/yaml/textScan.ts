// Small scans over YAML text shared by the readers that place nodes without the full parse
// (fastReader.ts, pointerPositions.ts): they must agree on where a node's content starts.

/** A null written out: `~`, `null`, `Null`, `NULL`, then the end of the scalar. */
export const NULL_AT = /^(?:~|[Nn]ull|NULL)(?:[\s,\]}#]|$)/;

/** The first offset from `offset` that is not a space or tab. */
export function spaceEnd(text: string, offset: number): number {
  let at = offset;
  while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at++;
  return at;
}

/** The first offset from `offset` that is neither space, line break nor comment. */
export function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) at++;
    else if (code === 0x23 && (at === 0 || /\s/.test(text[at - 1]))) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else return at;
  }
}
