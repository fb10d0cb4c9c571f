/**
 * What is wrong with a CSV file, as the page shows it: each problem with its line, column and cell, the
 * first MAX_LISTED_PROBLEMS of a file listed together (a file with three bad lines used to be refused three
 * times, one line per load), and one summary line for the status bar. Parser-free.
 */
import { countText as count, MAX_LISTED_PROBLEMS, type CsvError, type CsvProblemItem } from './csvLimits';

export interface CsvProblem {
  message: string;
  line?: number;
  column?: string;
  /** The cell (or row) the problem is in, as read. */
  cell?: string;
  /** A missing value: dropping the rows that have one fixes it. */
  missing?: boolean;
}

/** 'line 4, column "y"', or '' where neither is known. */
function where(p: CsvProblem): string {
  return [p.line === undefined ? '' : `line ${p.line}`, p.column === undefined ? '' : `column "${p.column}"`].filter((s) => s !== '').join(', ');
}

function item(p: CsvProblem): CsvProblemItem {
  const at = where(p);
  return { line: p.line ?? null, column: p.column ?? null, cell: p.cell ?? null, text: at === '' ? p.message : `${at}: ${p.message}` };
}

/** "4, 5 and 9" */
function listed(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/** Lines named in the summary of a file with several problems. */
const SUMMARY_LINES = 5;

/** The problems of one file, collected in file order while it is read. */
export class CsvProblems {
  private readonly listed: CsvProblem[] = [];
  private total = 0;
  private allMissing = true;
  /** Data rows with at least one missing value. */
  missingRows = 0;

  add(problem: CsvProblem): void {
    this.total++;
    if (!problem.missing) this.allMissing = false;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  get count(): number {
    return this.total;
  }

  /** The refusal of `fileName` for the problems collected (at least one). */
  refusal(fileName: string): { ok: false; error: CsvError } {
    const [first] = this.listed;
    const problems = this.listed.map(item);
    let message: string;
    if (this.total === 1) {
      const at = where(first);
      message = `${fileName}${at === '' ? ':' : `, ${at}:`} ${first.message}`;
    } else {
      const lines = [...new Set(this.listed.flatMap((p) => (p.line === undefined ? [] : [String(p.line)])))];
      const shown = lines.length > SUMMARY_LINES || this.total > this.listed.length ? [...lines.slice(0, SUMMARY_LINES), 'more'] : lines;
      const on = shown.length === 0 ? '' : `, on ${lines.length === 1 && shown.length === 1 ? 'line' : 'lines'} ${listed(shown)}`;
      message = `${fileName}: ${count(this.total)} problems${on}; nothing was loaded.`;
    }
    return {
      ok: false,
      error: {
        message,
        line: first.line ?? null,
        column: first.column ?? null,
        canDropMissing: this.allMissing,
        problems,
        more: this.total - this.listed.length,
        missingRows: this.missingRows,
      },
    };
  }
}

/** A failed result for one problem: its message starts with the file, then the line and the column where known. */
export function csvFailure(fileName: string, problem: CsvProblem): { ok: false; error: CsvError } {
  const one = new CsvProblems();
  one.add(problem);
  if (problem.missing) one.missingRows = 1;
  return one.refusal(fileName);
}
