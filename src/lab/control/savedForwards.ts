// The loopback ports a lab was brought up with, kept in its folder, so `status`, `env` and
// `down` of a lab started with other ports than the defaults need not be told them again.

import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { labLayout, type LabLayout, type LabOptions } from '../labLayout';

const FILE = 'forwards.json';

export async function saveForwards(layout: LabLayout): Promise<void> {
  await writeFile(path.join(layout.paths.env, FILE), `${JSON.stringify(layout.forwards)}\n`, { mode: 0o600 });
}

/** The ports saved in `<envDir>`, or undefined when the lab was never brought up there. */
export function savedForwards(envDir: string): { sshPort?: number; apiPort?: number } | undefined {
  try {
    const value = JSON.parse(readFileSync(path.join(envDir, FILE), 'utf8')) as { sshPort?: unknown; apiPort?: unknown };
    const port = (candidate: unknown): number | undefined => (typeof candidate === 'number' && Number.isInteger(candidate) ? candidate : undefined);
    return { sshPort: port(value.sshPort), apiPort: port(value.apiPort) };
  } catch {
    return undefined;
  }
}

/** A lab's layout with the ports it was brought up with, unless `options` names others. */
export function labLayoutAsSaved(options: LabOptions = {}): LabLayout {
  const base = labLayout(options);
  const saved = savedForwards(base.paths.env);
  return labLayout({
    ...options,
    forwards: { sshPort: options.forwards?.sshPort ?? saved?.sshPort, apiPort: options.forwards?.apiPort ?? saved?.apiPort },
  });
}
