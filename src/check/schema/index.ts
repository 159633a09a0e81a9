// Schema validation of Certify's own YAML files (services/*.yml, certify.yml): the API the
// extension and CLI call. Pure: text in, findings out.

export { validateYamlDocument, type SchemaName, type SchemaResult } from './validateDocument';
export { SCHEMA_RULES } from './rules';
export { parseTargets, parseDuration, parseSize } from './targetValues';
