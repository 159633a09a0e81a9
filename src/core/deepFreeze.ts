// Freezes a value and everything it holds, so shared domain data (the steps, the default
// targets) cannot be changed by a caller by accident.

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
