// The schema documents themselves, for what an error does not carry: the allowed values of a
// discriminated union live behind `$ref`s in the branches.

import certifySchema from '../../../schemas/certify.schema.json';
import serviceSchema from '../../../schemas/service.schema.json';
import type { SchemaName, SchemaNode } from './compiledValidator';

const DOCUMENTS: Readonly<Record<SchemaName, SchemaNode>> = { service: serviceSchema, certify: certifySchema };

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local `$ref` ("#/definitions/x") in the named schema; other refs are not followed. */
export function resolveLocalRef(schema: SchemaName, node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let current: unknown = DOCUMENTS[schema];
  for (const segment of ref.slice(2).split('/')) current = isSchemaNode(current) ? current[segment] : undefined;
  return isSchemaNode(current) ? current : node;
}

/** The `const` values of the `discriminator` property in each `oneOf` branch, in schema order. */
export function discriminatorValues(schema: SchemaName, union: SchemaNode, property: string): string[] {
  const branches = Array.isArray(union.oneOf) ? union.oneOf : [];
  const values: string[] = [];
  for (const branch of branches) {
    if (!isSchemaNode(branch)) continue;
    const properties = resolveLocalRef(schema, branch).properties;
    const tag = isSchemaNode(properties) ? properties[property] : undefined;
    if (isSchemaNode(tag) && typeof tag.const === 'string') values.push(tag.const);
  }
  return values;
}
