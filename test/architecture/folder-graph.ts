import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** folder -> folder -> the imports that make the arrow (`file -> imported file`). */
export type FolderGraph = Map<string, Map<string, string[]>>;

const sourceFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const path = join(dir, entry.name);
  if (entry.isDirectory()) return sourceFiles(path);
  return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
});

/** The first folder under `root` a path lies in; files directly in `root` are "(root)". */
const folderOf = (root: string, path: string): string => {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0]! : '(root)';
};

/**
 * The arrows between the folders directly under `root`, from every relative import, re-export
 * and dynamic import of its non-spec TypeScript files (read by the TypeScript compiler's own
 * pre-processor). Specs are left out: a test may exercise a module together with its callers.
 */
export const folderGraph = (root: string): FolderGraph => {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      if (!target.startsWith(root + sep)) continue;
      const to = folderOf(root, target);
      if (to === from) continue;
      const arrows = graph.get(from) ?? new Map<string, string[]>();
      arrows.set(to, [...(arrows.get(to) ?? []), `${relative(root, file)} -> ${relative(root, target)}`]);
      graph.set(from, arrows);
    }
  }
  return graph;
};

/** Every group of folders that reach each other (Tarjan's strongly connected components of more than one folder). */
export const folderCycles = (graph: FolderGraph): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
};

/** A cycle, told with the imports behind each of its arrows (what to move to break it). */
export const describeCycle = (graph: FolderGraph, cycle: readonly string[]): string[] =>
  cycle.flatMap((from) => cycle.filter((to) => graph.get(from)?.has(to)).flatMap((to) => graph.get(from)!.get(to)!));
