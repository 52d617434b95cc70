/** C0 controls (NUL included), DEL and C1 controls: never part of a name, id, code or date we keep. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A lone UTF-16 surrogate: PostgreSQL refuses it in text and in JSON alike. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored or queried as it is, or undefined when it can. */
export const unsafeTextReason = (text: string): string | undefined => {
  if (CONTROL.test(text)) return 'contains a control character';
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode';
  return undefined;
};

const MAX_PATH_STEPS = 8;

const pathOf = (steps: ReadonlyArray<string | number>): string =>
  steps.slice(0, MAX_PATH_STEPS)
    .reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step.slice(0, 40)}` : step.slice(0, 40)), '')
  || '(the body)';

/**
 * The first string in a parsed JSON value (key or value, at any depth) that is not safe
 * text, as `path reason`, e.g. `resource_name contains a control character`.
 */
export const firstUnsafeText = (value: unknown): string | undefined => {
  const stack: Array<{ node: unknown; steps: ReadonlyArray<string | number> }> = [{ node: value, steps: [] }];
  while (stack.length > 0) {
    const { node, steps } = stack.pop()!;
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      if (reason) return `${pathOf(steps)} ${reason}`;
    } else if (Array.isArray(node)) {
      node.forEach((child, index) => stack.push({ node: child, steps: [...steps, index] }));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const reason = unsafeTextReason(key);
        if (reason) return `a key of ${pathOf(steps)} ${reason}`;
        stack.push({ node: child, steps: [...steps, key] });
      }
    }
  }
  return undefined;
};
