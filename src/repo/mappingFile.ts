// Certify's own YAML files (certify.yml, services/<name>.yml) read as a mapping for the step
// engine and the CLI: through the repo's guarded paths (never a FIFO, a device, a link out of the
// repo or a file past the size limit) and parsed as Certify parses them (YAML 1.2). A file that is
// missing, refused, broken or not a mapping reads as nothing: validation says why, where it is.

import { readChecked } from './checkedRead';
import type { ReadOutcome } from './fileProblems';
import { SETTINGS_FILES } from './layout';
import { RepoPaths } from './repoPaths';
import { parseYaml } from '../yaml/parse';

export type YamlMapping = Record<string, unknown>;

/** The mapping in the repo file `relative`, or {} (missing, refused, broken, not a mapping). */
export async function readMappingFile(root: string, relative: string): Promise<YamlMapping> {
  return mappingFrom(relative, await readChecked(new RepoPaths(root), relative));
}

/** The repo's settings: the first of certify.yml / certify.yaml that exists, as a mapping ({} when none). */
export async function readSettings(root: string): Promise<YamlMapping> {
  const paths = new RepoPaths(root);
  for (const file of SETTINGS_FILES) {
    const read = await readChecked(paths, file);
    if (read.kind !== 'absent') return mappingFrom(file, read);
  }
  return {};
}

function mappingFrom(file: string, read: ReadOutcome): YamlMapping {
  if (read.kind !== 'text') return {};
  const parsed = parseYaml(file, read.text, '1.2');
  if (parsed.findings.some((finding) => finding.severity === 'error')) return {};
  const value = parsed.documents[0];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as YamlMapping) : {};
}
