/** The top self-time frames of a V8 .cpuprofile (what `node --cpu-prof` writes), for the bench's report. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface Frame {
  readonly frame: string;
  readonly selfMs: number;
  readonly share: number;
}

const frameName = (node: ProfileNode, root: string): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};

/** Self time per frame (same function and place summed), largest first; each sample weighs the time until the next. */
export const topSelfFrames = (profile: CpuProfile, root: string, count = 12): Frame[] => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    // timeDeltas[i] is the gap before sample i: the time sample i-1 stood for.
    const us = deltas[i + 1] ?? 0;
    const name = frameName(node, root);
    self.set(name, (self.get(name) ?? 0) + us);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 1000), share: Number((us / total).toFixed(3)) }));
};

/** The one profile a process wrote into `dir`. */
export const readProfile = async (dir: string): Promise<CpuProfile> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${dir}, found ${files.length}`);
  return JSON.parse(await readFile(join(dir, files[0]!), 'utf8')) as CpuProfile;
};
