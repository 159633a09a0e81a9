// The report as JUnit XML, for CI: one <testsuite> per service, one <testcase> per step and per
// criterion (a failure carries its reason and evidence, a skip says why), then the service's
// status (PRODUCTION READY) and, when known, whether its certification still holds. A service
// whose record cannot be read is a suite with one error. Valid XML 1.0 whatever the record holds:
// every value is made display-safe (displayText) and then XML-safe (xmlText / xmlAttribute).

import { displayText } from '../../core/displayText';
import type { CertificationReport, CriterionReport, StepReport } from '../model/reportTypes';
import { GRADE_WORDS, READY_TEXT, STATE_WORDS } from './reportWords';
import { xmlAttribute, xmlText } from './xmlText';

/** A service listed in the repo whose record could not be used (damaged, from a newer Certify). */
export interface UnavailableService {
  service: string;
  problem: string;
}

type Outcome = { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; type: string; message: string; detail?: string };

interface Case {
  classname: string;
  name: string;
  seconds?: number;
  outcome: Outcome;
  output?: string;
}

export function renderJunit(reports: readonly CertificationReport[], unavailable: readonly UnavailableService[] = []): string {
  const suites = [
    ...reports.map((report) => ({ name: report.service, timestamp: report.dates.generated, properties: properties(report), cases: cases(report) })),
    ...unavailable.map((entry) => ({
      name: entry.service,
      timestamp: undefined,
      properties: [] as Array<[string, string]>,
      cases: [
        {
          classname: `certify.${entry.service}`,
          name: 'Certification record',
          outcome: { kind: 'error', type: 'record-unavailable', message: entry.problem } as Outcome,
        },
      ],
    })),
  ];
  const totals = count(suites.flatMap((suite) => suite.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Certify" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(totals.time)}">`,
  ];
  for (const suite of suites) {
    const counts = count(suite.cases);
    lines.push(
      `  <testsuite name="${attr(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.time)}"${suite.timestamp ? ` timestamp="${attr(suite.timestamp)}"` : ''}>`,
    );
    if (suite.properties.length > 0) {
      lines.push('    <properties>', ...suite.properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`), '    </properties>');
    }
    for (const testcase of suite.cases) lines.push(...caseXml(testcase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function cases(report: CertificationReport): Case[] {
  const service = report.service;
  const list: Case[] = [];
  for (const step of report.steps) {
    list.push({ classname: `certify.${service}`, name: `Step ${step.number}: ${step.title}`, seconds: duration(step), outcome: stepOutcome(step) });
    for (const criterion of step.criteria) {
      list.push({
        classname: `certify.${service}.step${step.number}`,
        name: `Step ${step.number} (${step.shortTitle}): ${criterion.group === 'documentation' ? 'Documentation: ' : ''}${criterion.text}`,
        outcome: criterionOutcome(criterion),
        ...(criterion.evidence.length > 0 ? { output: evidenceText(criterion) } : {}),
      });
    }
  }
  list.push({ classname: `certify.${service}`, name: `Service status: ${READY_TEXT}`, outcome: readinessOutcome(report) });
  if (report.freshness) list.push({ classname: `certify.${service}`, name: 'Certification still holds', outcome: freshnessOutcome(report) });
  return list;
}

function stepOutcome(step: StepReport): Outcome {
  const why = step.reason ?? '';
  switch (step.status) {
    case 'passed':
      return { kind: 'pass' };
    case 'failed': {
      const unmet = step.criteria.filter((c) => c.state === 'not-met').map((c) => `${c.text}: ${c.evidence[0]?.summary ?? 'not met'}`);
      return { kind: 'failure', type: 'failed', message: why || 'the step failed', ...(unmet.length > 0 ? { detail: unmet.join('\n') } : {}) };
    }
    case 'interrupted':
      return { kind: 'error', type: 'interrupted', message: why || 'the run stopped before it finished; run the step again to resume' };
    case 'skipped':
      return { kind: 'skipped', type: 'skipped', message: `skipped${why ? `: ${why}` : ''}` };
    case 'running':
      return { kind: 'skipped', type: 'running', message: 'still running' };
    case 'not-started':
      return { kind: 'skipped', type: 'not-started', message: 'not run yet' };
  }
}

function criterionOutcome(criterion: CriterionReport): Outcome {
  if (criterion.state === 'met') return { kind: 'pass' };
  if (criterion.state === 'not-met') {
    return { kind: 'failure', type: 'not-met', message: criterion.evidence[0]?.summary ?? `${STATE_WORDS['not-met']}${criterion.by ? ` (by ${criterion.by})` : ''}`, detail: evidenceText(criterion) };
  }
  return { kind: 'skipped', type: 'unknown', message: criterion.condition ? `applies only if: ${criterion.condition}` : STATE_WORDS.unknown };
}

function readinessOutcome(report: CertificationReport): Outcome {
  const { readiness } = report;
  if (readiness.ready) return { kind: 'pass' };
  const message = readiness.missing.join('; ');
  const detail = readiness.next ? `Next: ${readiness.next}` : undefined;
  // Unfinished is not broken: only a failure, an interruption or a warning fails the status.
  const broken = report.steps.some((s) => s.status === 'failed' || s.status === 'interrupted') || report.metrics.some((m) => m.measured?.grade === 'warning');
  return { kind: broken ? 'failure' : 'skipped', type: broken ? 'not-ready' : 'incomplete', message, ...(detail ? { detail } : {}) };
}

function freshnessOutcome(report: CertificationReport): Outcome {
  const freshness = report.freshness;
  if (!freshness || freshness.state === 'fresh') return { kind: 'pass' };
  if (freshness.state === 'uncertified') return { kind: 'skipped', type: 'uncertified', message: freshness.summary };
  const detail = [...freshness.changed.map((c) => `${c.name} (${c.change})`), ...(freshness.rerun.length > 0 ? [`Re-run: ${freshness.rerun.join(', ')}`] : [])].join('\n');
  return { kind: 'failure', type: freshness.state, message: freshness.summary, ...(detail ? { detail } : {}) };
}

function properties(report: CertificationReport): Array<[string, string]> {
  const list: Array<[string, string]> = [['service', report.service]];
  if (report.containerId !== undefined) list.push(['containerId', String(report.containerId)]);
  list.push(['status', report.readiness.ready ? READY_TEXT : `NOT ${READY_TEXT}`]);
  for (const metric of report.metrics) {
    if (metric.measured) list.push([`metric.${metric.metric}`, `${metric.measured.formatted} ${GRADE_WORDS[metric.measured.grade]} (${metric.measured.bound})`]);
  }
  if (report.backup) list.push(['backup.timestamp', report.backup.timestamp]);
  if (report.freshness) list.push(['freshness', report.freshness.state]);
  return list;
}

function evidenceText(criterion: CriterionReport): string {
  const lines = criterion.evidence.map((item) => `${item.summary}${item.ref !== undefined ? ` [${item.ref}]` : ''}`);
  if (criterion.by) lines.push(`by ${criterion.by}${criterion.at ? ` at ${criterion.at}` : ''}`);
  return lines.join('\n');
}

function caseXml(testcase: Case): string[] {
  const open = `    <testcase classname="${attr(testcase.classname)}" name="${attr(testcase.name)}"${testcase.seconds !== undefined ? ` time="${seconds(testcase.seconds)}"` : ''}`;
  const body: string[] = [];
  const outcome = testcase.outcome;
  if (outcome.kind !== 'pass') {
    const tag = outcome.kind;
    const start = `      <${tag} type="${attr(outcome.type)}" message="${attr(outcome.message)}"`;
    body.push(outcome.detail ? `${start}>${text(outcome.detail)}</${tag}>` : `${start}/>`);
  }
  if (testcase.output) body.push(`      <system-out>${text(testcase.output)}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

function count(list: readonly Case[]): { tests: number; failures: number; errors: number; skipped: number; time: number } {
  return {
    tests: list.length,
    failures: list.filter((c) => c.outcome.kind === 'failure').length,
    errors: list.filter((c) => c.outcome.kind === 'error').length,
    skipped: list.filter((c) => c.outcome.kind === 'skipped').length,
    time: list.reduce((sum, c) => sum + (c.seconds ?? 0), 0),
  };
}

function duration(step: StepReport): number | undefined {
  if (!step.startedAt || !step.finishedAt) return undefined;
  const ms = Date.parse(step.finishedAt) - Date.parse(step.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}

function seconds(value: number): string {
  return value.toFixed(3);
}

/** One display-safe line, as an attribute. */
function attr(value: string): string {
  return xmlAttribute(displayText(value));
}

/** Display-safe lines (line ends kept), as element text. */
function text(value: string): string {
  return xmlText(value.split('\n').map(displayText).join('\n'));
}
