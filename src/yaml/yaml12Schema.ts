// A js-yaml schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2
// core schema does, so the fast reader and the `yaml` package read the same values.
// The tests and regular expressions are copied from `yaml` (dist/schema/core, common/null).

import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
/** `.inf`, `-.Inf`, `.nan` and their spellings: the same in YAML 1.1 and 1.2. */
export const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** The value of a FLOAT_NAN scalar. */
export function nonFiniteFloat(data: string): number {
  if (data.slice(-3).toLowerCase() === 'nan') return NaN;
  return data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// js-yaml hands `resolve` the raw scalar text (typed `any` by its typings).
const text = (data: unknown): string => (typeof data === 'string' ? data : '');

/** First characters a scalar of each type can start with (the empty scalar is tried by every type). */
export const DIGITS = '0123456789';

/**
 * A resolver guarded by the characters a matching scalar can start with: most plain scalars
 * (keys, words) are ruled out by their first character before any regular expression runs.
 */
export function startingWith(first: string, resolve: (value: string) => boolean): (data: unknown) => boolean {
  return (data) => {
    const value = text(data);
    return (value.length === 0 || first.includes(value[0])) && resolve(value);
  };
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: startingWith('~nN', (value) => NULL.test(value)),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: startingWith('tTfF', (value) => BOOL.test(value)),
  construct: (data: string) => data[0] === 't' || data[0] === 'T',
});

// `yaml` uses parseInt on the digits (not Number), so "-0" stays -0 and huge values round alike.
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: startingWith(`+-${DIGITS}`, (value) => INT_DEC.test(value) || INT_OCT.test(value) || INT_HEX.test(value)),
  construct: (data: string) => {
    if (INT_OCT.test(data)) return parseInt(data.substring(2), 8);
    if (INT_HEX.test(data)) return parseInt(data.substring(2), 16);
    return parseInt(data, 10);
  },
});

// Integers are not floats here: `yaml` leaves `!!float 1` unresolved, so this type refuses it too.
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: startingWith(`+-.${DIGITS}`, (value) => FLOAT_NAN.test(value) || FLOAT_EXP.test(value) || FLOAT.test(value)),
  construct: (data: string) => {
    return FLOAT_NAN.test(data) ? nonFiniteFloat(data) : parseFloat(data);
  },
});

/** str/seq/map from the failsafe schema plus the four YAML 1.2 core scalar types; no merge keys, timestamps or binary. */
export const YAML12_CORE_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
