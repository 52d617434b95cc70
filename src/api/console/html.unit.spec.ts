import { describe, expect, it } from 'vitest';
import { html, query } from './html.js';

describe('the console html tag', () => {
  it('escapes every interpolated text, in text and in attributes', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='y' &`;
    expect(html`<td title="${hostile}">${hostile}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &amp;</td>',
    );
  });

  it('keeps markup built by the tag, flattens lists and drops null, undefined and false', () => {
    const rows = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${rows}${null}${undefined}${false}${0}</ul>`.text).toBe('<ul><li>a&lt;b</li><li>c</li>0</ul>');
  });

  it('builds query strings from the non-empty values only, encoded', () => {
    expect(query({ connection: 'demo', project: '', costCode: '23-31-00 & x' })).toBe('?connection=demo&costCode=23-31-00+%26+x');
    expect(query({ a: undefined })).toBe('');
  });
});
