// What a service publishes, documented for a person: its ports (Step 1, "Port mappings
// documented") and its external URL (Step 2, "External access URLs documented"). A value in
// role defaults is configuration, not documentation: it tells Certify what to look for in the
// READMEs and docs, and is cited as secondary evidence.

import { isSeq } from 'yaml';
import type { SourceRef } from '../../core/findings';
import { findDocLine, namesService, repoDocs, serviceReadmes, tokenPattern } from './documents';
import { met, notMet, refText, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

const PORT_WORD = /\bports?\b/i;
const TABLE_ROW = /^\s*\|/;

export function portsDocumented(scope: StaticScope): Verdict {
  const { service } = scope;
  // The definition's `ports:` list names every port with its protocol: documentation by design.
  const listed = scope.field(service.definitionFile, ['ports']);
  if (listed && isSeq(listed.value) && listed.value.items.length > 0) {
    return met(`${listed.value.items.length} port${listed.value.items.length === 1 ? '' : 's'} listed in ${service.definitionFile}`, [listed.source]);
  }
  const port = service.facts.servicePort;
  if (port?.kind === 'unresolved') return unknown(`the port is the template ${port.expression}; Certify cannot tell which to look for`, [port.source]);
  if (port === undefined) {
    // Without a port to look for, a "Ports" section in the role README still documents them.
    const section = findDocLine(scope, serviceReadmes(scope), (line) => !line.fenced && /^#{1,6}\s+.*\bports?\b/i.test(line.text));
    if (section) return met(`ports section in ${section.file}`, [section]);
    return unknown(`no port stated for ${service.name}: add service_port to its definition or role defaults`);
  }
  const token = tokenPattern(String(port.value));
  const mentions = (text: string): boolean => token.test(text);
  // In the service's own README: the number under a Ports heading (the README template's table),
  // else beside the word "port" or as host:port.
  const readmes = serviceReadmes(scope);
  const own =
    findDocLine(scope, readmes, (line) => !line.fenced && mentions(line.text) && PORT_WORD.test(line.heading)) ??
    findDocLine(scope, readmes, (line) => mentions(line.text) && (PORT_WORD.test(line.text) || line.text.includes(`:${port.value}`)));
  // In repo-wide documents the line must also name the service: they describe every service.
  const shared =
    own ??
    findDocLine(scope, repoDocs(scope), (line) => mentions(line.text) && namesService(scope, line.text) && (PORT_WORD.test(line.text) || TABLE_ROW.test(line.text) || line.text.includes(`:${port.value}`)));
  if (shared) return met(`port ${port.value} documented in ${refText(shared)}`, [shared, port.source]);
  return notMet(`port ${port.value} (${refText(port.source)}) is in no README or docs page`, [port.source]);
}

export function urlsDocumented(scope: StaticScope): Verdict {
  const url = scope.service.facts.externalUrl;
  if (url === undefined) {
    // A database or internal service has no external URL; the repo does not say which this is.
    return unknown(`no external URL stated for ${scope.service.name}: add external.url to services/${scope.service.name}.yml if it has one`);
  }
  if (url.kind === 'unresolved') return unknown(`the URL is the template ${url.expression}; Certify cannot evaluate it`, [url.source]);
  // The definition's external.url is Certify's own documentation of the URL, probed in Step 2.
  if (url.origin === 'definition') return met(`${url.value} (${refText(url.source)})`, [url.source]);
  const host = hostOf(url.value);
  if (host === undefined) return unknown(`${url.value} (${refText(url.source)}) is not a URL Certify can read`, [url.source]);
  const pattern = tokenPattern(host);
  const found: SourceRef | undefined =
    findDocLine(scope, serviceReadmes(scope), (line) => pattern.test(line.text)) ?? findDocLine(scope, repoDocs(scope), (line) => pattern.test(line.text));
  if (found) return met(`${url.value} documented in ${refText(found)}`, [found, url.source]);
  return notMet(`${url.value} (${refText(url.source)}) is in no README or docs page`, [url.source]);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
