// Each step of the report: its status and reason, every criterion with its state, who said so
// and its evidence, and every run with its actions and transcripts — the record's history kept.

import type { CertificationRecord, RunRecord } from '../../core/record';
import { STEPS, type CriterionDefinition, type StepDefinition } from '../../core/steps';
import type { Attester, CriterionReport, RunReport, StepReport } from './reportTypes';

export function stepReports(record: CertificationRecord): StepReport[] {
  return STEPS.map((step) => {
    const state = record.steps[step.id];
    return {
      id: step.id,
      number: step.number,
      title: step.title,
      shortTitle: step.shortTitle,
      status: state.status,
      ...(state.reason !== undefined ? { reason: state.reason } : {}),
      ...(state.startedAt !== undefined ? { startedAt: state.startedAt } : {}),
      ...(state.finishedAt !== undefined ? { finishedAt: state.finishedAt } : {}),
      criteria: [
        ...step.criteria.map((c) => criterionReport(record, step, c, 'acceptance')),
        ...step.documentation.map((c) => criterionReport(record, step, c, 'documentation')),
      ],
      runs: state.runs.map(runReport),
    };
  });
}

function criterionReport(record: CertificationRecord, step: StepDefinition, criterion: CriterionDefinition, group: CriterionReport['group']): CriterionReport {
  const state = record.steps[step.id].criteria[criterion.id];
  return {
    id: criterion.id,
    text: criterion.text,
    kind: criterion.kind,
    group,
    state: state?.state ?? 'unknown',
    ...(criterion.condition !== undefined ? { condition: criterion.condition } : {}),
    ...(state?.by !== undefined ? { by: state.by } : {}),
    ...(state?.at !== undefined ? { at: state.at } : {}),
    evidence: (state?.evidence ?? []).map((e) => ({ kind: e.kind, summary: e.summary, ...(e.ref !== undefined ? { ref: e.ref } : {}) })),
  };
}

function runReport(run: RunRecord): RunReport {
  const transcripts: string[] = [];
  for (const action of run.actions) if (action.transcript && !transcripts.includes(action.transcript)) transcripts.push(action.transcript);
  return {
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    ...(run.by !== undefined ? { by: run.by } : {}),
    outcome: run.outcome,
    transcripts,
    actions: run.actions.map((action) => ({
      ...(action.id !== undefined ? { id: action.id } : {}),
      description: action.description,
      target: action.target,
      ...(action.exitCode !== undefined ? { exitCode: action.exitCode } : {}),
      ...(action.durationMs !== undefined ? { durationMs: action.durationMs } : {}),
      ...(action.ended !== undefined ? { ended: action.ended } : {}),
      ...(action.transcript !== undefined ? { transcript: action.transcript } : {}),
    })),
  };
}

/**
 * Who the record names: a run carries no name, so these are the people whose word it holds
 * (manual criteria), each with what they confirmed, in the order first met.
 */
export function attesters(steps: readonly StepReport[]): Attester[] {
  const byName = new Map<string, Attester>();
  for (const step of steps) {
    for (const criterion of step.criteria) {
      if (criterion.by === undefined) continue;
      const entry = byName.get(criterion.by) ?? { name: criterion.by, confirmed: [] };
      entry.confirmed.push({ step: step.id, criterion: criterion.id, text: criterion.text, ...(criterion.at !== undefined ? { at: criterion.at } : {}) });
      byName.set(criterion.by, entry);
    }
  }
  return [...byName.values()];
}
