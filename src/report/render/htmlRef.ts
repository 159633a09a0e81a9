// A transcript or file ref in the HTML report: code text, or a link to it when the caller (a
// webview) makes one and its scheme is safe (htmlEscape.safeHref).

import { escapeHtml, safeHref } from './htmlEscape';

/** A transcript path or repo file ("roles/x/README.md:12") → the href that opens it, or none. */
export type RefLink = (ref: string) => string | undefined;

export function refHtml(ref: string, link: RefLink | undefined): string {
  const href = safeHref(link?.(ref));
  return href ? `<a href="${href}"><code>${escapeHtml(ref)}</code></a>` : `<code>${escapeHtml(ref)}</code>`;
}
