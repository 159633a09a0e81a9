// The defaults of backup_infrastructure / restore_infrastructure as the rules need them: the
// Docker volume entries, the PostgreSQL server and databases, with the YAML node of every value
// so a finding can mark exactly the value that is wrong.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { BACKUP_ROLE, RESTORE_ROLE } from '../../repo/layout';
import { isTemplate, resolveTemplate } from '../../repo/jinja';
import { VarScope } from '../../repo/varScope';
import type { ConsistencyContext } from './context';
import type { MapEntry } from './dataMaps';
import type { Service } from '../../core/service';
import type { DirectoryLoop } from './restoreLoop';

export type Side = 'backup' | 'restore';

/** A scalar value with its node; `value` is resolved when it was a plain `{{ var }}` template. */
export interface Located<T> {
  value: T;
  node: Node;
  /** False when the text is a template Certify cannot evaluate: compare nothing then. */
  resolved: boolean;
}

export interface DockerEntry {
  item: YAMLMap;
  name?: Located<string>;
  containerId?: Located<number | string>;
  volumes: Located<string>[];
  volumesNode?: Node;
  /** The `volumes` key, where a finding about a volume missing from the list stands. */
  volumesKey?: Node;
}

export interface BackupSide {
  side: Side;
  role: string;
  /** Repo-relative defaults file; undefined when the role or its defaults are missing. */
  file?: string;
  /** The file exists but does not parse: rules that compare it say nothing until it does. */
  broken: boolean;
  /** Top-level entries of the defaults: key node and value node by variable name. */
  pairs: Map<string, Pair<Node, Node | null>>;
  docker: DockerEntry[];
  postgresContainerId?: Located<number | string>;
  databases: Located<string>[];
  /** Scalar top-level values by variable name (for comparing backup_x with restore_x). */
  scalars: Map<string, Located<string>>;
  /** Entries of maps keyed by service name or container id (dataMaps.ts; filled by checkConsistency). */
  maps: MapEntry[];
  /** The services those entries name (by id, else by name), looked up once for every rule. */
  mapped: Set<Service>;
  /** The restore role's loop over the backup directory, when its tasks have one (restoreLoop.ts). */
  loop?: DirectoryLoop;
}

const ROLE_OF: Record<Side, string> = { backup: BACKUP_ROLE, restore: RESTORE_ROLE };

export function readBackupSide(ctx: ConsistencyContext, side: Side): BackupSide {
  const role = ROLE_OF[side];
  const file = ctx.roleDefaultsFile(role);
  const parsed = file ? ctx.parsed(file) : undefined;
  const broken = parsed !== undefined && parsed.findings.length > 0;
  const result: BackupSide = { side, role, file, broken, pairs: new Map(), docker: [], databases: [], scalars: new Map(), maps: [], mapped: new Set() };
  const root = parsed?.ast?.contents;
  if (!parsed || broken || !isMap(root)) return result;
  // group_vars are gathered only when a value is a template (rare here), as Ansible would resolve it.
  let scope: VarScope | undefined;
  const lookup = (name: string): unknown => (scope ??= new VarScope(parsed.entries, ctx.groupVars())).lookup(name);
  const scalar = (node: unknown): Located<string> | undefined => locatedScalar(node, lookup);

  for (const pair of root.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    result.pairs.set(name, pair);
    const value = scalar(pair.value);
    if (value) result.scalars.set(name, value);
  }

  const docker = result.pairs.get(`${side}_docker_containers`)?.value;
  if (isSeq(docker)) {
    for (const item of docker.items) {
      if (!isMap(item)) continue;
      const volumesPair = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'volumes');
      const volumesNode = (volumesPair?.value as Node | null | undefined) ?? undefined;
      result.docker.push({
        item,
        name: scalar(item.get('name', true)),
        containerId: numeric(scalar(item.get('container_id', true) ?? item.get('vmid', true))),
        volumes: isSeq(volumesNode) ? volumesNode.items.map(scalar).filter((v): v is Located<string> => v !== undefined) : [],
        volumesNode,
        volumesKey: volumesPair?.key as Node | undefined,
      });
    }
  }
  result.postgresContainerId = numeric(result.scalars.get(`${side}_postgresql_container_id`));
  const databases = result.pairs.get(`${side}_postgresql_databases`)?.value;
  if (isSeq(databases)) for (const item of databases.items) pushDefined(result.databases, scalar(item));
  return result;
}

/** A string or number scalar, its plain templates resolved from the role's scope. */
function locatedScalar(node: unknown, lookup: (name: string) => unknown): Located<string> | undefined {
  if (!isScalar(node)) return undefined;
  const raw = node.value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw);
  if (!isTemplate(text)) return { value: text, node, resolved: true };
  const resolution = resolveTemplate(text, lookup);
  return resolution.resolved ? { value: resolution.value, node, resolved: true } : { value: text, node, resolved: false };
}

/** A container id as a number when it reads as one; otherwise kept as text (compared as written). */
function numeric(located: Located<string> | undefined): Located<number | string> | undefined {
  if (!located) return undefined;
  const number = Number(located.value);
  return located.resolved && located.value.trim() !== '' && Number.isFinite(number) ? { ...located, value: number } : located;
}

function pushDefined<T>(list: T[], value: T | undefined): void {
  if (value !== undefined) list.push(value);
}

/** `a` equals `b` or lies below it, as paths ("/opt/x/data" is under "/opt/x"). */
export function isUnder(path: string, parent: string): boolean {
  const clean = (p: string): string => p.replace(/\/+$/, '') || '/';
  const child = clean(path);
  const base = clean(parent);
  return child === base || child.startsWith(base === '/' ? '/' : `${base}/`);
}

/** How a service is named in variables and entries: its name, dashes as underscores. */
export function serviceToken(name: string): string {
  return name.replace(/-/g, '_').toLowerCase();
}
