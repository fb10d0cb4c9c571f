/**
 * The README's Node version is true: every package `npm ci` installs accepts it (npm's `engines` ranges, in the
 * subset of node-semver's grammar the lock file uses: `||`, space-separated comparators, `^`, `>=`, `<`, bare
 * versions). A dependency that needs a newer Node (commander 15 wanted 22.12) fails here by name, before a user
 * meets npm's EBADENGINE warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.replace(/^v/, '').split('.').map((part) => Number(part));
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator such as `^20.19.0`, `>=22`, `<21`, `20` (a bare major or major.minor is a range of its own). */
function satisfiesComparator(version: Version, comparator: string): boolean {
  const match = /^(\^|>=|<=|>|<|=)?v?(\d+(?:\.\d+){0,2})(?:\.x)?$/.exec(comparator);
  if (!match) throw new Error(`unread engines comparator "${comparator}"`);
  const [, operator = '', text] = match;
  const bound = parseVersion(text);
  const parts = text.split('.').length;
  const order = compare(version, bound);
  switch (operator) {
    case '>=': return order >= 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    case '<': return order < 0;
    case '^': return order >= 0 && version[0] === bound[0];
    default:
      // "20" is 20.x.x, "20.19" is 20.19.x, "=20.19.0" exactly that.
      return version.slice(0, parts).every((part, i) => part === bound[i]);
  }
}

function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  // ">= 16" is written with a space in some packages; npm reads it as ">=16".
  return range.replace(/(\^|>=|<=|>|<|=)\s+/g, '$1').split('||').some((alternative) =>
    alternative.trim().split(/\s+/).every((comparator) => satisfiesComparator(parsed, comparator)));
}

describe('the Node version the README names', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const named = /Node\.js (\d+\.\d+) or newer/.exec(readme)?.[1];
  const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } }>;
  };

  it('reads ranges as npm does', () => {
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.18.3', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '>=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('21.0.0', '18 || 20 || >=22')).toBe(false);
    expect(satisfies('20.19.0', '>=12.22')).toBe(true);
    expect(satisfies('20.19.0', '>= 16')).toBe(true);
  });

  it('is accepted by every package in the lock file', () => {
    expect(named).toBeDefined();
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node !== undefined && !satisfies(`${named}.0`, entry.engines.node))
      .map(([path, entry]) => `${path} (${entry.engines?.node})`);
    expect(refusing).toEqual([]);
  });
});
