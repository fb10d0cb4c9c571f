import { describe, expect, it } from 'vitest';
import { sanitizeConfig } from './experiment';
import { featuresMisfit } from './featureCheck';
import { runSpecOf } from './toEngine';
import { decodeConfig, encodeConfig } from './url';

describe('features that do not fit the data set', () => {
  it('fall back to the data set\'s default features, reported by name (iris, features=a,a)', () => {
    const { config, problems } = sanitizeConfig({ dataset: 'iris', features: ['a', 'a'] }, { features: 'a,a' });
    expect(config.features).toEqual([]);
    expect(problems).toEqual([
      {
        field: 'features',
        message:
          '"features" = "a,a" is not valid (iris has no feature "a"; "a" named more than once; its features are "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"); using the data set\'s default features, "petal length (cm)", "petal width (cm)".',
      },
    ]);
  });

  it('a known feature named twice is reported too; distinct known features are kept', () => {
    expect(featuresMisfit('penguins', ['Body Mass (g)', 'Body Mass (g)'])).toMatch(/^"Body Mass \(g\)" named more than once/);
    const kept = sanitizeConfig({ dataset: 'penguins', features: ['Body Mass (g)', 'Beak Depth (mm)', 'Flipper Length (mm)'] });
    expect(kept.problems).toEqual([]);
    expect(kept.config.features).toEqual(['Body Mass (g)', 'Beak Depth (mm)', 'Flipper Length (mm)']);
  });

  it('data without feature columns: reported and dropped; a loaded CSV file cannot be checked here', () => {
    expect(featuresMisfit('mnist', ['pixel'])).toBe('mnist has no feature columns to choose');
    expect(featuresMisfit('custom', ['anything'])).toBeNull();
    expect(featuresMisfit('iris', [])).toBeNull();
  });

  it("the 2-D sets' feature inputs: a bad name in a link is reported by name and x1, x2 used (features=x1,zz)", () => {
    const { config, problems } = decodeConfig('?dataset=spiral&features=x1,zz');
    expect(config.features).toEqual([]);
    expect(problems).toEqual([
      {
        field: 'features',
        message: '"features" = "x1,zz" is not valid (spiral has no feature "zz"; its features are "x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"); using the point itself, "x1", "x2".',
      },
    ]);
    expect(featuresMisfit('circle', ['x1sq', 'x1sq'])).toMatch(/"x1sq" named more than once/);
  });

  it("the 2-D sets' feature inputs round-trip through the address and reach the engine's data spec", () => {
    const config = { ...sanitizeConfig({}).config, features: ['x1', 'x1sq', 'sinx1'] };
    const query = encodeConfig(config);
    expect(query).toBe('features=x1,x1sq,sinx1&v=1');
    const back = decodeConfig(query);
    expect(back).toEqual({ config, problems: [] });
    expect(runSpecOf(back.config).dataset.features).toEqual(['x1', 'x1sq', 'sinx1']);
  });
});
