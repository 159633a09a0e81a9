// The one function that quotes anything bound for a shell, local or remote (ssh joins argv
// into one command line that the far side's shell splits again). POSIX single quotes: inside
// them nothing is special, and a `'` is written as `'\''`.

/** `value` as one shell word; plain words (letters, digits, `_@%+=:,./-`) stay as they are. */
export function shellQuote(value: string): string {
  return value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** argv as one command line a POSIX shell splits back into exactly these words. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
