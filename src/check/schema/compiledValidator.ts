// Types of the validators that scripts/generate-validators.mjs compiles from schemas/ with
// ajv (standalone code, verbose errors), and the table from schema name to validator.

import { validateCertify, validateService } from './generated/validators';

export type SchemaName = 'service' | 'certify';

/** A JSON-schema object as the errors carry it (ajv's `verbose` option). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** The part of ajv's ErrorObject that Certify reads. */
export interface ValidationError {
  keyword: string;
  /** JSON pointer to the failing value, e.g. "/backup/1/database". */
  instancePath: string;
  /** JSON pointer into the schema document that holds the keyword. */
  schemaPath: string;
  params: Readonly<Record<string, unknown>>;
  /** Set when the error is about a key (propertyNames). */
  propertyName?: string;
  /** The keyword's value in the schema. */
  schema?: unknown;
  /** The schema object that holds the keyword. */
  parentSchema?: SchemaNode;
  /** The failing value. */
  data?: unknown;
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

export const VALIDATORS: Readonly<Record<SchemaName, CompiledValidator>> = {
  service: validateService,
  certify: validateCertify,
};
