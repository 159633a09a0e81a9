// The few printf conversions Proxmox's CLI output uses, with Perl's semantics: `%-Ns` pads
// on the right and never truncates, `%Ns` pads on the left, `%d` truncates toward zero.

export function left(value: string | number, width: number): string {
  return String(value).padEnd(width, ' ');
}

export function right(value: string | number, width: number): string {
  return String(value).padStart(width, ' ');
}

export function integer(value: number): string {
  return String(Math.trunc(value));
}

/**
 * `% 7.2f`: a space where the sign would go, two decimals, right-aligned in seven columns.
 * C rounds an exact half to even where JavaScript's toFixed rounds it up. A double is exactly
 * halfway between two hundredths only when it is an odd number of eighths (0.125, 0.375…),
 * and then value*100 is exact, so the tie is settled here the way Perl prints it.
 */
export function spaceFixed2(value: number, width: number): string {
  const magnitude = Math.abs(value);
  let text = value.toFixed(2);
  const eighths = magnitude * 8;
  if (Number.isInteger(eighths) && eighths % 2 === 1) {
    const lower = Math.floor(magnitude * 100);
    const even = lower % 2 === 0 ? lower : lower + 1;
    text = `${value < 0 ? '-' : ''}${(even / 100).toFixed(2)}`;
  }
  if (value >= 0) text = ` ${text}`;
  return text.padStart(width, ' ');
}
