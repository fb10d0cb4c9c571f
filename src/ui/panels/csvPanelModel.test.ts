import { describe, expect, it } from 'vitest';
import type { CsvColumnSummary } from '../../worker/protocol';
import { chooseLabel, columnDescription, csvSummary, featureCandidates, labelCandidates, toggleCsvFeature } from './csvPanelModel';

const numeric = (name: string): CsvColumnSummary => ({ name, kind: 'numeric', distinct: 60, selectable: true });
const columns: CsvColumnSummary[] = [
  numeric('a'),
  numeric('b'),
  { name: 'id', kind: 'categorical', distinct: 500, selectable: false },
  numeric('c'),
  { name: 'species', kind: 'categorical', distinct: 3, selectable: true },
];

describe('CSV column choices', () => {
  it('the label may be any selectable column; features only numeric ones other than the label', () => {
    expect(labelCandidates(columns)).toEqual([0, 1, 3, 4]);
    expect(featureCandidates(columns, 4)).toEqual([0, 1, 3]);
    expect(featureCandidates(columns, 1)).toEqual([0, 3]);
  });

  it('toggling keeps column order and never leaves no feature', () => {
    const choice = { label: 4, features: [0, 3] };
    expect(toggleCsvFeature(columns, choice, 1, true)).toEqual([0, 1, 3]);
    expect(toggleCsvFeature(columns, choice, 0, false)).toEqual([3]);
    expect(toggleCsvFeature(columns, { label: 4, features: [3] }, 3, false)).toEqual([3]);
    expect(toggleCsvFeature(columns, choice, 2, true)).toEqual([0, 3]);
    expect(toggleCsvFeature(columns, choice, 4, true)).toEqual([0, 3]);
  });

  it('a new label leaves the features; the old numeric label fills in only when none is left', () => {
    expect(chooseLabel(columns, { label: 4, features: [0, 1, 3] }, 3)).toEqual({ label: 3, features: [0, 1] });
    expect(chooseLabel(columns, { label: 0, features: [3] }, 3)).toEqual({ label: 3, features: [0] });
    expect(chooseLabel(columns, { label: 4, features: [3] }, 3)).toEqual({ label: 3, features: [0, 1] });
  });

  it('summarises the file and describes columns', () => {
    expect(csvSummary({ fileName: 'x.csv', rows: 1200, columns, label: 4, features: [0, 1, 3] })).toBe('x.csv · 1,200 rows · 5 columns · 3 features → label species');
    expect(csvSummary({ fileName: 'y.csv', rows: 1, columns: columns.slice(0, 1), label: 0, features: [0] })).toContain('1 row · 1 column · 1 feature');
    expect(columnDescription(columns[4])).toBe('species (3 categories)');
    expect(columnDescription(columns[0])).toBe('a (numeric)');
  });
});
