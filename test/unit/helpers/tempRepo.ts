// Builds throwaway infrastructure repos for tests, from a map of path → content.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

export async function makeRepo(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-test-'));
  made.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return root;
}

/** A copy of a folder (e.g. the example repo), so tests never write into the source tree. */
export async function copyRepo(source: string): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-copy-'));
  made.push(root);
  await fs.cp(source, root, { recursive: true });
  return root;
}

export const EXAMPLE_REPO = path.resolve(__dirname, '../../../examples/homelab');
