// Turns ajv's errors into plain-words problems: what is wrong, the allowed values, and which
// part of the text to mark (the key, the value, or the mapping a property is missing from).

import type { SchemaName, SchemaNode, ValidationError } from './compiledValidator';
import { pointerSegments } from './locate';
import { discriminatorValues, isSchemaNode } from './schemaDocuments';
import { closestName } from './suggest';

/** key: the property name; value: the value; container: the key of the mapping (or its first line). */
export type MarkTarget = 'key' | 'value' | 'container';

export interface SchemaProblem {
  segments: string[];
  target: MarkTarget;
  message: string;
}

/**
 * The problems ajv's errors describe, in ajv's order: the first `limit` of them (describing one
 * costs a name suggestion, and a runaway document has one error per entry), and how many there are.
 */
export function describeErrors(errors: readonly ValidationError[], schema: SchemaName, limit = Number.POSITIVE_INFINITY): { problems: SchemaProblem[]; total: number } {
  const kept = withoutSubsumed(errors);
  return { problems: kept.slice(0, limit).map((error) => describeError(error, schema)), total: kept.length };
}

/**
 * An `anyOf` reports each failed branch before itself; one message about the union reads
 * better than "must be a number" next to "must match pattern". `propertyNames` wraps the
 * error about the key, which is the one to keep. Unions are looked up by the instance paths
 * an error stands at or under, so each error costs its depth, not the number of unions.
 */
function withoutSubsumed(errors: readonly ValidationError[]): ValidationError[] {
  const unionsAt = new Map<string, ValidationError[]>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && !(error.keyword === 'oneOf' && error.parentSchema?.discriminator === undefined)) continue;
    const list = unionsAt.get(error.instancePath);
    if (list) list.push(error);
    else unionsAt.set(error.instancePath, [error]);
  }
  if (unionsAt.size === 0) return errors.filter((error) => error.keyword !== 'propertyNames');
  return errors.filter((error) => {
    if (error.keyword === 'propertyNames') return false;
    // The error's own instance path, then each one above it ("/a/0/b" → "/a/0" → "/a" → "").
    for (let path = error.instancePath; ; path = path.slice(0, path.lastIndexOf('/'))) {
      for (const union of unionsAt.get(path) ?? []) if (union !== error && error.schemaPath.startsWith(`${union.schemaPath}/`)) return false;
      if (path === '') return true;
    }
  });
}

function describeError(error: ValidationError, schema: SchemaName): SchemaProblem {
  const segments = pointerSegments(error.instancePath);
  const parent = error.parentSchema ?? {};
  const at = (target: MarkTarget, message: string, more: string[] = []): SchemaProblem => ({ segments: [...segments, ...more], target, message });
  const name = code(displayPath(segments));
  const got = `(got ${describeValue(error.data)})`;

  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(error.params.additionalProperty);
      const allowed = isSchemaNode(parent.properties) ? Object.keys(parent.properties) : [];
      const guess = closestName(property, allowed);
      const where = segments.length > 0 ? ` in ${name}` : '';
      return at(
        'key',
        `Unknown property ${code(property)}${where}.${guess ? ` Did you mean ${code(guess)}?` : ''} Allowed here: ${allowed.join(', ')}.`,
        [property],
      );
    }
    case 'required': {
      const property = String(error.params.missingProperty);
      const properties = isSchemaNode(parent.properties) ? parent.properties : {};
      const described = isSchemaNode(properties[property]) ? properties[property].description : undefined;
      const where = segments.length > 0 ? ` in ${name}` : '';
      const why = typeof described === 'string' ? `: ${lowerFirst(described)}` : '.';
      return at('container', `Missing required property ${code(property)}${where}${why} Add \`${property}:\` here.`);
    }
    case 'type': {
      if (segments.length === 0) return at('value', rootTypeMessage(parent, error.data));
      const custom = typeof parent.errorMessage === 'string' ? parent.errorMessage : `must be ${typeWords(error.params.type)}`;
      return at('value', `${name} ${custom} ${got}.`);
    }
    case 'pattern': {
      const rule = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match the pattern ${String(error.params.pattern)}`;
      if (error.propertyName !== undefined) {
        const where = segments.length > 0 ? ` in ${name}` : '';
        return at('key', `Key ${code(error.propertyName)}${where} ${rule}.`, [error.propertyName]);
      }
      return at('value', `${name} ${rule} ${got}.`);
    }
    case 'enum': {
      const allowed = Array.isArray(error.params.allowedValues) ? error.params.allowedValues : [];
      return at('value', `${name} must be one of: ${allowed.map(String).join(', ')} ${got}.`);
    }
    case 'const':
      return at('value', `${name} must be ${JSON.stringify(error.params.allowedValue)} ${got}.`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at('value', `${name} must be ${rangeWords(parent)} ${got}.`);
    case 'minItems': {
      const limit = Number(error.params.limit);
      return at('value', limit === 1 ? `${name} must not be empty: list at least one item.` : `${name} must list at least ${limit} items.`);
    }
    case 'uniqueItems': {
      const repeat = String(Math.max(Number(error.params.i), Number(error.params.j)));
      const items = Array.isArray(error.data) ? error.data : [];
      return at('value', `${name} lists ${describeValue(items[Number(repeat)])} more than once; remove the repeat.`, [repeat]);
    }
    case 'discriminator':
      return discriminatorProblem(error, schema, segments, name);
    case 'anyOf':
    case 'oneOf': {
      const custom = typeof parent.errorMessage === 'string' ? parent.errorMessage : 'does not match any of the allowed forms';
      return at('value', `${name} ${custom} ${got}.`);
    }
    default:
      return at('value', `${name} is not valid here (schema keyword \`${error.keyword}\`) ${got}.`);
  }
}

function discriminatorProblem(error: ValidationError, schema: SchemaName, segments: string[], name: string): SchemaProblem {
  const tag = String(error.params.tag);
  const allowed = discriminatorValues(schema, error.parentSchema ?? {}, tag).join(', ');
  const data = error.data;
  const hasTag = isSchemaNode(data) && data[tag] !== undefined;
  if (error.params.error === 'tag' && !hasTag) {
    return { segments, target: 'container', message: `${name} has no ${code(tag)}: add \`${tag}:\` with one of: ${allowed}.` };
  }
  const value = isSchemaNode(data) ? data[tag] : undefined;
  return {
    segments: [...segments, tag],
    target: 'value',
    message: `${code(displayPath([...segments, tag]))} must be one of: ${allowed} (got ${describeValue(value)}).`,
  };
}

function rootTypeMessage(root: SchemaNode, data: unknown): string {
  const title = typeof root.title === 'string' ? root.title : 'This document';
  const required = Array.isArray(root.required) ? root.required.map((key) => `\`${String(key)}:\``) : [];
  const needs = required.length > 0 ? ` with at least ${required.join(' and ')}` : '';
  if (data === null) return `This file is empty: a ${title} is a mapping${needs}.`;
  return `A ${title} must be a mapping (key: value lines)${needs} (got ${describeValue(data)}).`;
}

function rangeWords(schema: SchemaNode): string {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const above = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const below = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(`at least ${min}`);
  if (above !== undefined) parts.push(`greater than ${above}`);
  if (max !== undefined) parts.push(`at most ${max}`);
  if (below !== undefined) parts.push(`less than ${below}`);
  return parts.join(' and ') || 'in range';
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** A value as a person reads it in a message; long text is cut. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** `backup[1].paths[0]`: list indices in brackets (0-based, as JSON pointers count). */
export function displayPath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) {
    if (/^(?:0|[1-9][0-9]*)$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

function code(text: string): string {
  return `\`${text}\``;
}

/** "The Proxmox container id" → "the Proxmox container id"; leaves "VMID …" and "`x` …" alone. */
function lowerFirst(text: string): string {
  return /^[A-Z](?:[a-z]|\s)/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
