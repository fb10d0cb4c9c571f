/**
 * One TeX formula, rendered by KaTeX into DOM nodes (katex.render builds elements and sets their styles
 * through the CSSOM, which the page's Content-Security-Policy allows; the HTML string of renderToString would
 * carry inline style attributes, which `style-src 'self'` refuses).
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useRef } from 'react';

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: true, output: 'htmlAndMathml' });
    } catch {
      // Never a blank: the source stays readable (explanations.test.ts keeps this from happening).
      element.textContent = tex;
    }
  }, [tex, display]);
  return <span ref={ref} className={display ? 'explain-math explain-display' : 'explain-math'} data-tex={tex} />;
}
