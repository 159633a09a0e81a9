// The repo's parse cache: each file parsed once per text, in the dialect the layout gives it,
// shared by discovery, validation and static checks, so an edit re-parses only what changed.

import { parseYamlLazy } from '../yaml/fastReader';
import { parseYaml, type ParsedYaml } from '../yaml/parse';
import { isIniInventory, isPlaybook, isRoleDefaultsMain, definitionService, yamlDialectOf } from './layout';

/** Parses each file once per text; callers that keep a cache across updates pass their own. */
export type YamlCache = Map<string, { text: string; parsed: ParsedYaml }>;

/** Parses each text into `cache` as it is read, so parsing overlaps the reads still in flight. */
export function parseInto(cache: YamlCache): (file: string, text: string) => void {
  return (file, text) => void parseCached(cache, file, text);
}

/** The parse of `text` as `file`, from the cache when the text is unchanged. */
export function parseCached(cache: YamlCache, file: string, text: string): ParsedYaml {
  let hit = cache.get(file);
  if (!hit || hit.text !== text) {
    const dialect = yamlDialectOf(file);
    // Discovery reads role defaults' top-level entries, playbooks' roles and definitions' fields:
    // the fast reader gives them, and the full AST of those files is built only when a check asks for it.
    const parsed = isIniInventory(file) ? notYaml(file) : readByDiscovery(file) ? parseYamlLazy(file, text, dialect) : parseYaml(file, text, dialect);
    hit = { text, parsed };
    cache.set(file, hit);
  }
  return hit.parsed;
}

function readByDiscovery(file: string): boolean {
  return isRoleDefaultsMain(file) || isPlaybook(file) || definitionService(file) !== undefined;
}

/**
 * An INI inventory is not YAML: it stands in the cache with no documents and no findings (a new
 * one per text, so memos keyed on it see each edit), and iniInventory.ts reads its text.
 */
function notYaml(file: string): ParsedYaml {
  return { file, documents: [], entries: new Map(), findings: [], locate: () => ({ file, line: 1 }) };
}
