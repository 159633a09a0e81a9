// Data verification: each kind of Step 5's test data (count, bytes, checksum) and whether Step 9
// found the same after the restore — per kind when the verify run kept what it counted.

import { fingerprintFromJson } from '../../core/fingerprint';
import type { CertificationRecord, DataKindFingerprint } from '../../core/record';
import type { DataKindReport, DataVerification, MatchState } from './reportTypes';

/** The Step 9 action that counts the restored data, and the figure it keeps them under. */
const VERIFY_ACTION = 'verify';
const RESTORED_FIGURE = 'restored';

export function dataVerification(record: CertificationRecord): DataVerification {
  const criterion = record.steps['restore-verify'].criteria['test-data-matches'];
  const afterRestore: MatchState = criterion?.state === 'met' ? 'matches' : criterion?.state === 'not-met' ? 'differs' : 'not-compared';
  // A restarted Step 9 clears the criterion: counts from an earlier attempt are not this one's.
  const restored = afterRestore === 'not-compared' ? undefined : restoredFingerprint(record);
  const kinds: DataKindReport[] = Object.entries(record.testData?.fingerprint ?? {}).map(([kind, before]) => {
    const after = restored?.[kind];
    return {
      kind,
      count: before.count,
      bytes: before.bytes,
      ...(before.sha256 !== undefined ? { sha256: before.sha256 } : {}),
      ...(after ? { restored: after } : {}),
      afterRestore: after ? (sameData(before, after) ? 'matches' : 'differs') : restored ? 'differs' : afterRestore === 'matches' ? 'matches' : 'not-compared',
    };
  });
  const detail = criterion?.evidence?.[0]?.summary;
  return {
    ...(record.testData ? { recordedAt: record.testData.recordedAt } : {}),
    afterRestore,
    ...(detail !== undefined ? { detail } : {}),
    kinds,
  };
}

function sameData(before: DataKindFingerprint, after: DataKindFingerprint): boolean {
  return before.count === after.count && before.bytes === after.bytes && (before.sha256 === undefined || before.sha256 === after.sha256);
}

/** What the latest verify run counted, read as carefully as any text a run produced. */
function restoredFingerprint(record: CertificationRecord): Record<string, DataKindFingerprint> | undefined {
  const runs = record.steps['restore-verify'].runs;
  for (let i = runs.length - 1; i >= 0; i--) {
    const action = [...runs[i].actions].reverse().find((a) => a.id === VERIFY_ACTION && typeof a.figures?.[RESTORED_FIGURE] === 'string');
    if (action) return fingerprintFromJson(String(action.figures?.[RESTORED_FIGURE]));
  }
  return undefined;
}

