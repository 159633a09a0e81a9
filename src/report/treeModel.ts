// What the Services tree shows, as plain data: services → the nine steps → their criteria,
// with states, key figures, blocking reasons and evidence. Pure, so the CLI, benchmarks and
// tests build the same nodes the extension draws. Descriptions and reasons are display-safe
// (core/displayText): they quote the repo and the record, which may hold control characters.

import { canStart, serviceProgress, type ProgressState } from '../core/gates';
import type { SourceRef } from '../core/findings';
import { displayText } from '../core/displayText';
import { factText } from '../core/factText';
import { createEmptyRecord, measures, type CertificationRecord, type CriterionState } from '../core/record';
import type { Service } from '../core/service';
import { STEPS, type CriterionDefinition, type CriterionKind, type StepDefinition, type StepId } from '../core/steps';
import { formatMetric, METRIC_IDS, METRICS } from '../core/targets';
import type { StaticResult, StaticResults } from '../check/staticCriteria';
import type { StoredRecord } from '../store/records';

export type ServiceState = ProgressState | 'record-damaged';

export interface ServiceNode {
  kind: 'service';
  service: Service;
  state: ServiceState;
  passed: number;
  /** "CT 160 · 6/9". */
  description: string;
}

export type StepState = 'not-started' | 'running' | 'passed' | 'failed' | 'interrupted' | 'skipped' | 'blocked';

export interface StepNode {
  kind: 'step';
  service: Service;
  step: StepDefinition;
  state: StepState;
  /** Short enough for a 300-pixel sidebar: "1 Implement". The full title goes in the tooltip. */
  label: string;
  /** Why it cannot start (blocked), why it failed or was skipped. */
  reason?: string;
  /** The step's headline figure when the record has it ("4m12s"), else its state in words: short enough for the sidebar. */
  description: string;
  /** Every figure the step recorded, named, for the tooltip: "Deployment Time: 4m12s", "Idempotency: changed=0". */
  figures: string[];
}

export interface CriterionNode {
  kind: 'criterion';
  service: Service;
  stepId: StepId;
  criterion: CriterionDefinition;
  state: CriterionState;
  /** For manual criteria: who confirmed it and when. */
  confirmedBy?: { by: string; at: string };
  /** For static criteria (and automatic ones with a static prerequisite): what the repo shows. */
  staticResult?: StaticResult;
  /** Where a click goes. */
  evidence?: SourceRef;
  description: string;
  /** Its kind by the glyph, its state by the glyph's variant and colour (CRITERION_ICONS). */
  icon: CriterionIcon;
}

/** A codicon id and the theme tone it is drawn in; `meaning` is what the legend and the tooltip say. */
export interface CriterionIcon {
  id: string;
  tone: 'passed' | 'failed' | 'muted';
  meaning: string;
}

/**
 * One icon language for criteria, explained in each tooltip and in the walkthrough
 * (media/walkthrough/icons.md, held to this table by its unit test). The glyph says the kind:
 * a circle for what the repo files prove, a beaker for what a run measures, a person for what
 * someone confirms (beside its checkbox). The variant and colour say the state.
 */
export const CRITERION_KINDS: Record<CriterionKind, { title: string; how: string }> = {
  static: { title: 'Repo check', how: 'checked from the repo files, at once' },
  automatic: { title: 'Measured', how: 'measured when the step runs' },
  manual: { title: 'Manual', how: 'confirmed by a person, who ticks it' },
};

export const CRITERION_ICONS: Record<CriterionKind, Record<'met' | 'not-met' | 'unknown', CriterionIcon>> = {
  static: {
    met: { id: 'pass', tone: 'passed', meaning: 'the repo proves it' },
    'not-met': { id: 'error', tone: 'failed', meaning: 'the repo lacks it' },
    unknown: { id: 'circle-large-outline', tone: 'muted', meaning: 'not checked yet' },
  },
  automatic: {
    met: { id: 'beaker', tone: 'passed', meaning: 'the run measured it met' },
    'not-met': { id: 'beaker-stop', tone: 'failed', meaning: 'the run measured it not met' },
    unknown: { id: 'beaker', tone: 'muted', meaning: 'not measured yet' },
  },
  manual: {
    met: { id: 'person', tone: 'passed', meaning: 'confirmed' },
    'not-met': { id: 'person', tone: 'failed', meaning: 'not met' },
    unknown: { id: 'person', tone: 'muted', meaning: 'not confirmed yet' },
  },
};

/** While the repo's first validation runs (static criteria only). */
export const CHECKING_ICON: CriterionIcon = { id: 'loading~spin', tone: 'muted', meaning: 'the repo is being checked' };

function criterionIcon(kind: CriterionKind, state: CriterionState, checking: boolean): CriterionIcon {
  if (checking) return CHECKING_ICON;
  return CRITERION_ICONS[kind][state === 'met' || state === 'not-met' ? state : 'unknown'];
}

export function serviceNode(service: Service, stored: StoredRecord | undefined): ServiceNode {
  const container = service.facts.containerId ? `CT ${displayText(factText(service.facts.containerId))}` : 'no container id';
  if (stored?.kind === 'corrupt' || stored?.kind === 'newer') {
    const what = stored.kind === 'corrupt' ? 'record damaged' : 'record from a newer Certify';
    return { kind: 'service', service, state: 'record-damaged', passed: 0, description: `${container} · ${what}` };
  }
  const progress = stored?.kind === 'ok' ? serviceProgress(stored.record) : undefined;
  const passed = progress?.passed ?? 0;
  return { kind: 'service', service, state: progress?.state ?? 'not-started', passed, description: `${container} · ${passed}/9` };
}

/** A service with no record yet reads as an empty one (nothing is written). */
const NO_RECORD_TIME = '1970-01-01T00:00:00.000Z';

type StepView = Omit<StepNode, 'kind' | 'service'>;

/**
 * The steps of a service with no record: the same for every such service, so they are worked
 * out once (most services of a large repo have no record yet when the tree first draws).
 */
let stepsWithoutRecord: readonly StepView[] | undefined;

export function stepNodes(service: Service, stored: CertificationRecord | undefined): StepNode[] {
  stepsWithoutRecord ??= stepViews(createEmptyRecord('no-record', NO_RECORD_TIME));
  const views = stored ? stepViews(stored) : stepsWithoutRecord;
  return views.map((view) => ({ kind: 'step', service, ...view }));
}

function stepViews(record: CertificationRecord): StepView[] {
  return STEPS.map((step) => {
    const status = record.steps[step.id].status;
    const blocked = status === 'not-started' ? canStart(record, step.id) : undefined;
    const state: StepState = blocked ? 'blocked' : status;
    const figures = keyFigures(record, step.id);
    const words = state === 'blocked' ? 'blocked' : status.replace('-', ' ');
    const reason = blocked ?? record.steps[step.id].reason;
    const description = figures[0]?.value ?? words;
    return { step, state, label: stepLabel(step), reason: reason === undefined ? undefined : displayText(reason), description, figures: figures.map((f) => `${f.label}: ${f.value}`) };
  });
}

/** The workflow's short step names (README, docs): a step title would be cut at the default sidebar width. */
const STEP_NAMES: Record<StepId, string> = {
  implement: 'Implement',
  'test-external': 'Test externally',
  recreate: 'Delete & recreate',
  'backup-plan': 'Backup plan',
  populate: 'Populate test data',
  'test-backup': 'Test backup',
  'execute-backup': 'Execute backup',
  wipe: 'Wipe',
  'restore-verify': 'Restore & verify',
};

/** "1 Implement". */
export function stepLabel(step: StepDefinition): string {
  return `${step.number} ${STEP_NAMES[step.id]}`;
}

/** The step to work on next: the first one running, failed, interrupted or open; undefined when none is. */
export function nextStep(steps: readonly StepNode[]): StepNode | undefined {
  return steps.find((node) => node.state === 'running' || node.state === 'failed' || node.state === 'interrupted' || node.state === 'not-started');
}

/**
 * One line for a lens or a status-bar tooltip: "gitea · 0/9 · next: 1 Implement", "gitea · 9/9 ·
 * certified", "gitea · 6/9 · blocked at 8 Wipe", "gitea · record damaged".
 */
export function progressLine(node: ServiceNode, steps: readonly StepNode[]): string {
  const name = displayText(node.service.name);
  if (node.state === 'record-damaged') return `${name} · record damaged`;
  const head = `${name} · ${node.passed}/9`;
  if (node.state === 'certified') return `${head} · certified`;
  const next = nextStep(steps);
  if (next) return `${head} · ${NEXT_WORDS[next.state] ?? 'next'}: ${next.label}`;
  const blocked = steps.find((step) => step.state === 'blocked');
  return blocked ? `${head} · blocked at ${blocked.label}` : head;
}

const NEXT_WORDS: Partial<Record<StepState, string>> = { running: 'running', failed: 'failed', interrupted: 'interrupted' };

/** `statics`: the service's static results; undefined while the repo's validation has not ended. */
export function criterionNodes(
  service: Service,
  stepId: StepId,
  record: CertificationRecord | undefined,
  statics: StaticResults | undefined,
): CriterionNode[] {
  const step = STEPS.find((candidate) => candidate.id === stepId);
  if (!step) return [];
  return [...step.criteria, ...step.documentation].map((criterion) => {
    const entry = record?.steps[stepId].criteria[criterion.id];
    const staticResult = criterion.check ? statics?.get(criterion.check) : undefined;
    // A static criterion is decided by the repo right now; the record keeps what runs proved.
    const state: CriterionState =
      criterion.kind === 'static' && staticResult && staticResult.status !== 'unknown' ? staticResult.status : (entry?.state ?? 'unknown');
    const confirmedBy = criterion.kind === 'manual' && entry?.by && entry.at ? { by: entry.by, at: entry.at } : undefined;
    const checking = statics === undefined && criterion.kind === 'static';
    return {
      kind: 'criterion',
      service,
      stepId,
      criterion,
      state,
      confirmedBy,
      staticResult,
      evidence: staticResult?.evidence[0],
      description: checking ? CHECKING : criterionDescription(criterion, state, staticResult, confirmedBy),
      icon: criterionIcon(criterion.kind, state, checking),
    };
  });
}

/** A static criterion before the repo's first validation has ended (seconds, in a large repo). */
const CHECKING = 'checking the repo…';

function criterionDescription(
  criterion: CriterionDefinition,
  state: CriterionState,
  staticResult: StaticResult | undefined,
  confirmedBy: { by: string; at: string } | undefined,
): string {
  if (staticResult) return displayText(staticResult.summary);
  if (confirmedBy) return displayText(`${confirmedBy.by}, ${confirmedBy.at.slice(0, 10)}`);
  if (criterion.kind === 'automatic') return state === 'unknown' ? 'measured when the step runs' : state;
  return criterion.kind === 'manual' ? 'confirm by hand' : state;
}

/** The metrics this step measures, as recorded, the workflow's headline metric first (METRIC_IDS order). */
function keyFigures(record: CertificationRecord, stepId: StepId): Array<{ label: string; value: string }> {
  return METRIC_IDS.filter((metric) => record.metrics[metric]?.step === stepId && measures(stepId, metric)).map((metric) => ({
    label: METRICS[metric].label,
    value: formatMetric(metric, record.metrics[metric]?.value ?? 0),
  }));
}
