// One report in one of its formats (reportFormats.ts): what `certify report` prints and the
// editor's Export Report… saves.

import type { CertificationReport } from '../model/reportTypes';
import { renderHtml } from './htmlReport';
import { renderJson } from './jsonReport';
import { renderJunit } from './junitReport';
import { renderMarkdown } from './markdownReport';
import type { ReportFormat } from './reportFormats';
import { renderText } from './textReport';

const RENDERERS: Readonly<Record<ReportFormat, (report: CertificationReport) => string>> = {
  text: renderText,
  md: renderMarkdown,
  html: (report) => renderHtml(report),
  json: renderJson,
  junit: (report) => renderJunit([report]),
};

export function renderReport(format: ReportFormat, report: CertificationReport): string {
  return RENDERERS[format](report);
}
