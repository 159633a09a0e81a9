// The nine steps in the HTML report: each a <details> (open when not passed) with its reason,
// dates, every criterion (state, who said so, evidence and its refs) and every run with its
// actions and transcripts. Opening and closing needs no script.

import type { ActionReport, CertificationReport, CriterionReport, RunReport, StepReport } from '../model/reportTypes';
import { escapeHtml as e } from './htmlEscape';
import { refHtml, type RefLink } from './htmlRef';
import { STATE_MARKS, STATE_WORDS, STEP_GLYPHS } from './reportWords';
import { tableHtml } from './htmlTable';

export function stepsSection(report: CertificationReport, link: RefLink | undefined): string {
  return `<section id="steps"><h2>Steps</h2>\n${report.steps.map((step) => stepHtml(step, link)).join('\n')}\n</section>`;
}

function stepHtml(step: StepReport, link: RefLink | undefined): string {
  const open = step.status === 'passed' || step.status === 'not-started' ? '' : ' open';
  const dates: string[] = [];
  if (step.startedAt) dates.push(`started ${e(step.startedAt)}`);
  if (step.finishedAt) dates.push(`finished ${e(step.finishedAt)}`);
  return [
    `<details class="step" id="step-${step.number}"${open}>`,
    `<summary><span class="mark s-${step.status}">${STEP_GLYPHS[step.status]}</span> Step ${step.number}: ${e(step.title)} — <span class="s-${step.status}">${e(step.status)}</span></summary>`,
    step.reason ? `<p class="notice s-${step.status}">${e(step.reason)}</p>` : '',
    dates.length > 0 ? `<p class="muted">${dates.join(' · ')}</p>` : '',
    tableHtml(['State', 'Criterion', 'Evidence', 'By'], step.criteria.map((criterion) => criterionRow(criterion, link))),
    step.runs.length > 0 ? `<h3>Runs</h3><ul class="plain">${step.runs.map((run) => runHtml(run, link)).join('')}</ul>` : '',
    '</details>',
  ].join('');
}

function criterionRow(criterion: CriterionReport, link: RefLink | undefined): string {
  const notApplicable = criterion.state === 'unknown' && criterion.condition !== undefined;
  const state = notApplicable ? `<span class="mark">–</span>only if: ${e(criterion.condition)}` : `<span class="mark">${STATE_MARKS[criterion.state]}</span>${STATE_WORDS[criterion.state]}`;
  const text = `${criterion.group === 'documentation' ? '<span class="muted">Documentation:</span> ' : ''}${e(criterion.text)} <span class="muted">(${criterion.kind})</span>`;
  const evidence =
    criterion.evidence.length === 0
      ? ''
      : `<ul class="evidence">${criterion.evidence
          .map((item) => `<li>${e(item.summary)}${item.ref !== undefined ? ` ${item.kind === 'run' || item.kind === 'file' ? refHtml(item.ref, link) : `<code>${e(item.ref)}</code>`}` : ''}</li>`)
          .join('')}</ul>`;
  const by = criterion.by !== undefined ? `${e(criterion.by)}${criterion.at ? `<br><span class="muted">${e(criterion.at)}</span>` : ''}` : '';
  return `<tr><td class="state s-${criterion.state}">${state}</td><td>${text}</td><td>${evidence}</td><td>${by}</td></tr>`;
}

function runHtml(run: RunReport, link: RefLink | undefined): string {
  const when = `${e(run.startedAt)}${run.finishedAt ? ` → ${e(run.finishedAt)}` : ''}${run.by !== undefined ? ` by ${e(run.by)}` : ''}`;
  const transcripts = run.transcripts.length > 0 ? ` · transcript${run.transcripts.length > 1 ? 's' : ''}: ${run.transcripts.map((t) => refHtml(t, link)).join(', ')}` : '';
  return `<li><strong class="r-${run.outcome}">${e(run.outcome)}</strong> ${when}${transcripts}<ul class="evidence">${run.actions.map(actionHtml).join('')}</ul></li>`;
}

function actionHtml(action: ActionReport): string {
  const facts: string[] = [`[${e(action.target)}]`];
  if (action.exitCode !== undefined) facts.push(`exit ${action.exitCode}`);
  if (action.durationMs !== undefined) facts.push(`${(action.durationMs / 1000).toFixed(1)} s`);
  if (action.ended !== undefined) facts.push(e(action.ended));
  const failed = (action.exitCode !== undefined && action.exitCode !== 0) || action.ended !== undefined;
  return `<li${failed ? ' class="bad"' : ''}>${e(action.description)} <span class="muted">${facts.join(' · ')}</span></li>`;
}
