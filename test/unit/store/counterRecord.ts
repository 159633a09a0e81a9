// A counter kept in a record for the lock tests: updatedAt, one millisecond per update after
// BASE, so a lost update shows as a smaller count.

import type { CertificationRecord } from '../../../src/core/record';

export const BASE = new Date('2026-11-26T10:00:00.000Z');

export function tick(record: CertificationRecord): CertificationRecord {
  return { ...record, updatedAt: new Date(Date.parse(record.updatedAt) + 1).toISOString() };
}

export function count(record: CertificationRecord): number {
  return Date.parse(record.updatedAt) - BASE.getTime();
}
