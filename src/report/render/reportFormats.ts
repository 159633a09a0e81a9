// The report's formats, in one table for `certify report --format` and the editor's Export
// Report…: the file extension and what each is for. Data only, so the editor's wiring can show
// the choice without loading a renderer (renderReport.ts renders).

export const REPORT_FORMATS = ['text', 'md', 'html', 'json', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFormatInfo {
  extension: string;
  label: string;
  /** What it is for, in a few words. */
  use: string;
}

export const REPORT_FORMAT_INFO: Readonly<Record<ReportFormat, ReportFormatInfo>> = {
  text: { extension: 'txt', label: 'Text', use: "The workflow's completion report" },
  md: { extension: 'md', label: 'Markdown', use: 'Every criterion with its evidence, for a wiki or a pull request' },
  html: { extension: 'html', label: 'HTML', use: 'A page that opens in any browser: no script, no remote content' },
  json: { extension: 'json', label: 'JSON', use: 'For tools: schemas/report.schema.json' },
  junit: { extension: 'xml', label: 'JUnit XML', use: 'For CI: a test case per step and per criterion' },
};
