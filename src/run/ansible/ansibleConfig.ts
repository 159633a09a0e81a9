// The ansible.cfg that Ansible would use for a run in the repo, and the few settings Certify
// must extend rather than replace: an environment variable overrides the ini key entirely, so
// before Certify sets ANSIBLE_CALLBACKS_ENABLED or ANSIBLE_CALLBACK_PLUGINS it has to know
// what the repo (or the user's environment) already says.

import { accessSync, constants, promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { iniValue, parseIni, type IniSections } from '../../repo/iniFile';
import { resolveAnsiblePath, resolvePathSpec, type Environment, type PathContext } from './ansiblePaths';

export interface AnsibleConfig {
  /** The file Ansible would read, or undefined when there is none. */
  readonly file: string | undefined;
  readonly sections: IniSections;
}

/**
 * Ansible's find_ini_config_file for a run whose working folder is `cwd`: ANSIBLE_CONFIG (a
 * folder means its ansible.cfg), ./ansible.cfg unless the folder is world-writable,
 * ~/.ansible.cfg, /etc/ansible/ansible.cfg; the first that exists and can be read.
 */
export function findAnsibleConfig(context: PathContext, systemConfig = '/etc/ansible/ansible.cfg'): string | undefined {
  const candidates: string[] = [];
  const fromEnv = context.env.ANSIBLE_CONFIG;
  if (fromEnv !== undefined) {
    const named = resolveAnsiblePath(fromEnv, context.cwd, context);
    candidates.push(isFolder(named) ? path.join(named, 'ansible.cfg') : named);
  }
  if (!isWorldWritable(context.cwd)) candidates.push(path.join(context.cwd, 'ansible.cfg'));
  candidates.push(path.join(context.home, '.ansible.cfg'), systemConfig);
  return candidates.find(isReadable);
}

/** The chosen file parsed; a file Ansible reads as YAML or refuses (other extensions) gives no settings. */
export async function readAnsibleConfig(file: string | undefined): Promise<AnsibleConfig> {
  if (file === undefined || !['.cfg', '.ini'].includes(path.extname(file))) return { file, sections: new Map() };
  return { file, sections: parseIni(await fs.readFile(file, 'utf8')) };
}

/** A `list` setting: the last environment variable that is set wins over the ini keys, of which the last present wins. */
export function listSetting(config: AnsibleConfig, env: Environment, envNames: readonly string[], iniKeys: readonly string[]): string[] {
  const raw = lastDefined(envNames.map((name) => env[name])) ?? lastDefined(iniKeys.map((key) => iniValue(config.sections, 'defaults', key)));
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => unquote(entry.trim())).filter((entry) => entry !== '');
}

/**
 * A `pathspec` setting resolved to absolute folders: from the environment (relative to the run's
 * folder), else from the config file (relative to the file's folder), else `fallback`.
 */
export function pathSpecSetting(config: AnsibleConfig, context: PathContext, envName: string, iniKey: string, fallback: () => string[]): string[] {
  const fromEnv = context.env[envName];
  if (fromEnv !== undefined) return resolvePathSpec(fromEnv, context.cwd, context);
  const fromIni = iniValue(config.sections, 'defaults', iniKey);
  if (fromIni !== undefined && config.file !== undefined) return resolvePathSpec(fromIni, path.dirname(config.file), context);
  return fallback();
}

/** ANSIBLE_HOME (default ~/.ansible), which the default plugin folders hang from. */
export function ansibleHome(config: AnsibleConfig, context: PathContext): string {
  const fromEnv = context.env.ANSIBLE_HOME;
  if (fromEnv !== undefined) return resolveAnsiblePath(fromEnv, context.cwd, context);
  const fromIni = iniValue(config.sections, 'defaults', 'home');
  if (fromIni !== undefined && config.file !== undefined) return resolveAnsiblePath(fromIni, path.dirname(config.file), context);
  return path.join(context.home, '.ansible');
}

/** The home folder Python's expanduser would use: $HOME, else the account's. */
export function homeOf(env: Environment): string {
  return env.HOME ?? os.userInfo().homedir;
}

function lastDefined(values: readonly (string | undefined)[]): string | undefined {
  return values.filter((value) => value !== undefined).at(-1);
}

/** Ansible's unquote: one pair of matching outer quotes goes. */
function unquote(text: string): string {
  const quoted = text.length > 1 && text[0] === text.at(-1) && (text[0] === '"' || text[0] === "'") && text.at(-2) !== '\\';
  return quoted ? text.slice(1, -1) : text;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    // Nothing there (yet): ANSIBLE_CONFIG then names a file, which the readability check skips.
    return false;
  }
}

function isWorldWritable(folder: string): boolean {
  try {
    return (statSync(folder).mode & constants.S_IWOTH) !== 0;
  } catch {
    // Ansible skips a working folder it cannot stat, as it skips a world-writable one.
    return true;
  }
}

function isReadable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    // Missing or unreadable: Ansible moves on to the next place, and so does Certify.
    return false;
  }
}
