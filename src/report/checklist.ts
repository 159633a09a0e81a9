// Exports a service's certification as the seed's "Workflow Checklist Template" in Markdown:
// the template's structure and words, ticked from the record (a passed step, a met criterion)
// or from the repo (a met static check, cited with its file:line), blanks filled from the
// record's metrics and baseline backup. Pure: the caller supplies the record and `now`.

import { displayText } from '../core/displayText';
import { factText } from '../core/factText';
import type { SourceRef } from '../core/findings';
import { criterionState, type CertificationRecord } from '../core/record';
import type { Service } from '../core/service';
import { STEPS, stepLabel } from '../core/steps';
import { formatMetric } from '../core/targets';
import type { StaticResults } from '../check/staticCriteria';
import { CHECKLIST, type ChecklistItem, type ChecklistSection } from './checklistItems';

const NOTES_PLACEHOLDER = '<Add any observations, issues encountered, or improvements needed>';

export function checklistMarkdown(service: Service, record: CertificationRecord | undefined, statics: StaticResults, now: Date): string {
  if (record && record.service !== service.name) {
    throw new RangeError(`checklistMarkdown: the record is ${record.service}'s, not ${service.name}'s.`);
  }
  const lines = [
    `# Service: ${escapeMarkdown(service.name)}`,
    `## Container ID: ${service.facts.containerId ? escapeMarkdown(factText(service.facts.containerId)) : '____'}`,
    `## Started: ${startedOn(record, now)}`,
    '',
  ];
  for (const section of CHECKLIST) {
    lines.push(`### ${section.heading}`);
    for (const item of section.items) lines.push(itemLine(section, item, record, statics));
    lines.push('');
  }
  lines.push('## Notes', ...notes(record, statics, now), NOTES_PLACEHOLDER);
  return `${lines.join('\n')}\n`;
}

function itemLine(section: ChecklistSection, item: ChecklistItem, record: CertificationRecord | undefined, statics: StaticResults): string {
  const stepPassed = section.step !== undefined && record?.steps[section.step].status === 'passed';
  const criteriaMet = record !== undefined && item.criteria.length > 0 && item.criteria.every(([step, id]) => criterionState(record, step, id) === 'met');
  const staticResult = item.check ? statics.get(item.check) : undefined;
  const staticMet = staticResult?.status === 'met';
  const ticked = stepPassed || criteriaMet || staticMet;
  const evidence = staticMet ? staticResult.evidence[0] : undefined;
  return `- [${ticked ? 'x' : ' '}] ${fillBlank(item, record)}${evidence ? ` — ${codeSpan(where(evidence))}` : ''}`;
}

/** The template's text with its blank filled when the record holds the value; "____" stays otherwise. */
function fillBlank(item: ChecklistItem, record: CertificationRecord | undefined): string {
  const blank = item.blank;
  if (!blank || !record) return item.text;
  let value: string | undefined;
  if (blank.source.kind === 'metric') {
    const measured = record.metrics[blank.source.metric];
    if (measured) value = formatMetric(blank.source.metric, measured.value);
  } else if (blank.source.kind === 'backup-timestamp' && record.backup) {
    value = escapeMarkdown(record.backup.timestamp);
  }
  return value === undefined ? item.text : item.text.replace(blank.placeholder, value);
}

/** The day work on the service started: its first step's start, else the record's creation, else today. */
function startedOn(record: CertificationRecord | undefined, now: Date): string {
  const starts = record ? STEPS.map((step) => record.steps[step.id].startedAt).filter((at): at is string => at !== undefined) : [];
  const first = starts.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? record?.createdAt;
  return first ? day(new Date(first)) : day(now);
}

/** Reasons the record gives (skips, failures, interruptions) and what the repo still lacks: the issues met so far. */
function notes(record: CertificationRecord | undefined, statics: StaticResults, now: Date): string[] {
  const lines: string[] = [];
  for (const step of STEPS) {
    const state = record?.steps[step.id];
    if (state?.reason && state.status !== 'passed') lines.push(`- ${stepLabel(step.id)} ${state.status}: ${escapeMarkdown(state.reason)}`);
  }
  for (const result of statics.values()) {
    if (result.status !== 'not-met') continue;
    const at = result.evidence[0];
    lines.push(`- Repo: ${escapeMarkdown(result.summary)}${at ? ` (${codeSpan(where(at))})` : ''}`);
  }
  lines.push(`- Exported by Certify on ${day(now)}: [x] comes from the certification record, or from the repo when a file:line follows.`);
  return lines;
}

function where(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Escapes what Markdown would read as formatting inside a line (emphasis, code, links, HTML,
 * tables, headings' closing #), and folds line breaks, so a name can never change the structure;
 * other control characters are escaped and URL credentials masked (displayText), as everywhere.
 */
export function escapeMarkdown(text: string): string {
  return displayText(text.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/[\\`*_[\]<>#|~&]/g, '\\$&');
}

/** A code span that holds any text: a longer backtick fence when the text has backticks. */
function codeSpan(text: string): string {
  const clean = displayText(text.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${clean}${fence}` : `${fence} ${clean} ${fence}`;
}
