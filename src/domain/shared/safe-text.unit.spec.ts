import { describe, expect, it } from 'vitest';
import { firstUnsafeText, unsafeTextReason } from './safe-text.js';

describe('safe text', () => {
  it('refuses C0 and C1 controls, DEL and lone surrogates; keeps any other Unicode', () => {
    for (const bad of ['a\u0000', '\t', 'line\nbreak', '\u007f', '\u0085x', '\ud800', 'x\udc00']) expect(unsafeTextReason(bad), JSON.stringify(bad)).toBeDefined();
    for (const good of ['', '23-31-00', 'Façade — 北京 🏗️', '\u00a0', '\ud83c\udfd7']) expect(unsafeTextReason(good), JSON.stringify(good)).toBeUndefined();
  });

  it('names the first unsafe field of a JSON value by its path, keys included', () => {
    expect(firstUnsafeText({ resource_name: 'Requisitions', resource_id: 1 })).toBeUndefined();
    expect(firstUnsafeText({ resource_name: 'Req\u0000' })).toBe('resource_name contains a control character');
    expect(firstUnsafeText([{ id: 'ok' }, { id: 'x\u0001' }])).toBe('[1].id contains a control character');
    expect(firstUnsafeText({ events: [{ 'bad\u0000key': 1 }] })).toBe('a key of events[0] contains a control character');
    expect(firstUnsafeText('\ud800')).toBe('(the body) is not well-formed Unicode');
  });
});
