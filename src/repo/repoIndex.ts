// A live view of one repo for long-running front ends (the extension): read once, then kept
// current file by file. A change re-reads only that file; the model is rebuilt from cached
// parses and remembered service descriptions, and an edit of one role's defaults re-describes
// only the services applying that role, so an edit never costs a full rescan.

import type { RepoModel } from '../core/service';
import { buildRepoModel, updateForRoleDefaults } from './discovery';
import { isDiscoveryFile, isRoleDefaultsMain, roleOf, SCRIPTS_DIR } from './layout';
import { parseInto, type YamlCache } from './parseCache';
import { RepoPaths } from './repoPaths';
import { listRoleFilesOnce, readInto, readRepoSnapshot, relistRole, relistScripts, type RepoSnapshot } from './snapshot';

export class RepoIndex {
  private current: RepoModel;

  private constructor(
    private readonly snapshot: RepoSnapshot,
    private readonly cache: YamlCache,
  ) {
    this.current = buildRepoModel(snapshot, cache);
  }

  static async open(root: string): Promise<RepoIndex> {
    const cache: YamlCache = new Map();
    return new RepoIndex(await readRepoSnapshot(root, { onText: parseInto(cache) }), cache);
  }

  get root(): string {
    return this.snapshot.root;
  }

  get model(): RepoModel {
    return this.current;
  }

  /** The texts discovery read; validation overlays edited documents on it. */
  get files(): RepoSnapshot {
    return this.snapshot;
  }

  /** Parses by file and text, shared with validation so nothing is parsed twice. */
  get parseCache(): YamlCache {
    return this.cache;
  }

  /**
   * Takes note of a created, changed or deleted file (repo-relative, forward slashes).
   * Returns false when the file does not matter to discovery, so callers can skip a redraw.
   */
  async fileChanged(relative: string): Promise<boolean> {
    const role = roleOf(relative);
    const inScripts = relative.startsWith(`${SCRIPTS_DIR}/`);
    const relevant = isDiscoveryFile(relative) || role !== undefined || inScripts;
    if (!relevant) return false;
    if (role !== undefined) await listRoleFilesOnce(this.snapshot);
    // A role's file list changes only when a file appears or goes; an edit keeps it.
    const listed = role !== undefined && this.snapshot.roleFiles.includes(relative);
    if (role !== undefined && !(listed && (await isRegularFile(this.snapshot.root, relative)))) await relistRole(this.snapshot, role);
    if (inScripts) await relistScripts(this.snapshot);
    const existed = this.snapshot.texts.has(relative);
    if (isDiscoveryFile(relative)) await readInto(this.snapshot, relative);
    // An edit of one role's defaults re-describes only the services applying that role.
    const edited = existed && this.snapshot.texts.has(relative) && isRoleDefaultsMain(relative) && role;
    this.current = (edited && updateForRoleDefaults(this.snapshot, this.cache, this.current, edited)) || buildRepoModel(this.snapshot, this.cache);
    return true;
  }

  /** Re-reads everything: for "Refresh" and for changes too broad to follow (a folder renamed). */
  async rescan(): Promise<void> {
    const fresh = await readRepoSnapshot(this.snapshot.root, { onText: parseInto(this.cache) });
    Object.assign(this.snapshot, fresh);
    this.current = buildRepoModel(this.snapshot, this.cache);
  }
}

/** A regular file inside the repo (through links that stay in it), as the listing would count it. */
async function isRegularFile(root: string, relative: string): Promise<boolean> {
  return (await new RepoPaths(root).file(relative)).kind === 'file';
}
