import { describe, expect, it, vi } from 'vitest';
import type { CsvError } from '../../engine/data/csvLimits';
import type { CsvColumnSummary } from '../../worker/protocol';
import { chooseLabel, columnDescription, csvErrorView, csvSummary, featureCandidates, featureLegend, featureListTarget, featurePageSize, labelCandidates, LONG_FEATURE_LIST, readCsvFile, toggleCsvFeature } from './csvPanelModel';

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

describe('a refused file in the panel', () => {
  const problem = (line: number, text: string) => ({ line, column: null, cell: null, text });
  const base: CsvError = { message: 'm', line: 2, column: null, canDropMissing: false, problems: [problem(2, 'line 2: a')], more: 0, missingRows: 0 };

  it('lists several problems, counts those not listed, and lists nothing for one', () => {
    expect(csvErrorView(base)).toEqual({ problems: [], more: null, drop: null, dropNote: null });
    const many = { ...base, problems: [problem(2, 'line 2: a'), problem(5, 'line 5: b')], more: 7 };
    expect(csvErrorView(many)).toMatchObject({ problems: ['line 2: a', 'line 5: b'], more: 'and 7 more problems.' });
    expect(csvErrorView({ ...many, more: 1 }).more).toBe('and 1 more problem.');
  });

  it('offers to drop the rows with missing values, counting them, only where that is all that is wrong', () => {
    expect(csvErrorView({ ...base, canDropMissing: true, missingRows: 3 }).drop).toBe('Drop the 3 rows with missing values and load again');
    expect(csvErrorView({ ...base, canDropMissing: true, missingRows: 1 }).drop).toBe('Drop the row with a missing value and load again');
    const mixed = csvErrorView({ ...base, missingRows: 2 });
    expect(mixed.drop).toBeNull();
    expect(mixed.dropNote).toBe('2 rows have a missing value; dropping them would leave the other problems.');
  });
});

describe('a chosen file (issue 21: big files)', () => {
  it('a 1 GB file is refused by its size and never read; a small one is read', async () => {
    // A stand-in for a File: its size as the file system gives it, its contents only through arrayBuffer.
    const read = vi.fn(async () => new ArrayBuffer(0));
    const refused = await readCsvFile({ name: 'huge.csv', size: 1024 ** 3, arrayBuffer: read });
    expect(read).not.toHaveBeenCalled();
    if (refused.ok) throw new Error('a 1 GB file was accepted');
    expect(refused.error.message).toBe('huge.csv: the file is 1024.0 MB (1,073,741,824 bytes); files up to 50.0 MB (52,428,800 bytes) can be loaded.');
    const small = await readCsvFile({ name: 'a.csv', size: 4, arrayBuffer: async () => new TextEncoder().encode('a,b\n').buffer });
    expect(small.ok && Array.from(small.bytes)).toEqual([97, 44, 98, 10]);
  });

  it('a long feature list says how many features are in use; a short one is just "Features"', () => {
    expect(featureLegend(2, LONG_FEATURE_LIST)).toBe('Features');
    expect(featureLegend(2, 1023)).toBe('Features: 2 of 1,023 in use');
  });

  it('a long feature list is one Tab stop: arrows, Home and End move among the enabled checkboxes, not past the ends', () => {
    const enabled = [true, false, true, true];
    expect(featureListTarget('ArrowDown', 0, enabled)).toBe(2);
    expect(featureListTarget('ArrowDown', 3, enabled)).toBeNull();
    expect(featureListTarget('ArrowUp', 2, enabled)).toBe(0);
    expect(featureListTarget('ArrowUp', 0, enabled)).toBeNull();
    expect(featureListTarget('Home', 3, [false, true, true])).toBe(1);
    expect(featureListTarget('End', 0, [true, true, false])).toBe(1);
    expect(featureListTarget('Tab', 0, enabled)).toBeNull();
  });

  it('PageDown and PageUp move the focus by a page, stopping at the ends and skipping the disabled checkbox', () => {
    const all = Array.from({ length: 30 }, () => true);
    expect(featureListTarget('PageDown', 0, all, 10)).toBe(10);
    expect(featureListTarget('PageDown', 25, all, 10)).toBe(29);
    expect(featureListTarget('PageDown', 29, all, 10)).toBeNull();
    expect(featureListTarget('PageUp', 15, all, 10)).toBe(5);
    expect(featureListTarget('PageUp', 4, all, 10)).toBe(0);
    expect(featureListTarget('PageUp', 0, all, 10)).toBeNull();
    const oneOff = all.map((_, k) => k !== 10);
    expect(featureListTarget('PageDown', 0, oneOff, 10)).toBe(9);
    expect(featureListTarget('PageUp', 20, oneOff, 10)).toBe(11);
    expect(featureListTarget('PageDown', 9, oneOff, 1)).toBe(11);
  });

  it('a page is one row fewer than the box shows whole, and at least one', () => {
    expect(featurePageSize(256, 24)).toBe(9);
    expect(featurePageSize(20, 24)).toBe(1);
    expect(featurePageSize(0, 24)).toBe(1);
    expect(featurePageSize(256, 0)).toBe(1);
  });
});
