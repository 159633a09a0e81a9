// Reads the HTML report the way a browser does (parse5, the HTML standard's parser) and lists
// what it would build: every element with its attributes, and the page's text. The tests hold
// that list to what the report may contain, so markup smuggled in a value cannot hide in a regex.

import { parse } from 'parse5';

export interface HtmlElement {
  tag: string;
  /** 'svg' for elements inside the chart, 'html' otherwise. */
  space: 'html' | 'svg';
  attributes: Record<string, string>;
  /** The parent's tag: where the element sits. */
  parent: string;
}

export interface ParsedPage {
  elements: HtmlElement[];
  /** Every text node, in document order (style sheet text excluded). */
  texts: string[];
}

interface Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  value?: string;
  content?: Node;
}

export function parseHtml(html: string): ParsedPage {
  const page: ParsedPage = { elements: [], texts: [] };
  const walk = (node: Node, parent: string): void => {
    if (node.nodeName === '#text') {
      if (parent !== 'style') page.texts.push(node.value ?? '');
      return;
    }
    if (node.tagName !== undefined) {
      page.elements.push({
        tag: node.tagName,
        space: node.namespaceURI === 'http://www.w3.org/2000/svg' ? 'svg' : 'html',
        attributes: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])),
        parent,
      });
    }
    for (const child of node.childNodes ?? []) walk(child, node.tagName ?? parent);
    if (node.content) walk(node.content, node.tagName ?? parent);
  };
  walk(parse(html) as unknown as Node, '#document');
  return page;
}

/** Everything the report draws with; anything else in a parsed page came from a value. */
export const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'footer', 'section',
  'h1', 'h2', 'h3', 'p', 'span', 'strong', 'code', 'br', 'a',
  'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
  'svg', 'desc', 'g', 'line', 'polyline', 'circle', 'text',
]);
