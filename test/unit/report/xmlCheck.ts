// A strict XML 1.0 well-formedness check for the tests, returning the element tree: one root,
// tags that nest and match, quoted attributes without `<` or a bare `&`, unique attribute names,
// only the five named entities and character references to allowed characters, no `]]>` in text,
// no DOCTYPE, and every character one XML 1.0 allows. Throws, naming the offset, at the first fault.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0's Char production. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(source: string): XmlElement {
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i) as number;
    // A lone surrogate reads as its own code point, which isXmlChar refuses.
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML 1.0 (offset ${i})`);
    i += code > 0xffff ? 2 : 1;
  }
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${pos}: ${JSON.stringify(source.slice(pos, pos + 40))}`);
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = pos;
    SPACE.exec(source);
    pos = SPACE.lastIndex;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (!match) return fail('expected a name');
    pos = NAME.lastIndex;
    return match[0];
  };
  const reference = (): string => {
    const end = source.indexOf(';', pos);
    if (end < 0) return fail('unterminated reference');
    const body = source.slice(pos + 1, end);
    let value: string | undefined;
    if (/^#[0-9]+$/.test(body) || /^#x[0-9a-fA-F]+$/.test(body)) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!isXmlChar(code)) return fail(`character reference to a character XML forbids (${body})`);
      value = String.fromCodePoint(code);
    } else {
      value = ENTITIES[body];
    }
    if (value === undefined) return fail(`unknown entity &${body};`);
    pos = end + 1;
    return value;
  };
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos + 4);
        if (end < 0) fail('unterminated comment');
        if (source.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
        pos = end + 3;
      } else if (source.startsWith('<?', pos) && !source.startsWith('<?xml', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[pos] !== '<') fail('expected an element');
    pos += 1;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return node;
      }
      if (source[pos] === '>') {
        pos += 1;
        break;
      }
      if (pos === before) fail('expected a space before an attribute');
      const key = name();
      if (key in node.attributes) fail(`duplicate attribute ${key}`);
      skipSpace();
      if (source[pos] !== '=') fail('expected =');
      pos += 1;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      pos += 1;
      let value = '';
      while (source[pos] !== quote) {
        if (pos >= source.length) fail('unterminated attribute value');
        if (source[pos] === '<') fail('"<" in an attribute value');
        if (source[pos] === '&') value += reference();
        else value += source[pos++];
      }
      pos += 1;
      node.attributes[key] = value;
    }
    for (;;) {
      if (pos >= source.length) fail(`unclosed element <${node.name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[pos] !== '>') fail('expected >');
        pos += 1;
        return node;
      }
      if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        node.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith('<!--', pos) || source.startsWith('<?', pos)) {
        misc();
      } else if (source[pos] === '<') {
        node.children.push(element());
      } else if (source[pos] === '&') {
        node.text += reference();
      } else {
        if (source.startsWith(']]>', pos)) fail('"]]>" in text');
        node.text += source[pos++];
      }
    }
  };

  if (source.startsWith('<?xml', 0)) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    if (!/^<\?xml\s+version="1\.0"(\s+encoding="UTF-8")?\s*\?>$/.test(source.slice(0, end + 2))) fail('unexpected XML declaration');
    pos = end + 2;
  }
  misc();
  if (source.startsWith('<!DOCTYPE', pos)) fail('a DOCTYPE');
  const root = element();
  misc();
  if (pos !== source.length) fail('content after the root element');
  return root;
}

/** Every element of the tree named `name`, depth first. */
export function elementsNamed(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    if (node.name === name) found.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  return found;
}
