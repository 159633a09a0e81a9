// Enabling Certify's callback without disabling anyone else's: for each way a repo or a user
// configures callbacks, `ansible-config dump` (Ansible's own reading) must show Certify's
// plugin folder first and certify_result last, with everything it showed before in between.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';

import { ansibleResultEnv, callbackPluginDir } from '../../../../src/run/ansible/callbackPlugin';
import { makeRepo } from '../../helpers/tempRepo';
import { isolatedEnv } from './playbookRun';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const PLUGIN_DIR = path.join(REPO_ROOT, 'resources/ansible/callback_plugins');

interface AnsibleView {
  readonly configFile: string | null;
  readonly pluginPath: string[];
  readonly enabled: string[];
}

/** What Ansible itself makes of the configuration, for a run in `cwd` with `env`. */
async function ansibleView(cwd: string, env: Record<string, string>): Promise<AnsibleView> {
  const { stdout } = await run('ansible-config', ['dump', '--format', 'json'], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  const settings = new Map((JSON.parse(stdout) as { name: string; value: unknown }[]).map((setting) => [setting.name, setting.value]));
  return {
    configFile: (settings.get('CONFIG_FILE') as string | null) ?? null,
    pluginPath: settings.get('DEFAULT_CALLBACK_PLUGIN_PATH') as string[],
    enabled: settings.get('CALLBACKS_ENABLED') as string[],
  };
}

interface Scenario {
  readonly files: Record<string, string>;
  /** Inherited variables; `<repo>` stands for the repo's folder. */
  readonly env?: Record<string, string>;
  /** Folder the run happens in, relative to the temp folder (default: the temp folder itself). */
  readonly repo?: string;
  readonly worldWritable?: boolean;
  /** What Ansible must report before Certify adds anything, to be sure the scenario is the one meant. */
  readonly before: { enabled: string[]; pluginPath?: (root: string) => string[] };
}

const SCENARIOS: Record<string, Scenario> = {
  'no configuration at all': {
    files: {},
    before: { enabled: [], pluginPath: (root) => [path.join(root, '.home/.ansible/plugins/callback'), '/usr/share/ansible/plugins/callback'] },
  },
  "the repo's callbacks_enabled and relative callback_plugins": {
    files: { 'ansible.cfg': '[defaults]\ncallbacks_enabled = profile_tasks, timer ; team timings\ncallback_plugins = plugins/callback:$EXTRA/more:~/mine\n' },
    env: { EXTRA: '/opt/extra' },
    before: { enabled: ['profile_tasks', 'timer'], pluginPath: (root) => [path.join(root, 'plugins/callback'), '/opt/extra/more', path.join(root, '.home/mine')] },
  },
  'the legacy callback_whitelist': {
    files: { 'ansible.cfg': '[defaults]\ncallback_whitelist = junit\n' },
    before: { enabled: ['junit'] },
  },
  'both ini keys (callbacks_enabled wins)': {
    files: { 'ansible.cfg': '[defaults]\ncallbacks_enabled = timer\ncallback_whitelist = junit\n' },
    before: { enabled: ['timer'] },
  },
  'an inherited ANSIBLE_CALLBACKS_ENABLED overriding the ini': {
    files: { 'ansible.cfg': '[defaults]\ncallbacks_enabled = timer\n' },
    env: { ANSIBLE_CALLBACKS_ENABLED: 'profile_roles,"junit"' },
    before: { enabled: ['profile_roles', 'junit'] },
  },
  'an inherited legacy ANSIBLE_CALLBACK_WHITELIST': {
    files: {},
    env: { ANSIBLE_CALLBACK_WHITELIST: 'timer' },
    before: { enabled: ['timer'] },
  },
  'both inherited names (ANSIBLE_CALLBACKS_ENABLED wins)': {
    files: {},
    env: { ANSIBLE_CALLBACKS_ENABLED: 'junit', ANSIBLE_CALLBACK_WHITELIST: 'timer' },
    before: { enabled: ['junit'] },
  },
  'an inherited relative ANSIBLE_CALLBACK_PLUGINS overriding the ini': {
    files: { 'ansible.cfg': '[defaults]\ncallback_plugins = from_ini\n' },
    env: { ANSIBLE_CALLBACK_PLUGINS: 'from_env:/abs/plugins' },
    before: { enabled: [], pluginPath: (root) => [path.join(root, 'from_env'), '/abs/plugins'] },
  },
  'ANSIBLE_CONFIG naming a file elsewhere (its paths relative to its folder)': {
    files: { 'elsewhere/team.cfg': '[defaults]\ncallbacks_enabled = timer\ncallback_plugins = cb\n', 'ansible.cfg': '[defaults]\ncallbacks_enabled = ignored\n' },
    env: { ANSIBLE_CONFIG: 'elsewhere/team.cfg' },
    before: { enabled: ['timer'], pluginPath: (root) => [path.join(root, 'elsewhere/cb')] },
  },
  'ANSIBLE_CONFIG naming a folder': {
    files: { 'elsewhere/ansible.cfg': '[defaults]\ncallbacks_enabled = junit\n' },
    env: { ANSIBLE_CONFIG: '<repo>/elsewhere' },
    before: { enabled: ['junit'] },
  },
  "~/.ansible.cfg when the repo has none, and ANSIBLE_HOME from it": {
    files: { '.home/.ansible.cfg': '[defaults]\ncallbacks_enabled = timer\nhome = ~/own-ansible-home\n' },
    before: { enabled: ['timer'], pluginPath: (root) => [path.join(root, '.home/own-ansible-home/plugins/callback'), '/usr/share/ansible/plugins/callback'] },
  },
  "a world-writable repo folder, whose ansible.cfg Ansible ignores": {
    files: { 'repo/ansible.cfg': '[defaults]\ncallbacks_enabled = ignored\n', '.home/.ansible.cfg': '[defaults]\ncallbacks_enabled = from_home\n' },
    repo: 'repo',
    worldWritable: true,
    before: { enabled: ['from_home'] },
  },
  'certify_result already enabled by the repo': {
    files: { 'ansible.cfg': `[defaults]\ncallbacks_enabled = certify_result, timer\ncallback_plugins = ${PLUGIN_DIR}\n` },
    before: { enabled: ['certify_result', 'timer'], pluginPath: () => [PLUGIN_DIR] },
  },
};

describe('ansibleResultEnv, read back by Ansible itself', { concurrency: 4 }, () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    test(name, async () => {
      const root = await makeRepo(scenario.files);
      const repo = path.join(root, scenario.repo ?? '');
      await fs.mkdir(repo, { recursive: true });
      if (scenario.worldWritable) await fs.chmod(repo, 0o777);
      const inherited = { ...(await isolatedEnv(root)), ...substitute(scenario.env ?? {}, repo) };

      const before = await ansibleView(repo, inherited);
      assert.deepEqual(before.enabled, scenario.before.enabled);
      if (scenario.before.pluginPath) assert.deepEqual(before.pluginPath, scenario.before.pluginPath(root));

      const added = await ansibleResultEnv(repo, 'results/run.json', { env: inherited });
      const after = await ansibleView(repo, { ...inherited, ...added });
      assert.equal(after.configFile, before.configFile);
      assert.deepEqual(after.pluginPath, before.pluginPath.includes(PLUGIN_DIR) ? before.pluginPath : [PLUGIN_DIR, ...before.pluginPath]);
      assert.deepEqual(after.enabled, before.enabled.includes('certify_result') ? before.enabled : [...before.enabled, 'certify_result']);
      assert.equal(added.CERTIFY_ANSIBLE_RESULT, path.join(repo, 'results/run.json'));
      assert.equal(added.ANSIBLE_FORCE_COLOR, '1');
    });
  }
});

describe('callbackPluginDir', () => {
  test('finds the plugin from the source tree', () => {
    assert.equal(callbackPluginDir(), PLUGIN_DIR);
  });

  test("finds it beside dist/ in an installed package, from the bundle's folder", async () => {
    const root = await makeRepo({ 'extension/dist/extension.js': '', 'extension/resources/ansible/callback_plugins/certify_result.py': '# plugin\n' });
    assert.equal(callbackPluginDir(path.join(root, 'extension/dist')), path.join(root, 'extension/resources/ansible/callback_plugins'));
  });

  test('says what is missing when the installation lacks it', async () => {
    const root = await makeRepo({ 'extension/dist/extension.js': '', 'extension/resources/ansible/callback_plugins/other.py': '' });
    assert.throws(() => callbackPluginDir(path.join(root, 'extension/dist')), /callback_plugins\/certify_result\.py\) is missing from its installation above .*: reinstall Certify/);
  });
});

function substitute(env: Record<string, string>, repo: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replaceAll('<repo>', repo)]));
}
