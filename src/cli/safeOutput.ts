// What a command prints goes through here, so no output path can skip the guard: credentials in
// URLs masked everywhere, JSON kept valid with the characters it would leave raw escaped, and
// text stripped of any control character a renderer let through, then fitted to the width
// (after masking: a URL broken over two lines could no longer be recognised and masked; JSON
// is never fitted, it keeps every value whole). Renderers still escape each
// value they lay out (core/displayText.displayText): only they can tell a newline inside a value
// from a line end.

import { displayJson, displayLines } from '../core/displayText';
import type { CliContext } from './command';
import { fitLines } from './textWidth';

/** The width text is laid out in when the caller did not say (not a terminal). */
export const DEFAULT_COLUMNS = 80;

export function outputWidth(context: CliContext): number {
  return context.columns ?? DEFAULT_COLUMNS;
}

export function printText(context: CliContext, text: string): void {
  context.out(fitLines(displayLines(text), outputWidth(context)));
}

export function printJson(context: CliContext, value: unknown): void {
  context.out(displayJson(value));
}
