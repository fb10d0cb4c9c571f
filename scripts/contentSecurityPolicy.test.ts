import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './contentSecurityPolicy';

const scriptSources = (policy: string): string[] =>
  policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .find(([name]) => name === 'script-src')
    ?.slice(1) ?? [];

describe('the Content-Security-Policy', () => {
  it("lets WebAssembly compile (the CPU kernels' SIMD) and never allows JavaScript eval", () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER]) {
      expect(scriptSources(policy)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(policy).not.toContain("'unsafe-eval'");
      expect(policy).not.toContain("'unsafe-inline'");
    }
  });
});
