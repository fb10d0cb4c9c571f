/**
 * The built app's Content-Security-Policy. Scripts, workers and connections only from the page's own
 * origin, no eval, no plugins; WebAssembly may be compiled ('wasm-unsafe-eval': W3C Content Security Policy
 * Level 3, EnsureCSPDoesNotBlockWasmByteCompilation, allows WebAssembly compilation and no JavaScript eval; the
 * fused CPU kernels' SIMD matrix products need it), never 'unsafe-eval'; images may be data: or blob: URLs (chart exports), fonts data: URLs (KaTeX's
 * smallest font, inlined by Vite). The policy goes into the
 * built index.html as a meta tag (so any static host carries it) and is also sent as a header by
 * `vite preview` (with `frame-ancestors`), because a meta tag does not reach a worker script: a worker takes its policy from its own
 * response. Static hosts should send the same header (README, "Deploying"). Not applied to the dev server,
 * whose React refresh preamble is an inline script; the dev server sends only DEV_CONTENT_SECURITY_POLICY_HEADER.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  // data: for KaTeX's smallest font (Size3, 3.6 kB), which Vite inlines into the Explain panel's CSS.
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The header adds what a meta tag cannot carry: `frame-ancestors 'self'` (no other site may frame the page;
 * CSP Level 2 ignores the directive in a meta tag).
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`;

/**
 * The dev server's header: `frame-ancestors 'self'` alone. The dev page has no meta policy (its React refresh
 * preamble and Vite's client are inline and injected scripts, and its module graph loads from /@fs/, /@vite/…),
 * but no other site may frame it either; the directive restricts nothing else.
 */
export const DEV_CONTENT_SECURITY_POLICY_HEADER = "frame-ancestors 'self'";

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'locolab-content-security-policy',
    apply: 'build',
    // First in <head>: a policy in a meta tag only governs what comes after it, so it goes before every script and stylesheet.
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
