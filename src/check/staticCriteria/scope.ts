// What every static check reads for one service: the repo texts, parses shared with discovery
// (repo.cache) and lint (the lint context's memo), the service's roles split by whether their
// files are in the repo, and fields of YAML files with the line they stand on.

import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { SourceRef } from '../../core/findings';
import type { Service } from '../../core/service';
import { parseCached } from '../../repo/parseCache';
import type { ParsedYaml } from '../../yaml/parse';
import type { LintedFile } from '../lint/lintedFile';
import type { RepoContext } from '../validateRepo';

export interface ServiceRoles {
  /** Roles in roles/ the service applies, first-applied first. */
  local: string[];
  /** Roles whose files are not in the repo and cannot be: collection roles (a.b.c) and templated names. */
  outside: string[];
  /** Roles named like repo roles that roles/ does not have (missing-role reports them). */
  missing: { name: string; source: SourceRef }[];
}

/** A YAML mapping entry found by its key path. */
export interface Field {
  key: Node;
  value: Node | null;
  /** Where the key stands. */
  source: SourceRef;
}

export class StaticScope {
  private rolesMemo?: ServiceRoles;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly service: Service,
    readonly repo: RepoContext,
  ) {}

  text(file: string): string | undefined {
    return this.repo.texts.get(file);
  }

  /** The file's parse, from the cache discovery filled (or added to it once). */
  parsed(file: string): ParsedYaml | undefined {
    const text = this.text(file);
    return text === undefined ? undefined : parseCached(this.repo.cache, file, text);
  }

  /** The file exists in the texts but is not valid YAML. */
  broken(file: string): boolean {
    return (this.parsed(file)?.findings.length ?? 0) > 0;
  }

  /** The first problem of a file that does not parse, as evidence. */
  brokenAt(file: string): SourceRef {
    const finding = this.parsed(file)?.findings[0];
    return { file, line: finding?.line ?? 1 };
  }

  /**
   * An Ansible file as lint sees it, built on the cached parse and memoized in the lint context
   * (shared by every service of this repo state). Undefined when it is not lintable or does not parse.
   */
  linted(file: string): LintedFile | undefined {
    return this.repo.lintContext.linted(file);
  }

  /** Where a node of a linted file starts. */
  at(file: LintedFile, node: Node): SourceRef {
    return this.offsetAt(file, node.range?.[0] ?? 0);
  }

  offsetAt(file: LintedFile, offset: number): SourceRef {
    const position = file.positions.position(offset);
    return { file: file.file, line: position.line, column: position.column };
  }

  /** The entry at `path` (keys from the root) of a YAML file, when the file parses and has it. */
  field(file: string | undefined, path: readonly string[]): Field | undefined {
    const parsed = file === undefined ? undefined : this.parsed(file);
    if (!parsed?.ast || parsed.findings.length > 0) return undefined;
    let node: unknown = parsed.ast.contents;
    let found: Pair | undefined;
    for (const key of path) {
      if (!isMap(node)) return undefined;
      found = (node.items as Pair[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      if (!found) return undefined;
      node = found.value;
    }
    if (!found) return undefined;
    return { key: found.key as Node, value: (found.value as Node | null) ?? null, source: parsed.locate(found.key as Node) };
  }

  /** Results about this service computed once per evaluation (several checks read the same sources). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** The service's roles, each once, split by whether the repo holds their files. */
  roles(): ServiceRoles {
    if (this.rolesMemo) return this.rolesMemo;
    const roles: ServiceRoles = { local: [], outside: [], missing: [] };
    const seen = new Set<string>();
    for (const role of this.service.roles) {
      if (seen.has(role.name)) continue;
      seen.add(role.name);
      if (this.repo.snapshot.roleDirs.includes(role.name)) roles.local.push(role.name);
      // A collection role lives outside the repo; a templated name is only known when the play runs.
      else if (role.name.includes('.') || role.name.includes('{{')) roles.outside.push(role.name);
      else roles.missing.push({ name: role.name, source: role.source });
    }
    this.rolesMemo = roles;
    return roles;
  }

  /** Files under roles/<role>/ (top level and one folder down), as the snapshot lists them. */
  roleFiles(role: string): readonly string[] {
    return this.repo.lintContext.roleFiles.get(role) ?? [];
  }

  /** roles/<role>/README.md in any case, as the role-readme lint rule accepts it. */
  readmeOf(role: string): string | undefined {
    const wanted = `roles/${role}/readme.md`;
    return this.roleFiles(role).find((file) => file.toLowerCase() === wanted);
  }
}
