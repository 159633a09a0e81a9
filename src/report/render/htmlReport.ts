// The report as one standalone HTML document: readable without any script (there is none),
// under a strict Content-Security-Policy that allows only its own style sheet, every value
// escaped by the one escape function. A webview passes a nonce and a way to turn transcript and
// file refs into command links; a file on disk gets refs as plain text and a
// style sheet allowed by its hash.

import { createHash } from 'node:crypto';
import type { CertificationReport } from '../model/reportTypes';
import { escapeHtml } from './htmlEscape';
import { REPORT_CSS } from './htmlStyle';
import type { RefLink } from './htmlRef';
import { bodySections } from './htmlSections';

export interface HtmlOptions {
  /** A webview's nonce: the style sheet is allowed by it instead of by its hash. */
  nonce?: string;
  /** Turns a transcript or file ref into a link (a command: URI); undefined leaves it text. */
  linkHref?: RefLink;
}

/** A nonce is base64 or base64url: anything else would break out of the policy. */
const NONCE = /^[A-Za-z0-9+/_=-]{8,}$/;

export function renderHtml(report: CertificationReport, options: HtmlOptions = {}): string {
  if (options.nonce !== undefined && !NONCE.test(options.nonce)) throw new RangeError('renderHtml: a nonce is base64 text of at least 8 characters.');
  const styleSource = options.nonce !== undefined ? `'nonce-${options.nonce}'` : `'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`;
  const policy = [
    "default-src 'none'",
    // The page loads nothing: no font, image or style sheet of its own beyond the inline one.
    `style-src ${styleSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const nonceAttribute = options.nonce !== undefined ? ` nonce="${options.nonce}"` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>Certification report: ${escapeHtml(report.service)}</title>`,
    `<style${nonceAttribute}>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    bodySections(report, options.linkHref),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
