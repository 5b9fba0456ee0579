import { describe, expect, test } from 'vitest';
import { proposalBody, renderMarkdown } from './markdown.js';

describe('proposal descriptions rendered safely', () => {
  test('headings, emphasis, lists, code and links', () => {
    expect(renderMarkdown('# Title\n\nWe **pay** *Corner Coffee*.\n\n- one\n- two\n\nSee [the menu](https://coffee.example/menu?a=1&b=2) and `setThresholds`.')).toBe(
      [
        '<h2>Title</h2>',
        '<p>We <strong>pay</strong> <em>Corner Coffee</em>.</p>',
        '<ul><li>one</li><li>two</li></ul>',
        '<p>See <a href="https://coffee.example/menu?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">the menu</a> and <code>setThresholds</code>.</p>',
      ].join('\n'),
    );
  });

  test('markup and script links in a description stay text', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> [click](javascript:alert(1)) <script>alert(2)</script>');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; click) &lt;script&gt;alert(2)&lt;/script&gt;</p>');
    expect(renderMarkdown('[x](https://a.example/"onmouseover="alert(1))')).not.toContain('" onmouseover');
  });

  test('the body under a proposal title does not repeat the title', () => {
    expect(proposalBody('# Lower the limit\n\nSmaller **single** payments.')).toBe('Smaller **single** payments.');
    expect(proposalBody('\nPlain title\nbody')).toBe('body');
    expect(proposalBody('# Only a title')).toBe('');
  });
});
