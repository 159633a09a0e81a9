// The JSON report: the model as it is, with `$schema` and `schemaVersion`, valid against
// schemas/report.schema.json for every kind of record (certified, failed, empty, with freshness
// and history); and the schema file held to the rules of the repo's other schemas: every
// property described, every object closed.

import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../src/core/record';
import { buildReport, type ReportInput } from '../../../src/report/model/buildReport';
import { REPORT_SCHEMA_ID, renderJson } from '../../../src/report/render/jsonReport';
import { certifiedRecord, failedRecord } from './reportFixtures';

const SCHEMA_FILE = path.resolve(__dirname, '../../../schemas/report.schema.json');
type Json = { [key: string]: unknown };
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Json;
const GENERATED = '2026-12-05T08:00:00.000Z';
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const INPUTS: Record<string, ReportInput> = {
  certified: { record: certifiedRecord(), generatedAt: GENERATED, containerId: 165 },
  failed: { record: failedRecord(), generatedAt: GENERATED },
  empty: { record: createEmptyRecord('notes', GENERATED), generatedAt: GENERATED },
  'stale, with history': {
    record: certifiedRecord(),
    generatedAt: GENERATED,
    containerId: 165,
    freshness: { state: 'stale', certifiedAt: GENERATED, changed: [{ name: 'playbooks/notes-deploy.yml', change: 'modified' }], rerun: ['implement'], summary: 'Stale.' },
    history: [{ certifiedAt: '2026-06-01T00:00:00.000Z', metrics: { rto: 600, 'backup-size': 1024 } }],
  },
};

describe('JSON report', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);

  for (const [name, input] of Object.entries(INPUTS)) {
    test(`${name}: validates against schemas/report.schema.json and reads back as the model`, () => {
      const output = renderJson(buildReport(input));
      const parsed = JSON.parse(output) as Json;
      assert.ok(validate(parsed), JSON.stringify(validate.errors, null, 2));
      assert.equal(parsed.$schema, REPORT_SCHEMA_ID);
      assert.equal(parsed.schemaVersion, 1);
      assert.deepEqual(Object.keys(parsed).slice(0, 2), ['$schema', 'schemaVersion']);
      const { $schema, ...model } = parsed;
      assert.equal($schema, schema.$id);
      assert.deepEqual(model, JSON.parse(JSON.stringify(buildReport(input))));
    });
  }

  test('the schema refuses what the report never holds', () => {
    const good = JSON.parse(renderJson(buildReport(INPUTS.certified))) as Json;
    const broken = (change: (report: Json) => void): boolean => {
      const copy = structuredClone(good);
      change(copy);
      return validate(copy) as boolean;
    };
    assert.equal(broken((r) => (r.extra = true)), false, 'unknown property');
    assert.equal(broken((r) => ((r.steps as unknown[]).length = 8)), false, 'eight steps');
    assert.equal(broken((r) => ((r.readiness as Json).ready = 'yes')), false, 'readiness as text');
    assert.equal(broken((r) => (((r.metrics as Json[])[0].measured as Json).grade = 'excellent')), false, 'an unknown grade');
    assert.equal(broken((r) => (r.schemaVersion = 2)), false, 'another version');
  });

  test('credentials in a URL are masked and direction marks escaped, as in every JSON output', () => {
    const record = structuredClone(certifiedRecord());
    const criterion = record.steps['test-external'].criteria['https-access'];
    assert.ok(criterion?.evidence);
    criterion.evidence[0].summary = 'https://admin:Sup3rSecret@notes.example.net/ \u202egnp.exe';
    const output = renderJson(buildReport({ record, generatedAt: GENERATED }));
    assert.doesNotMatch(output, /Sup3rSecret/);
    assert.doesNotMatch(output, /\u202e/);
    assert.match(output, /\\u202e/);
  });

  test('the schema file: every property described, every object closed, one draft', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    let properties = 0;
    const walk = (node: unknown, pointer: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`));
      if (!isObject(node)) return;
      if (isObject(node.properties)) {
        assert.equal(node.additionalProperties, false, `${pointer} allows unknown properties`);
        for (const [name, property] of Object.entries(node.properties)) {
          assert.ok(isObject(property) && typeof property.description === 'string' && property.description.length > 3, `${pointer}/properties/${name} has no description`);
          properties += 1;
        }
      }
      for (const [key, value] of Object.entries(node)) if (key !== 'examples' && key !== 'const' && key !== 'enum') walk(value, `${pointer}/${key}`);
    };
    walk(schema, '');
    assert.ok(properties > 100, `only ${properties} properties`);
  });
});
