// The import graph of src/, read with TypeScript's own parser: for each file, the modules it
// imports, and whether each import loads code at run time (`import type` and imports of types
// only load nothing). Used by the architecture test to follow imports transitively.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface Edge {
  /** A repo-relative file (src/…/x.ts) for relative imports, else the bare module name (node:fs, yaml). */
  target: string;
  /** False for imports that TypeScript erases (types only). */
  runtime: boolean;
}

export type ImportGraph = Map<string, Edge[]>;

export function readImportGraph(root: string, folder: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => toPosix(path.relative(root, path.join(entry.parentPath, entry.name))));
  for (const file of files) graph.set(file, importsOf(root, file));
  return graph;
}

function importsOf(root: string, file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: string, runtime: boolean): void => {
    edges.push({ target: resolve(root, file, specifier), runtime });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, !isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, !node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const dynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const requireCall = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (dynamicImport || requireCall) add(node.arguments[0].text, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Code built as a string and run elsewhere (a worker's source) imports too: count its require()s.
  for (const match of source.text.matchAll(/require\((['"])(node:[a-z_/]+)\1\)/g)) add(match[2], true);
  return edges;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function resolve(root: string, file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = toPosix(path.normalize(path.join(path.dirname(file), specifier)));
  const found = [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile());
  return found ?? base;
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** Modules matching `module` that `start` loads at run time, directly or through other files. */
export function runtimeReach(graph: ImportGraph, start: string, module: RegExp): string[] {
  return [...reachable(graph, start, (edge) => edge.runtime, true)]
    .filter(([target]) => module.test(target))
    .map(([, chain]) => chain.join(' → '));
}

export function reachable(graph: ImportGraph, start: string, follow: (edge: { runtime: boolean }) => boolean, withModules = false): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const edge of graph.get(file) ?? []) {
      if (!follow(edge) || chains.has(edge.target)) continue;
      const isFile = graph.has(edge.target);
      if (!isFile && !withModules) continue;
      chains.set(edge.target, [...(chains.get(file) as string[]), edge.target]);
      if (isFile) queue.push(edge.target);
    }
  }
  chains.delete(start);
  return chains;
}
