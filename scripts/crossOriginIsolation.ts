/**
 * The headers that make the page cross-origin isolated (HTML Living Standard, "Cross-origin opener policies"
 * and "Cross-origin embedder policies"; `self.crossOriginIsolated` is then true in the page and its workers),
 * which is what lets a page share memory between threads (SharedArrayBuffer). `vite` dev and `vite preview`
 * send them on every response (vite.config.ts), the e2e suite's server included; a static host should send the
 * same (README, "Deploying"). Everything the page loads is its own origin's (or a data:/blob: URL), so
 * `require-corp` refuses nothing; links to other sites open without an opener, as they did (`noopener`).
 * The page works without them: the top bar's `threads` item then says "not isolated" (ui/threadsWording.ts).
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
