// A corpus of hostile values — script and style tags, quotes, `]]>`, control characters and NUL,
// direction overrides, lone surrogates, `javascript:` refs, Markdown links and table pipes, a
// password in a URL — planted in every text a record, the freshness and the history can hold
// (service name, reasons, criterion notes and evidence, who attested, action descriptions,
// transcripts, test data kinds, backup paths, probe figures, changed files). Whatever they hold:
// the HTML builds exactly the elements a plain report builds (no markup, no script, no live link
// but the caller's safe ones), the JUnit is well-formed XML 1.0, the Markdown opens nothing, the
// text keeps one value per line, the JSON parses, and the password shows nowhere.

import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Freshness } from '../../../src/core/freshness';
import type { CertificationRecord } from '../../../src/core/record';
import { buildReport } from '../../../src/report/model/buildReport';
import type { HistoryEntry } from '../../../src/report/model/reportTypes';
import { renderHtml } from '../../../src/report/render/htmlReport';
import { renderJson } from '../../../src/report/render/jsonReport';
import { renderJunit } from '../../../src/report/render/junitReport';
import { renderMarkdown } from '../../../src/report/render/markdownReport';
import { renderText } from '../../../src/report/render/textReport';
import { ALLOWED_TAGS, parseHtml } from './htmlCheck';
import { certifiedRecord } from './reportFixtures';
import { elementsNamed, parseXml } from './xmlCheck';

const PASSWORD = 'CorpusPassw0rd';
const HOSTILE = [
  '<script>alert(1)</script>',
  `"'><img src=x onerror=alert(2)>`,
  '</style><script>alert(3)</script><style>',
  ']]><injected/><![CDATA[',
  'nul\u0000 bs\u0008 vt\u000b esc\u001b[2J del\u007f csi\u009b',
  '\u202eevil\u202c lro\u202d rlm\u200f isolate\u2066x\u2069 sep\u2028',
  'javascript:alert(4)',
  'lone \ud800 surrogate \uffff nonchar',
  '</title></head><body onload=alert(5)><svg onload=alert(6)>',
  '[link](javascript:alert(7)) ![img](https://x.invalid/i.png) <https://x.invalid>',
  '| forged | row |\n# Heading\r\n- item',
  `https://admin:${PASSWORD}@notes.example.net/`,
  '&amp; &lt;script&gt; &#x3c;b&#x3e;',
];
/** Raw characters no output may carry: C0 (but tab, LF, CR), DEL, C1, bidi controls, separators. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every text the report shows from the record, replaced by `pick(i)` (i counts the places). */
function plant(base: CertificationRecord, pick: (i: number) => string, service?: string): CertificationRecord {
  const record = structuredClone(base);
  let i = 0;
  const next = (): string => pick(i++);
  if (service !== undefined) record.service = service;
  for (const step of Object.values(record.steps)) {
    step.reason = next();
    for (const criterion of Object.values(step.criteria)) {
      if (!criterion) continue;
      if (criterion.by !== undefined) criterion.by = next();
      for (const evidence of criterion.evidence ?? []) {
        evidence.summary = next();
        if (evidence.ref !== undefined) evidence.ref = next();
      }
    }
    for (const run of step.runs) {
      for (const action of run.actions) {
        action.description = next();
        action.ended = next();
        if (action.transcript !== undefined) action.transcript = next();
        for (const key of Object.keys(action.figures ?? {})) if (key === 'restored' || key.endsWith('.evidence')) (action.figures as Record<string, string | number>)[key] = next();
      }
    }
  }
  if (record.testData) record.testData.fingerprint = Object.fromEntries(Object.values(record.testData.fingerprint).map((value) => [next(), { ...value, sha256: next() }]));
  if (record.backup) {
    record.backup.timestamp = next();
    record.backup.location = next();
    for (const artefact of record.backup.artefacts ?? []) Object.assign(artefact, { path: next(), type: next(), detail: next(), sha256: next() });
  }
  return record;
}

function freshnessWith(pick: (i: number) => string): Freshness {
  return { state: 'stale', changed: HOSTILE.map((_, i) => ({ name: pick(i), change: 'modified' as const })), rerun: ['implement'], summary: pick(99) };
}

function historyWith(dates: (i: number) => string): HistoryEntry[] {
  return Array.from({ length: 4 }, (_, i) => ({ certifiedAt: dates(i), metrics: { rto: 600 + i, 'deploy-time': 200, 'backup-size': 1024 ** 2 } }));
}

const base = certifiedRecord();
const hostile = (i: number): string => HOSTILE[i % HOSTILE.length];
const plain = (i: number): string => `plain value ${i % HOSTILE.length}`;
const DATES = (i: number): string => `2026-0${i + 1}-01T00:00:00.000Z`;
const HOSTILE_DATES = (i: number): string => (i === 0 || i === 3 ? `<script>alert(8)</script>\u0000${HOSTILE[5]}` : DATES(i));

/** The same report over hostile values and over plain ones: their structure must be the same. */
function pair(options: { service?: boolean } = {}) {
  const make = (pick: (i: number) => string, dates: (i: number) => string, service: string | undefined) =>
    buildReport({ record: plant(base, pick, service), generatedAt: '2026-12-05T08:00:00.000Z', containerId: 165, freshness: freshnessWith(pick), history: historyWith(dates) });
  return {
    bad: make(hostile, options.service ? HOSTILE_DATES : DATES, options.service ? `notes${HOSTILE[0]}${HOSTILE[4]}` : undefined),
    good: make(plain, DATES, options.service ? 'notes-plain' : undefined),
  };
}

describe('hostile values never become markup, script or a live link', () => {
  for (const withService of [false, true]) {
    const where = withService ? 'with a hostile service name and history date' : 'in every record text';
    const { bad, good } = pair({ service: withService });

    test(`HTML ${where}: the elements and attributes of a plain report, nothing more`, () => {
      for (const options of [{}, { linkHref: (ref: string) => `command:certify.openEvidence?${ref}` }, { linkHref: () => 'javascript:alert(9)' }]) {
        const html = renderHtml(bad, options);
        const page = parseHtml(html);
        const plainPage = parseHtml(renderHtml(good, options));
        // Same tags in the same order, each with the same attribute names: the values added nothing.
        const shape = (p: typeof page) => p.elements.filter((e) => e.tag !== 'a').map((e) => `${e.tag}[${Object.keys(e.attributes).sort().join(',')}]`);
        assert.deepEqual(shape(page), shape(plainPage));
        assert.deepEqual(page.elements.filter((e) => !ALLOWED_TAGS.has(e.tag)).map((e) => e.tag), []);
        assert.deepEqual(page.elements.filter((e) => Object.keys(e.attributes).some((a) => /^on/i.test(a) || a === 'style' || a === 'src')), []);
        for (const anchor of page.elements.filter((e) => e.tag === 'a')) assert.match(anchor.attributes.href, /^command:certify\.openEvidence\?/);
        assert.equal(page.elements.filter((e) => e.tag === 'style').length, 1);
        assert.doesNotMatch(html, RAW_CONTROL);
        assert.doesNotMatch(html, new RegExp(PASSWORD));
        // Escaped, not dropped: the reader sees what the record says.
        const text = page.texts.join('\n');
        assert.ok(text.includes('<script>alert(1)</script>'));
        assert.ok(text.includes('\\u202eevil\\u202c'));
        assert.ok(text.includes('nul\\x00 bs\\x08'));
      }
    });

    test(`JUnit ${where}: well-formed XML 1.0 with the cases of a plain report`, () => {
      const xml = renderJunit([bad], [{ service: withService ? HOSTILE.join(' ') : 'other', problem: HOSTILE.join('\n') }]);
      const root = parseXml(xml);
      const plainRoot = parseXml(renderJunit([good], [{ service: 'other', problem: 'plain' }]));
      const names = (r: typeof root): string[] => {
        const all: string[] = [];
        const walk = (n: typeof root): void => {
          all.push(n.name);
          n.children.forEach(walk);
        };
        walk(r);
        return all;
      };
      assert.deepEqual(names(root), names(plainRoot));
      assert.deepEqual(elementsNamed(root, 'injected'), []);
      assert.doesNotMatch(xml, new RegExp(PASSWORD));
      assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/);
      const failures = elementsNamed(root, 'error').map((e) => e.attributes.message);
      assert.ok(failures.some((message) => message.includes('<script>alert(1)</script>')), 'the message keeps the text, escaped');
    });

    test(`Markdown ${where}: no link, image, HTML or row opens, each value on its line`, () => {
      const md = renderMarkdown(bad);
      assert.doesNotMatch(md, RAW_CONTROL);
      assert.doesNotMatch(md, new RegExp(PASSWORD));
      // Certify's own markers: a step's reason quoted ("> "), a criterion's task box ("- [x] ").
      const values = md.replace(/^> /gm, '').replace(/^- \[[x ]\] /gm, '- ');
      assert.doesNotMatch(values, /(^|[^\\])[<>]/m, 'every angle bracket escaped');
      assert.doesNotMatch(values, /(^|[^\\])\[/m, 'every square bracket escaped');
      assert.doesNotMatch(values, /(^|[^\\])&/m, 'no entity can form');
      // Headings are Certify's own, and every table row has its table's columns.
      const plainMd = renderMarkdown(good);
      const skeleton = (text: string) => text.split('\n').map((line) => (line.startsWith('#') ? line.replace(/[:—].*$/, '') : line.startsWith('|') ? `|${line.split(/(?<!\\)\|/).length}` : ''));
      assert.deepEqual(skeleton(md), skeleton(plainMd));
    });

    test(`text ${where}: one value per line, no control character, the status said once`, () => {
      const out = renderText(bad);
      assert.doesNotMatch(out, RAW_CONTROL);
      assert.doesNotMatch(out, new RegExp(PASSWORD));
      assert.equal(out.split('\n').length, renderText(good).split('\n').length);
      assert.equal(out.match(/^Service Status:/gm)?.length, 1);
    });

    test(`JSON ${where}: parses, masks the password, escapes direction characters`, () => {
      const out = renderJson(bad);
      const parsed = JSON.parse(out) as { steps: Array<{ reason?: string }> };
      assert.doesNotMatch(out, new RegExp(PASSWORD));
      assert.doesNotMatch(out, /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      assert.equal(parsed.steps[0].reason, HOSTILE[0]);
      if (!withService) {
        const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/report.schema.json'), 'utf8')) as object);
        assert.ok(validate(parsed), JSON.stringify(validate.errors));
      }
    });
  }
});
