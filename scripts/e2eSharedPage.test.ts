/**
 * The e2e tests' shared page (e2e/fixtures.ts) is handed from test to test, so what stays on a page or its context
 * for good must not be put on it: an init script (`freshPage` is for that), a route, a fake clock. Spec files that
 * need those on `page` import `@playwright/test` directly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const E2E = new URL('../e2e/', import.meta.url);
const specs = readdirSync(E2E).filter((name) => name.endsWith('.spec.ts'));

describe('spec files on the shared page', () => {
  it('put no init script, route or fake clock on it', () => {
    const misuses = specs.flatMap((name) => {
      const text = readFileSync(new URL(name, E2E), 'utf8');
      if (!text.includes("from './fixtures'")) return [];
      const found: string[] = [];
      if (/\.route\(|\.clock\./.test(text)) found.push(`${name}: a route or a fake clock`);
      if (text.includes('addInitScript') && !text.includes('freshPage')) found.push(`${name}: an init script without freshPage`);
      return found;
    });
    expect(misuses).toEqual([]);
  });
});
