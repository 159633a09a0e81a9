// The one way text reaches the HTML report: display-safe first (control and direction
// characters shown as visible escapes, credentials in URLs masked), then every character HTML
// gives meaning to as an entity — so no value, in text or in an attribute, can open markup.
// Links are allowed only to the schemes a webview or a browser opens without running anything.

import { displayText } from '../../core/displayText';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return displayText(value).replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/**
 * Schemes a link may use: the editor's command links, files, and the web. Anything else —
 * `javascript:`, `data:`, a scheme hidden behind whitespace or control characters — is no link.
 */
const SAFE_HREF = /^(?:command:|vscode:|file:|https?:)[^\s\u0000-\u001f\u007f-\u009f]*$/i;

/** The href as an attribute value, or undefined when it must not be a link. */
export function safeHref(href: string | undefined): string | undefined {
  return href !== undefined && SAFE_HREF.test(href) ? escapeHtml(href) : undefined;
}
