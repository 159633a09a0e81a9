// Text and JSON shapes of services, records and findings shared by the CLI's commands.

import { displayText } from '../core/displayText';
import type { Finding } from '../core/findings';
import { isCovered, type Service } from '../core/service';
import { serviceProgress } from '../core/transitions';
import type { StoredRecord } from '../store/records';

export function progressText(stored: StoredRecord): string {
  switch (stored.kind) {
    case 'missing':
      return '0/9';
    case 'ok': {
      const progress = serviceProgress(stored.record);
      return `${progress.passed}/${progress.total}${progress.state === 'failed' ? ' (failed)' : ''}`;
    }
    case 'corrupt':
      return 'record damaged';
    case 'newer':
      return 'record from newer Certify';
  }
}

export function serviceJson(service: Service, stored: StoredRecord): unknown {
  return {
    ...service,
    backup: { covered: isCovered(service.backup), ...service.backup },
    restore: { covered: isCovered(service.restore), ...service.restore },
    record: recordJson(stored),
  };
}

export function recordJson(stored: StoredRecord): unknown {
  switch (stored.kind) {
    case 'missing':
      return { state: 'missing', file: stored.file, progress: { passed: 0, total: 9, state: 'not-started' } };
    case 'ok':
      return { state: 'ok', file: stored.file, progress: serviceProgress(stored.record) };
    case 'corrupt':
      return { state: 'corrupt', file: stored.file, problems: stored.problems };
    case 'newer':
      return { state: 'newer', file: stored.file, schemaVersion: stored.schemaVersion };
  }
}

/** One line per finding, whatever its file name or message holds (escaped, credentials masked). */
export function findingLines(findings: readonly Finding[]): string[] {
  return findings.map(
    (finding) =>
      `  ${displayText(finding.file)}:${finding.line}${finding.column ? `:${finding.column}` : ''}: ${finding.severity} [${displayText(finding.ruleId)}] ${displayText(finding.message)}`,
  );
}
