// Where Certify itself is installed: the lab runs `dist/lab.js` from it, and up reads the
// example repo from it when no repo is named. Found from this file's folder (dist/ in the
// bundles, src/lab/control/ under tsx), so it works from a checkout and from a package.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'certify') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find Certify's package.json above ${from}`);
  }
}

export function defaultLabScript(): string {
  return path.join(packageRoot(), 'dist/lab.js');
}

export function defaultLabRepo(): string {
  return path.join(packageRoot(), 'examples/homelab');
}

/**
 * The node binary that runs dist/lab.js. Under the CLI it is this process's own; inside the
 * editor, process.execPath is Electron's, so the `node` on the PATH is used instead.
 */
export function nodeExecutable(): string {
  if (process.versions.electron === undefined) return process.execPath;
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const candidate = path.join(dir, 'node');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  throw new Error('no `node` on the PATH: the lab runs its programs with Node.js 20 or later');
}
