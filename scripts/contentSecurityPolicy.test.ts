import { describe, expect, it } from 'vitest';
import type { UserConfig } from 'vite';
import viteConfig from '../vite.config';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './contentSecurityPolicy';

/** The headers vite.config.ts gives the dev server and `vite preview` (what the e2e suite serves). */
function servedHeaders(): { dev: Record<string, string>; preview: Record<string, string> } {
  const config = (typeof viteConfig === 'function' ? viteConfig({ mode: 'development', command: 'serve' }) : viteConfig) as UserConfig;
  return { dev: (config.server?.headers ?? {}) as Record<string, string>, preview: (config.preview?.headers ?? {}) as Record<string, string> };
}

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

  it("is sent with frame-ancestors 'self' by vite preview and the dev server alike (a meta tag cannot carry it; issue 21)", () => {
    const { dev, preview } = servedHeaders();
    expect(preview['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(preview['Content-Security-Policy']).toMatch(/; frame-ancestors 'self'$/);
    expect(dev['Content-Security-Policy']).toBe("frame-ancestors 'self'");
  });
});
