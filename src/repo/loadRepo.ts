// Reads a repo once for a one-shot front end (the CLI): the services it defines, or the
// discovery snapshot, the model and every text validation needs.

import type { Finding } from '../core/findings';
import type { RepoModel } from '../core/service';
import { buildRepoModel } from './discovery';
import { parseInto, type YamlCache } from './parseCache';
import { readRepoSnapshot, type RepoSnapshot } from './snapshot';
import { readValidationTexts } from './validationTexts';

export interface LoadedRepo {
  snapshot: RepoSnapshot;
  model: RepoModel;
  texts: Map<string, string>;
  readFindings: Finding[];
  cache: YamlCache;
}

/** The services of the repo at `root`: one read, then discovery. */
export async function discoverRepo(root: string): Promise<RepoModel> {
  const cache: YamlCache = new Map();
  return buildRepoModel(await readRepoSnapshot(root, { onText: parseInto(cache) }), cache);
}

export async function loadRepoForValidation(root: string): Promise<LoadedRepo> {
  const cache: YamlCache = new Map();
  const snapshot = await readRepoSnapshot(root, { onText: parseInto(cache) });
  const model = buildRepoModel(snapshot, cache);
  const { texts, findings } = await readValidationTexts(snapshot);
  return { snapshot, model, texts, readFindings: findings, cache };
}
