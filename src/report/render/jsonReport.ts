// The report as JSON: the model as it is, after `$schema` naming schemas/report.schema.json
// (its $id) and the schema version. Strings are made display-safe by core/displayText's
// displayJson: credentials in URLs masked, direction and separator characters escaped.

import { displayJson } from '../../core/displayText';
import type { CertificationReport } from '../model/reportTypes';

/** The $id of schemas/report.schema.json: a name, not a place to fetch it from. */
export const REPORT_SCHEMA_ID = 'urn:certify:report-schema:1';

export function renderJson(report: CertificationReport): string {
  return `${displayJson({ $schema: REPORT_SCHEMA_ID, ...report })}\n`;
}
