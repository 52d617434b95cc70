export interface DockerStep {
  readonly instruction: string;
  readonly args: string;
}

/** A Dockerfile's instructions, continuations joined and comments dropped. */
export const dockerfileSteps = (text: string): DockerStep[] =>
  text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [instruction = '', ...rest] = line.split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
    });

/** The instructions of one named stage (`FROM ... AS name`), its FROM included. */
export const stageSteps = (steps: readonly DockerStep[], name: string): DockerStep[] => {
  const start = steps.findIndex((s) => s.instruction === 'FROM' && new RegExp(`\\bAS ${name}$`, 'i').test(s.args));
  if (start < 0) throw new Error(`no stage ${name}`);
  const end = steps.findIndex((s, i) => i > start && s.instruction === 'FROM');
  return steps.slice(start, end < 0 ? undefined : end);
};
