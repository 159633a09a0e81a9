// The record's structural check: untrusted JSON (a record read from disk, a run reported by a
// front end) is checked field by field before anything trusts it, with every problem named.

import {
  ACTION_TARGETS,
  CRITERION_STATES,
  EVIDENCE_KINDS,
  measures,
  RECORD_SCHEMA_VERSION,
  RUN_OUTCOMES,
  SERVICE_NAME_PATTERN,
  STEP_STATUSES,
  type CertificationRecord,
} from './record';
import { describeValue, ShapeChecker } from './shapeCheck';
import { criterionById, isStepId, STEP_IDS, stepById, type StepId } from './steps';
import { isMetricId, METRIC_IDS, METRICS } from './targets';

export type ValidationResult = { ok: true; record: CertificationRecord } | { ok: false; problems: string[] };

/**
 * Strict structural check of untrusted JSON. It also enforces the invariants transitions rely
 * on (one running step, a reason on every skip, a verified backup's time), so a hand-edited
 * record cannot slip past the gates.
 */
export function validateRecord(value: unknown): ValidationResult {
  const c = new ShapeChecker();
  if (value === undefined) return { ok: false, problems: ['record: expected an object, got nothing'] };
  const root = c.object(value, '', ['schemaVersion', 'service', 'createdAt', 'updatedAt', 'steps', 'metrics'], ['backup', 'testData']);
  if (!root) return { ok: false, problems: c.problems };

  const version = root.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > RECORD_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [`schemaVersion: ${version} is newer than this Certify understands (${RECORD_SCHEMA_VERSION}); update Certify.`],
    };
  }
  if (version !== RECORD_SCHEMA_VERSION) {
    // Under another schema every other field may mean something else: report only this.
    return { ok: false, problems: [`schemaVersion: expected ${RECORD_SCHEMA_VERSION}, got ${describeValue(version)}`] };
  }

  const service = c.string(root.service, 'service');
  if (service !== undefined && !SERVICE_NAME_PATTERN.test(service)) {
    c.add('service', `'${service}' is not a valid service name (lowercase letters, digits, dashes, underscores)`);
  }
  const createdAt = c.timestamp(root.createdAt, 'createdAt');
  const updatedAt = c.timestamp(root.updatedAt, 'updatedAt');
  if (createdAt && updatedAt && Date.parse(updatedAt) < Date.parse(createdAt)) c.add('updatedAt', 'is earlier than createdAt');

  const steps = c.object(root.steps, 'steps', STEP_IDS);
  if (steps) {
    for (const id of STEP_IDS) if (steps[id] !== undefined) checkStep(c, id, steps[id], service);
    const running = STEP_IDS.filter((id) => (steps[id] as { status?: unknown } | undefined)?.status === 'running');
    if (running.length > 1) c.add('steps', `only one step may be running, found ${running.join(', ')}`);
  }
  const metrics = c.map(root.metrics, 'metrics');
  if (metrics) for (const [key, entry] of Object.entries(metrics)) checkMetric(c, key, entry);
  if (root.backup !== undefined) checkBackup(c, root.backup);
  if (root.testData !== undefined) checkTestData(c, root.testData);

  return c.ok ? { ok: true, record: value as CertificationRecord } : { ok: false, problems: c.problems };
}

function checkStep(c: ShapeChecker, id: StepId, value: unknown, service: string | undefined): void {
  const path = `steps.${id}`;
  const step = c.object(value, path, ['status', 'criteria', 'runs'], ['reason', 'startedAt', 'finishedAt']);
  if (!step) return;
  const status = c.oneOf(step.status, `${path}.status`, STEP_STATUSES);
  const startedAt = step.startedAt === undefined ? undefined : c.timestamp(step.startedAt, `${path}.startedAt`);
  const finishedAt = step.finishedAt === undefined ? undefined : c.timestamp(step.finishedAt, `${path}.finishedAt`);
  if (step.reason !== undefined) c.string(step.reason, `${path}.reason`);
  if (startedAt && finishedAt && Date.parse(finishedAt) < Date.parse(startedAt)) c.add(`${path}.finishedAt`, 'is earlier than startedAt');

  if (status) {
    const has = (key: string): boolean => step[key] !== undefined;
    const needs = (key: string, why: string): void => {
      if (!has(key)) c.add(`${path}.${key}`, `missing; a ${status} step ${why}`);
    };
    const forbids = (key: string): void => {
      if (has(key)) c.add(`${path}.${key}`, `a ${status} step has no ${key}`);
    };
    if (status === 'not-started') ['reason', 'startedAt', 'finishedAt'].forEach(forbids);
    if (status === 'running' || status === 'interrupted') forbids('finishedAt');
    if (status === 'running' || status === 'passed') forbids('reason');
    if (status !== 'not-started' && status !== 'skipped') needs('startedAt', 'has a start time');
    if (status === 'passed' || status === 'failed' || status === 'skipped') needs('finishedAt', 'has a finish time');
    if (status === 'skipped') {
      needs('reason', 'says why it was skipped');
      if (!stepById(id).skippable) c.add(`${path}.status`, `${id} may not be skipped`);
    }
  }

  const criteria = c.map(step.criteria, `${path}.criteria`);
  if (criteria) {
    if (status === 'not-started') {
      for (const key of Object.keys(criteria)) {
        const kind = criterionById(id, key)?.kind;
        if (kind && kind !== 'manual') c.add(`${path}.criteria.${key}`, 'a not-started step holds only manual confirmations');
      }
    }
    for (const [key, entry] of Object.entries(criteria)) {
      if (!criterionById(id, key)) c.add(`${path}.criteria.${key}`, `not a criterion of ${id}`);
      else checkCriterion(c, `${path}.criteria.${key}`, entry);
    }
  }
  const runs = c.array(step.runs, `${path}.runs`);
  runs?.forEach((run, i) => {
    const isLast = i === runs.length - 1;
    checkRun(c, `${path}.runs[${i}]`, run, service, isLast && status === 'running');
  });
}

/** Checks one criterion entry; transitions use it on their arguments too. */
export function checkCriterion(c: ShapeChecker, path: string, value: unknown): void {
  const entry = c.object(value, path, ['state'], ['evidence', 'by', 'at']);
  if (!entry) return;
  c.oneOf(entry.state, `${path}.state`, CRITERION_STATES);
  if (entry.by !== undefined) c.string(entry.by, `${path}.by`);
  if (entry.at !== undefined) c.timestamp(entry.at, `${path}.at`);
  if (entry.evidence === undefined) return;
  c.array(entry.evidence, `${path}.evidence`)?.forEach((item, i) => {
    const ev = c.object(item, `${path}.evidence[${i}]`, ['kind', 'summary'], ['ref']);
    if (!ev) return;
    c.oneOf(ev.kind, `${path}.evidence[${i}].kind`, EVIDENCE_KINDS);
    c.string(ev.summary, `${path}.evidence[${i}].summary`);
    if (ev.ref !== undefined) c.string(ev.ref, `${path}.evidence[${i}].ref`);
  });
}

/** Checks one run; `mayBeOpen` is true only for the last run of a running step. */
export function checkRun(c: ShapeChecker, path: string, value: unknown, service: string | undefined, mayBeOpen: boolean): void {
  const run = c.object(value, path, ['startedAt', 'actions', 'outcome'], ['finishedAt', 'by']);
  if (!run) return;
  c.timestamp(run.startedAt, `${path}.startedAt`);
  if (run.by !== undefined) c.string(run.by, `${path}.by`);
  if (run.finishedAt !== undefined) c.timestamp(run.finishedAt, `${path}.finishedAt`);
  const outcome = c.oneOf(run.outcome, `${path}.outcome`, RUN_OUTCOMES);
  if (outcome === 'running' && !mayBeOpen) c.add(`${path}.outcome`, 'only the last run of a running step may still be running');
  if ((outcome === 'running' || outcome === 'interrupted') && run.finishedAt !== undefined) {
    c.add(`${path}.finishedAt`, `a run that is ${outcome} has no finish time`);
  }
  if ((outcome === 'succeeded' || outcome === 'failed') && run.finishedAt === undefined) c.add(`${path}.finishedAt`, 'missing');
  c.array(run.actions, `${path}.actions`)?.forEach((item, i) => {
    const at = `${path}.actions[${i}]`;
    const action = c.object(item, at, ['description', 'target'], ['id', 'argv', 'exitCode', 'durationMs', 'ended', 'figures', 'transcript']);
    if (!action) return;
    c.string(action.description, `${at}.description`);
    if (action.id !== undefined) c.string(action.id, `${at}.id`);
    c.oneOf(action.target, `${at}.target`, ACTION_TARGETS);
    if (action.argv !== undefined) {
      const argv = c.array(action.argv, `${at}.argv`);
      if (argv?.length === 0) c.add(`${at}.argv`, 'expected at least the program name');
      argv?.forEach((arg, j) => {
        if (typeof arg !== 'string') c.add(`${at}.argv[${j}]`, 'expected a string');
      });
    }
    if (action.exitCode !== undefined) c.number(action.exitCode, `${at}.exitCode`, { integer: true });
    if (action.durationMs !== undefined) c.number(action.durationMs, `${at}.durationMs`, { min: 0 });
    if (action.ended !== undefined) c.string(action.ended, `${at}.ended`);
    if (action.figures !== undefined) {
      const figures = c.map(action.figures, `${at}.figures`);
      for (const [key, figure] of Object.entries(figures ?? {})) {
        if (typeof figure !== 'string' && !(typeof figure === 'number' && Number.isFinite(figure))) c.add(`${at}.figures.${key}`, 'expected a string or a number');
      }
    }
    if (action.transcript !== undefined) checkTranscript(c, `${at}.transcript`, action.transcript, service);
  });
}

/** Reports open transcripts by path, so one must never point outside the service's runs folder. */
function checkTranscript(c: ShapeChecker, path: string, value: unknown, service: string | undefined): void {
  const text = c.string(value, path);
  if (text === undefined || service === undefined) return;
  const prefix = `.certify/${service}/runs/`;
  if (!text.startsWith(prefix) || text.length === prefix.length || text.split('/').includes('..') || text.includes('\\')) {
    c.add(path, `expected a path under ${prefix} (forward slashes, no '..'), got '${text}'`);
  }
}

function checkMetric(c: ShapeChecker, key: string, value: unknown): void {
  const path = `metrics.${key}`;
  if (!isMetricId(key)) {
    c.add(path, `unknown metric; expected one of ${METRIC_IDS.join(', ')}`);
    return;
  }
  const entry = c.object(value, path, ['value', 'measuredAt', 'step']);
  if (!entry) return;
  c.number(entry.value, `${path}.value`, { min: 0, ...(METRICS[key].unit === 'percent' ? { max: 100 } : {}) });
  c.timestamp(entry.measuredAt, `${path}.measuredAt`);
  const step = c.oneOf(entry.step, `${path}.step`, STEP_IDS);
  if (step && isStepId(step) && !measures(step, key)) c.add(`${path}.step`, `${step} does not measure ${key}`);
}

export function checkBackup(c: ShapeChecker, value: unknown): void {
  const backup = c.object(value, 'backup', ['timestamp', 'location', 'verified'], ['verifiedAt', 'takenAt', 'sizeBytes', 'artefacts']);
  if (!backup) return;
  c.string(backup.timestamp, 'backup.timestamp');
  c.string(backup.location, 'backup.location');
  const verified = c.boolean(backup.verified, 'backup.verified');
  if (backup.verifiedAt !== undefined) c.timestamp(backup.verifiedAt, 'backup.verifiedAt');
  if (verified === true && backup.verifiedAt === undefined) c.add('backup.verifiedAt', 'missing; a verified backup says when it was verified');
  if (verified === false && backup.verifiedAt !== undefined) c.add('backup.verifiedAt', 'an unverified backup has no verification time');
  if (backup.takenAt !== undefined) c.timestamp(backup.takenAt, 'backup.takenAt');
  if (backup.sizeBytes !== undefined) c.number(backup.sizeBytes, 'backup.sizeBytes', { min: 0, integer: true });
  c.array(backup.artefacts ?? [], 'backup.artefacts')?.forEach((item, i) => {
    const at = `backup.artefacts[${i}]`;
    const artefact = c.object(item, at, ['path', 'type', 'bytes', 'valid'], ['sha256', 'detail']);
    if (!artefact) return;
    c.string(artefact.path, `${at}.path`);
    c.string(artefact.type, `${at}.type`);
    c.number(artefact.bytes, `${at}.bytes`, { min: 0, integer: true });
    c.boolean(artefact.valid, `${at}.valid`);
    if (artefact.sha256 !== undefined) c.string(artefact.sha256, `${at}.sha256`);
    if (artefact.detail !== undefined) c.string(artefact.detail, `${at}.detail`);
  });
}

export function checkTestData(c: ShapeChecker, value: unknown): void {
  const testData = c.object(value, 'testData', ['fingerprint', 'recordedAt']);
  if (!testData) return;
  c.timestamp(testData.recordedAt, 'testData.recordedAt');
  const kinds = c.map(testData.fingerprint, 'testData.fingerprint');
  for (const [kind, entry] of Object.entries(kinds ?? {})) {
    const at = `testData.fingerprint.${kind}`;
    const fingerprint = c.object(entry, at, ['count', 'bytes'], ['sha256']);
    if (!fingerprint) continue;
    c.number(fingerprint.count, `${at}.count`, { min: 0, integer: true });
    c.number(fingerprint.bytes, `${at}.bytes`, { min: 0, integer: true });
    if (fingerprint.sha256 !== undefined) c.string(fingerprint.sha256, `${at}.sha256`);
  }
}
