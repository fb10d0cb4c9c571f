import { describe, expect, it } from 'vitest';
import { moveEntryStylesLast } from './entryStylesLast';

const link = (href: string): string => `    <link rel="stylesheet" crossorigin href="${href}">\n`;
const hrefs = (html: string): string[] => [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);

describe('the entry stylesheet goes last', () => {
  // The order e2e/presenter.spec failed on (the shared charts chunk's CSS after the entry's).
  const html = `<head>\n${link('/assets/BooleanControl-a.css')}${link('/assets/main-b.css')}${link('/assets/charts-c.css')}${link('/assets/export-d.css')}  </head>`;

  it('moves the entry chunk’s CSS after every other stylesheet and keeps the others in order', () => {
    expect(hrefs(moveEntryStylesLast(html, 'main'))).toEqual(['/assets/BooleanControl-a.css', '/assets/charts-c.css', '/assets/export-d.css', '/assets/main-b.css']);
  });

  it('changes nothing where the entry is already last, or has no stylesheet of its own', () => {
    const already = `<head>\n${link('/assets/charts-c.css')}${link('/assets/main-b.css')}</head>`;
    expect(moveEntryStylesLast(already, 'main')).toBe(already);
    expect(moveEntryStylesLast(html, 'fused-parity')).toBe(html);
  });
});
