// What a command prints goes through here, so no output path can skip the guard: credentials in
// URLs masked everywhere, JSON kept valid with the characters it would leave raw escaped, and
// text stripped of any control character a renderer let through. Renderers still escape each
// value they lay out (core/displayText.displayText): only they can tell a newline inside a value
// from a line end.

import { displayJson, displayLines } from '../core/displayText';
import type { CliContext } from './command';

export function printText(context: CliContext, text: string): void {
  context.out(displayLines(text));
}

export function printJson(context: CliContext, value: unknown): void {
  context.out(displayJson(value));
}
