import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { describeCycle, folderCycles, folderGraph, type FolderGraph } from './folder-graph.js';

const graphOf = (arrows: Record<string, string[]>): FolderGraph =>
  new Map(Object.entries(arrows).map(([from, tos]) => [from, new Map(tos.map((to) => [to, [`${from}/x.ts -> ${to}/y.ts`]]))]));

describe('folders of src/domain', () => {
  it('finds a cycle of folders, however long, and none in a layered graph', () => {
    expect(folderCycles(graphOf({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(folderCycles(graphOf({ a: ['b', 'c'], b: ['c'], d: ['a'] }))).toEqual([]);
  });

  it('import each other in one direction only (no folder cycle)', () => {
    const graph = folderGraph(join(projectRoot(), 'src', 'domain'));
    // The graph is real: the sagas' folders do use the shared kernel.
    expect(graph.get('invoice-sync')?.has('shared')).toBe(true);
    const cycles = folderCycles(graph).map((cycle) => ({ cycle, imports: describeCycle(graph, cycle) }));
    expect(cycles).toEqual([]);
  });
});
