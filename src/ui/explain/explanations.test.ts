import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, EXPLANATION_IDS, formulasOf, splitInlineMath } from './explanations';

describe('explanations', () => {
  for (const id of EXPLANATION_IDS) {
    const explanation = EXPLANATIONS[id];
    it(`${id}: every formula renders with KaTeX`, () => {
      const formulas = formulasOf(explanation);
      expect(formulas.length).toBeGreaterThan(3);
      for (const tex of formulas) {
        expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true }), tex).not.toThrow();
        expect(katex.renderToString(tex, { throwOnError: true })).toContain('class="katex"');
        // katex.render sets span styles through the CSSOM (allowed by the page's CSP), but SVG pieces (tall
        // stacked delimiters, wide accents) and \pmb get style attributes, which `style-src 'self'` refuses.
        const html = katex.renderToString(tex, { throwOnError: true, displayMode: true });
        expect(html, tex).not.toMatch(/<svg[^>]*\sstyle=/);
        expect(html, tex).not.toMatch(/<mstyle[^>]*\sstyle=/);
      }
    });
    it(`${id}: cites a paper, links to known panels, has no stray $`, () => {
      expect(explanation.id).toBe(id);
      expect(explanation.citations.length).toBeGreaterThan(0);
      for (const c of explanation.citations) expect(c.url).toMatch(/^https:\/\//);
      for (const r of explanation.related) expect(EXPLANATION_IDS).toContain(r);
      for (const s of explanation.sections)
        for (const b of s.blocks) if (b.kind === 'text') expect(b.text.split('$').length % 2, b.text).toBe(1);
    });
  }

  it('holds the formulas the panels promise', () => {
    const all = (id: (typeof EXPLANATION_IDS)[number]): string => formulasOf(EXPLANATIONS[id]).join('\n');
    expect(all('backprop')).toContain('G_M = \\frac{\\hat{y} - t}{B}');
    expect(all('backprop')).toContain("G_{m-1} = \\left(G_m W_m^{\\top}\\right) \\odot f'_{m-1}(A_{m-1})");
    expect(all('locoprop')).toContain('T_m = A_m - \\gamma\\, G_m');
    expect(all('locoprop')).toContain('T_m = Y_m - \\gamma\\, G_m');
    expect(all('locoprop')).toContain('\\rho\\gamma\\, \\nabla_{W_m} L');
    expect(all('schedules')).toContain('1/2^{c-1}');
    expect(all('schedules')).toContain('\\gamma^{t}');
    expect(all('range-test')).toContain('s_i > 4 \\min_{j \\le i} s_j');
    expect(all('hypergradient')).toContain('\\alpha_t = \\alpha_{t-1} - \\beta\\, h_t');
    expect(all('hypergradient')).toContain('\\alpha_t = \\alpha_{t-1} + \\beta\\; g_t \\cdot g_{t-1}');
    expect(all('hypergradient')).toContain('\\frac{\\hat m_{t-1}}{\\sqrt{\\hat v_{t-1}} + \\epsilon}');
    expect(EXPLANATIONS.hypergradient.citations[0].venue).toContain('ICLR 2018');
    expect(EXPLANATIONS['range-test'].sections.flatMap((s) => s.blocks).some((b) => b.kind === 'text' && b.text.includes('0.98'))).toBe(true);
    expect(EXPLANATIONS.locoprop.citations[0].venue).toContain('AISTATS 2022');
    expect(EXPLANATIONS.schedules.citations.map((c) => c.authors)).toEqual(['Leslie N. Smith', 'Leslie N. Smith, Nicholay Topin']);
  });
});

describe('splitInlineMath', () => {
  it('splits prose at $ pairs', () => {
    expect(splitInlineMath('a $x^2$ b $y$')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'math', tex: 'x^2' },
      { kind: 'text', text: ' b ' },
      { kind: 'math', tex: 'y' },
    ]);
  });
  it('keeps an unmatched $ as text', () => {
    expect(splitInlineMath('costs $5 only')).toEqual([{ kind: 'text', text: 'costs $5 only' }]);
    expect(splitInlineMath('no math')).toEqual([{ kind: 'text', text: 'no math' }]);
  });
});

describe('the LocoProp explanation states its rules', () => {
  const formulas = formulasOf(EXPLANATIONS.locoprop);
  it('puts the matched loss\'s Σ over both of its terms', () => {
    expect(formulas).toContainEqual(expect.stringContaining('\\sum \\big( F(\\tilde A) - T_m \\odot \\tilde A \\big)'));
  });
  it('applies the proximal term to the biases as well as the weights', () => {
    const proximal = formulas.find((tex) => tex.includes('\\tfrac{1}{2\\eta}'));
    expect(proximal).toContain('\\lVert \\tilde W - W_m \\rVert^2');
    expect(proximal).toContain('\\lVert \\tilde b - b_m \\rVert^2');
  });
});
