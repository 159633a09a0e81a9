// Readers of what the probes print: curl's status line, `pct status` and `pct config`,
// openssl's certificate dates, dig's answers, and the verify script's fingerprint line. Each
// returns undefined (or an empty answer) for output it does not recognise: never a guess.

import { fingerprintFromJson } from '../../core/fingerprint';
import type { DataKindFingerprint } from '../../core/record';

export function parseCurlStatus(stdout: string): { status: number; remoteIp: string } | undefined {
  const match = /^(\d{3})(?: (\S*))?$/m.exec(stdout.trim());
  if (!match) return undefined;
  return { status: Number(match[1]), remoteIp: match[2] ?? '' };
}

/** `pct status 165` → "status: running". */
export function parsePctStatus(stdout: string): string | undefined {
  return /^status: (\S+)$/m.exec(stdout)?.[1];
}

/** `pct config` lines "key: value"; the description's continuation and snapshots are ignored. */
export function parsePctConfig(stdout: string): Record<string, string> {
  const config: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    if (line.startsWith('[')) break; // snapshot sections follow the current config
    const match = /^([a-z0-9_-]+): (.*)$/.exec(line);
    if (match && !(match[1] in config)) config[match[1]] = match[2];
  }
  return config;
}

/** `openssl x509 -noout -enddate` → "notAfter=Mar  4 23:00:00 2027 GMT". */
export function parseNotAfter(stdout: string): Date | undefined {
  const match = /^notAfter=(.+)$/m.exec(stdout);
  if (!match) return undefined;
  const date = new Date(match[1].replace(/\s+/g, ' ').trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `dig +short` answers: A/AAAA addresses only (a CNAME line is followed by its addresses). */
export function parseDigAddresses(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d{1,3}(\.\d{1,3}){3}$/.test(line) || /^[0-9a-f:]+:[0-9a-f:]*$/i.test(line));
}

/**
 * The verify script's last line: {"kind": {"count": n, "bytes": n, "sha256": "…"}, …}. The
 * workflow's scripts print their fingerprint last, after what a person reads.
 */
export function parseFingerprint(stdout: string): Record<string, DataKindFingerprint> | undefined {
  const last = stdout.trimEnd().split('\n').pop()?.trim();
  return last?.startsWith('{') ? fingerprintFromJson(last) : undefined;
}

/** Kinds whose count, size or checksum differ, in words: "attachments: 30 → 29 items". */
export function fingerprintDifferences(before: Record<string, DataKindFingerprint>, after: Record<string, DataKindFingerprint>): string[] {
  const differences: string[] = [];
  for (const [kind, was] of Object.entries(before)) {
    const now = after[kind];
    if (!now) differences.push(`${kind}: missing after the restore`);
    else if (now.count !== was.count) differences.push(`${kind}: ${was.count} → ${now.count} items`);
    else if (now.bytes !== was.bytes) differences.push(`${kind}: ${was.bytes} → ${now.bytes} bytes`);
    else if (was.sha256 !== undefined && now.sha256 !== was.sha256) differences.push(`${kind}: same count and size, different content (checksum)`);
  }
  return differences;
}

export function fingerprintSummary(fingerprint: Record<string, DataKindFingerprint>): string {
  return Object.entries(fingerprint)
    .map(([kind, value]) => `${kind} ${value.count}`)
    .join(', ');
}

export function totalBytes(fingerprint: Record<string, DataKindFingerprint>): number {
  return Object.values(fingerprint).reduce((sum, kind) => sum + kind.bytes, 0);
}
