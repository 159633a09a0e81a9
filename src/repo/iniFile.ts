// Reads ansible.cfg the way Ansible does: Python's configparser with `;` also allowed as an
// inline comment, values fetched raw (no %(interpolation)s). Certify only needs a few keys, but
// must see them exactly as Ansible would, or it would drop callbacks the repo enables.
//
// Where configparser refuses a file (a line that is no option, a duplicate key), Ansible stops
// before running anything and says why; this reader skips the line instead (the last duplicate
// wins), so it never fails a run that Ansible itself would have explained better.

export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

const DEFAULT_SECTION = 'DEFAULT';
// configparser's SECTCRE and OPTCRE (delimiters `=` and `:`; the first one on the line wins).
const SECTION_HEADER = /^\[(?<header>.+)\]/;
const OPTION_LINE = /^(?<option>.*?)\s*[=:]\s*(?<value>.*)$/;

export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, string[]>>();
  let section: Map<string, string[]> | undefined;
  let option: string | undefined;
  let indentLevel = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const commentStart = commentStartOf(line);
    const value = (commentStart === undefined ? line : line.slice(0, commentStart)).trim();
    if (value === '') {
      // An empty line inside a value is kept (configparser's empty_lines_in_values); a comment line is not.
      if (commentStart === undefined && section !== undefined && option !== undefined) section.get(option)?.push('');
      continue;
    }
    const indent = /\S/.exec(line)?.index ?? 0;
    if (section !== undefined && option !== undefined && indent > indentLevel) {
      section.get(option)?.push(value);
      continue;
    }
    indentLevel = indent;
    const header = SECTION_HEADER.exec(value)?.groups?.header;
    if (header !== undefined) {
      section = sections.get(header) ?? new Map<string, string[]>();
      sections.set(header, section);
      option = undefined;
      continue;
    }
    const parsed = section === undefined ? undefined : OPTION_LINE.exec(value)?.groups;
    if (section === undefined || parsed === undefined || parsed.option === undefined || parsed.option.trimEnd() === '') {
      option = undefined;
      continue;
    }
    option = parsed.option.trimEnd().toLowerCase();
    section.set(option, [(parsed.value ?? '').trim()]);
  }
  return new Map([...sections].map(([name, options]) => [name, new Map([...options].map(([key, lines]) => [key, lines.join('\n').trimEnd()]))]));
}

/** configparser's `get(section, key, raw=True)`: the section's own value, else [DEFAULT]'s; none without the section. */
export function iniValue(sections: IniSections, section: string, key: string): string | undefined {
  const own = sections.get(section);
  if (own === undefined) return undefined;
  return own.get(key.toLowerCase()) ?? sections.get(DEFAULT_SECTION)?.get(key.toLowerCase());
}

/**
 * Where a comment starts: a line whose first non-blank is `#` or `;` is all comment; otherwise a
 * `;` at the start or after whitespace starts an inline comment (`#` never does, as in Ansible).
 */
function commentStartOf(line: string): number | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('#') || trimmed.startsWith(';')) return 0;
  for (let index = line.indexOf(';'); index !== -1; index = line.indexOf(';', index + 1)) {
    if (index === 0 || /\s/.test(line[index - 1] ?? '')) return index;
  }
  return undefined;
}
