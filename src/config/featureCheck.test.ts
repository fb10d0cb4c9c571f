import { describe, expect, it } from 'vitest';
import { sanitizeConfig } from './experiment';
import { featuresMisfit } from './featureCheck';

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
    const circle = sanitizeConfig({ dataset: 'circle', features: ['x'] });
    expect(circle.config.features).toEqual([]);
    expect(circle.problems.map((p) => p.field)).toEqual(['features']);
    expect(circle.problems[0].message).toContain('circle has no feature columns to choose');
    expect(featuresMisfit('mnist', ['pixel'])).not.toBeNull();
    expect(featuresMisfit('custom', ['anything'])).toBeNull();
    expect(featuresMisfit('iris', [])).toBeNull();
  });
});
