// How Certify hooks its results callback (resources/ansible/callback_plugins/certify_result.py)
// into the user's ansible-playbook runs: where the plugin lives in a checkout, a bundle or an
// installed package, and the environment that enables it without disabling what the repo's
// ansible.cfg or the user's environment already enable.

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ansibleHome, findAnsibleConfig, homeOf, listSetting, pathSpecSetting, readAnsibleConfig } from './ansibleConfig';
import type { Environment, PathContext } from './ansiblePaths';

export const CALLBACK_NAME = 'certify_result';
const PLUGIN_FOLDER = path.join('resources', 'ansible', 'callback_plugins');
const PLUGIN_FILE = `${CALLBACK_NAME}.py`;

/**
 * The folder holding certify_result.py: walks up from this file's folder (src/run/ansible under
 * tsx, dist/ in the bundles and in an installed package, where resources/ sits beside dist/).
 */
export function callbackPluginDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, PLUGIN_FOLDER);
    if (existsSync(path.join(candidate, PLUGIN_FILE))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`Certify's Ansible callback (${path.join(PLUGIN_FOLDER, PLUGIN_FILE)}) is missing from its installation above ${from}: reinstall Certify`);
    }
  }
}

export interface AnsibleResultEnvOptions {
  /** The environment ansible-playbook inherits (default: this process's). */
  readonly env?: Environment;
  /** The plugin folder (default: callbackPluginDir()). */
  readonly pluginDir?: string;
  /** Ansible's last-resort config file (default /etc/ansible/ansible.cfg). */
  readonly systemConfig?: string;
}

/**
 * What to add to the environment of an ansible-playbook run in `repoRoot` so that it writes its
 * results to `resultFile` and keeps its colours. Give each run a file of its own: a run that
 * stops before the play recap writes none, and must not be judged by an earlier run's.
 */
export async function ansibleResultEnv(repoRoot: string, resultFile: string, options: AnsibleResultEnvOptions = {}): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const cwd = path.resolve(repoRoot);
  const context: PathContext = { env, home: homeOf(env), cwd };
  const config = await readAnsibleConfig(findAnsibleConfig(context, options.systemConfig));
  const pluginDir = options.pluginDir ?? callbackPluginDir();

  const pluginDirs = pathSpecSetting(config, context, 'ANSIBLE_CALLBACK_PLUGINS', 'callback_plugins', () => {
    const home = ansibleHome(config, context);
    return [path.join(home, 'plugins', 'callback'), '/usr/share/ansible/plugins/callback'];
  });
  // The deprecated names come first: Ansible lets the later, current name win when both are set.
  const enabled = listSetting(config, env, ['ANSIBLE_CALLBACK_WHITELIST', 'ANSIBLE_CALLBACKS_ENABLED'], ['callback_whitelist', 'callbacks_enabled']);

  return {
    ANSIBLE_CALLBACK_PLUGINS: unique([pluginDir, ...pluginDirs]).join(path.delimiter),
    ANSIBLE_CALLBACKS_ENABLED: unique([...enabled, CALLBACK_NAME]).join(','),
    CERTIFY_ANSIBLE_RESULT: path.resolve(cwd, resultFile),
    ANSIBLE_FORCE_COLOR: '1',
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
