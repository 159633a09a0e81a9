// A small toolkit for hand-written structural checks of untrusted JSON: each check records a
// problem with its exact path ("steps.wipe.status: …") and returns the value when it fits.

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** How a wrong value reads in a problem: "'done'", "42", "null", "an array". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Collects problems; stops collecting after `limit` so garbage input yields a readable list.
 * Every check passes over `undefined` silently: a missing required key was already reported
 * by its parent's object() check, and optional keys are only checked when present.
 */
export class ShapeChecker {
  private readonly found: string[] = [];
  private dropped = 0;

  constructor(private readonly limit = 50) {}

  get problems(): string[] {
    return this.dropped > 0 ? [...this.found, `… and ${this.dropped} more problems`] : [...this.found];
  }

  get ok(): boolean {
    return this.found.length === 0;
  }

  /** `path` '' is the document itself, reported as "record". */
  add(path: string, message: string): void {
    if (this.found.length < this.limit) this.found.push(`${path || 'record'}: ${message}`);
    else this.dropped += 1;
  }

  /** An object with exactly the allowed keys; missing required keys and unknown keys are problems. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) {
      this.add(path, `expected an object, got ${describeValue(value)}`);
      return undefined;
    }
    for (const key of required) {
      if (value[key] === undefined) this.add(join(path, key), 'missing');
    }
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) this.add(join(path, key), 'unexpected property');
    }
    return value;
  }

  /** A map with free keys, each checked by the caller. */
  map(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) {
      this.add(path, `expected an object, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.add(path, `expected an array, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `expected a non-empty string, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  timestamp(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (!isIsoTimestamp(value)) {
      this.add(path, `expected an ISO 8601 timestamp like '2025-01-31T12:00:00.000Z', got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.add(path, `expected one of ${options.map((o) => `'${o}'`).join(', ')}, got ${describeValue(value)}`);
      return undefined;
    }
    return value as T;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.add(path, `expected true or false, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  /** A finite number, optionally a whole one, never below `min`. */
  number(value: unknown, path: string, options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (value === undefined) return undefined;
    const kind = options.integer ? 'a whole number' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      this.add(path, `expected ${kind}, got ${describeValue(value)}`);
      return undefined;
    }
    if (options.min !== undefined && value < options.min) {
      this.add(path, `must be at least ${options.min}, got ${value}`);
      return undefined;
    }
    if (options.max !== undefined && value > options.max) {
      this.add(path, `must be at most ${options.max}, got ${value}`);
      return undefined;
    }
    return value;
  }
}
