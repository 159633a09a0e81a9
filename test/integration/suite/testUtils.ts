// Helpers shared by the integration tests: waiting for a condition with a deadline (never a
// fixed sleep), and the parts of Certify's public API and tree items the tests read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'certify.certify';
/** The example repo's workspace folder (test/integration/codeServer.mjs prepareTestWorkspace). */
export const EXAMPLE_FOLDER = 'homelab';
export const EXAMPLE_SERVICES = ['gitea', 'monitoring', 'nextcloud', 'notes', 'postgresql', 'vaultwarden'];

/** What Certify's activate() returns (the contract the extension implements). */
export interface CertifyApi {
  ready: Promise<void>;
  servicesTree: vscode.TreeDataProvider<unknown>;
  repos: {
    onDidChange: vscode.Event<unknown>;
    /** Folder URIs (strings) of the open repos and of those still opening. */
    folders(): { open: string[]; opening: string[] };
    undisposed(): number;
    settled(): Promise<void>;
  };
  /** The value last given to the `certify.hasServices` context key. */
  hasServices(): boolean | undefined;
}

/** The example repo's folder; not the first folder, which the tests never change. */
export function exampleFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === EXAMPLE_FOLDER);
  assert.ok(folder, `no workspace folder named ${EXAMPLE_FOLDER}`);
  return folder;
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or throws after
 * `timeoutMs` with `what` and the last error the probe threw.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Rejects if `promise` has not settled within `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The extension, once VS Code has activated it by itself (by its activation events). */
export async function activeExtension(timeoutMs = 30_000): Promise<vscode.Extension<CertifyApi>> {
  const ext = await waitFor(`extension ${EXTENSION_ID} to be installed`, () =>
    vscode.extensions.getExtension<CertifyApi>(EXTENSION_ID), timeoutMs);
  await waitFor(`extension ${EXTENSION_ID} to activate on the workspace`, () => ext.isActive, timeoutMs);
  return ext;
}

export function labelText(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : label?.label ?? '';
}

export function descriptionText(item: vscode.TreeItem): string {
  return typeof item.description === 'string' ? item.description : '';
}

/** The top-level tree items of a TreeDataProvider, as VS Code would render them. */
export async function topLevelItems(tree: vscode.TreeDataProvider<unknown>): Promise<vscode.TreeItem[]> {
  const elements = (await tree.getChildren(undefined)) ?? [];
  return Promise.all(elements.map(async (element) => await tree.getTreeItem(element)));
}
