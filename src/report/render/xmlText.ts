// Text made safe for XML 1.0 (the JUnit report): characters XML forbids (most C0 controls, lone
// surrogates, U+FFFE/U+FFFF) are dropped, since no escape can carry them, and the rest is
// escaped; carriage returns (and, in attributes, tabs and line feeds) become character
// references, so parsers neither fold them into spaces nor drop them.

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = { ...TEXT_ENTITIES, '\t': '&#9;', '\n': '&#10;' };

export function xmlText(value: unknown): string {
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/[&<>"'\r]/g, (char) => TEXT_ENTITIES[char]);
}

export function xmlAttribute(value: unknown): string {
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ENTITIES[char]);
}
