// Path handling copied from Ansible's config manager (resolve_path → unfrackpath): `{{CWD}}`,
// $VARS, ~, then relative paths taken from a base folder. Certify moves paths from ansible.cfg
// into environment variables, where Ansible would read them relative to another folder, so it
// must resolve them first, exactly as Ansible would have.

import * as path from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Python's os.path.expandvars on POSIX: $NAME and ${NAME}; unknown names stay as written. */
export function expandVars(text: string, env: Environment): string {
  return text.replace(/\$([A-Za-z0-9_]+|\{[^}]*\})/g, (whole, name: string) => {
    const bare = name.startsWith('{') ? name.slice(1, -1) : name;
    return env[bare] ?? whole;
  });
}

/** Python's os.path.expanduser for `~` and `~/…`; `~user` is left for Ansible to expand itself. */
export function expandHome(text: string, home: string): string {
  if (text === '~') return home;
  if (text.startsWith('~/')) return path.join(home, text.slice(2));
  return text;
}

export interface PathContext {
  readonly env: Environment;
  readonly home: string;
  /** The folder Ansible runs in (what `{{CWD}}` means). */
  readonly cwd: string;
}

/** Ansible's resolve_path: relative paths are taken from `baseDir` (a config file's folder, or the cwd). */
export function resolveAnsiblePath(value: string, baseDir: string, context: PathContext): string {
  const expanded = expandHome(expandVars(value.replaceAll('{{CWD}}', context.cwd), context.env), context.home);
  if (expanded.startsWith('~')) return expanded;
  return path.resolve(baseDir, expanded);
}

/** A `pathspec` setting (colon-separated), each part resolved as Ansible does. */
export function resolvePathSpec(value: string, baseDir: string, context: PathContext): string[] {
  return value.split(path.delimiter).map((part) => resolveAnsiblePath(part, baseDir, context));
}
