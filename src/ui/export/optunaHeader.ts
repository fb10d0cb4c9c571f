/**
 * The Optuna script's docstring (optunaScript.ts): the sweep in words, what a trial is and why, how the script
 * rebuilds LocoLab's runs, and how to share a study across machines with Optuna's own names (optuna.create_study
 * with storage, study_name and load_if_exists; Optuna docs, tutorial "Easy Parallelization" and "Saving/Resuming
 * Study with RDB Backend"; GridSampler's note on concurrent workers).
 */
import { budgetWords, type SweepPlan, type SweepValue } from '../../config/sweep';
import { pyDocText } from './pythonLiterals';

export interface OptunaHeaderInput {
  plan: SweepPlan;
  groups: readonly string[];
  /** Per group, its seeds. */
  seeds: readonly (readonly number[])[];
  studyName: string;
}

/** An axis's values in words: all of them, or the first and last three of a long list. */
function valuesInWords(values: readonly SweepValue[]): string {
  const words = values.map(String);
  return words.length <= 8 ? words.join(', ') : `${words.slice(0, 3).join(', ')}, … (${words.length} values) …, ${words.slice(-3).join(', ')}`;
}

/** What a trial returns: the validation loss where the runs hold out a split (the sweep's selection set), else the train loss. */
function selectedOn(plan: Pick<SweepPlan, 'runs'>): string {
  return plan.runs.every((run) => run.config.validationPercent > 0) ? 'validation loss (the rows held out of training, VALID_X)' : 'train loss';
}

export function optunaHeader({ plan, groups, seeds, studyName }: OptunaHeaderInput): string[] {
  const grid = plan.fields.map((field, a) => `${field} in {${valuesInWords(plan.axisValues[a])}}`).join(' x ');
  const seedWords = seeds.map((list, g) => `group ${g + 1}: ${list.join(', ')}`).join('; ');
  const doc = [
    `${studyName} — a LocoLab sweep, exported as Optuna studies.`,
    '',
    `The sweep: ${plan.groups} group${plan.groups === 1 ? '' : 's'} (${groups.join('; ')}), each over ${grid},`,
    `${plan.seeds} seed${plan.seeds === 1 ? '' : 's'} a point (${seedWords}), ${budgetWords(plan)} a run: ${plan.runs.length} runs.`,
    '',
    'Each run is rebuilt as LocoLab\'s "Export as PyTorch script" rebuilds one: the same network, initial weights bit',
    'for bit, training data, batch order, optimizer, schedule and training loop (train() below, float32 as LocoLab).',
    `It trains BUDGET_STEPS steps${plan.budgetUnit === 'epochs' ? ' (its epochs at its own training rows and batch size)' : ''} and is evaluated at the sweep's checkpoints (CHECKPOINTS) as LocoLab evaluates it: the data loss`,
    'on the first EVAL_TRAIN_ROWS training examples, on the test examples and on the validation examples (VALID_X);',
    'a checkpoint\'s train loss that is not',
    'finite or above DIVERGENCE_FACTOR x max(the untrained loss, DIVERGENCE_LOSS_FLOOR) ends the run as diverged.',
    '',
    'Trials: one Optuna study per group (the study name plus "-group-<g>"), sampled by optuna.samplers.GridSampler',
    'over SEARCH_SPACE, the swept fields\' values exactly. A trial is one grid point: it trains the point for every',
    `seed of its group and returns the MEDIAN OVER THE SEEDS of the final ${selectedOn(plan)} (the mean of the middle two for`,
    'an even count; a diverged seed counts as +inf). That is how LocoLab\'s sweep reads a point (its response curve',
    'is the median over seeds), so a study\'s best trial is the sweep\'s best point; the seeds are not a grid',
    'dimension, which would rank single seeds. The trial\'s user attributes hold the median test and train losses',
    '("test_loss", "train_loss") and each seed\'s losses ("seeds", "train_losses", "test_losses", "validation_losses",',
    '"diverged_at"). The test loss is reported at the chosen point, never chosen on.',
    '',
    'Usage: python3 this.py [--storage URL [--create-only]] [--study-name NAME] [--group G] [--float64] [--json]',
    'Needs Python 3.8+, PyTorch and Optuna (pip install torch optuna; Debian: apt-get install python3-torch python3-optuna).',
    '',
    'Sharing a study across machines (Optuna docs: "Easy Parallelization", "Saving/Resuming Study with RDB Backend"):',
    'run this same script on every machine with the same --storage and --study-name. Each process calls',
    '    optuna.create_study(storage=URL, study_name=NAME, sampler=optuna.samplers.GridSampler(SEARCH_SPACE),',
    '                        direction="minimize", load_if_exists=True)',
    'and study.optimize(objective): the first creates the study, the others load it (load_if_exists=True), and',
    'GridSampler gives each new trial a grid point that no finished or running trial holds; once every point has',
    'finished the study stops, and a process started later finds nothing left to do. Create the storage and the',
    'studies once before starting workers together (processes that set up a new database at the same moment race,',
    'optuna issue #1092; the docs create the study first with `optuna create-study`); --create-only does that:',
    '    python3 this.py --storage "sqlite:///locolab-sweep.db" --create-only       # once',
    '    python3 this.py --storage "sqlite:///locolab-sweep.db"                     # then: one machine (see below)',
    '    python3 this.py --storage "postgresql://user:password@db-host/optuna"       # or on many machines, one RDB server',
    '    python3 this.py --storage "mysql+pymysql://user:password@db-host/optuna"',
    'The storage URL is an SQLAlchemy database URL that every machine can reach (the driver installed: psycopg2,',
    'PyMySQL). SQLite is a file on one machine, fine to try this out, but Optuna\'s RDBStorage documentation says',
    '"We would never recommend SQLite3 for parallel optimization" (its FAQ, sqlite_concurrency): use a MySQL or',
    'PostgreSQL server for workers that run at once. Workers running at once may now and then take the same point',
    '(GridSampler\'s note on distributed optimization): a repeated trial, same numbers, nothing lost.',
    'Read the results with optuna.load_study(study_name=..., storage=URL), or optuna-dashboard URL.',
  ];
  return ['#!/usr/bin/env python3', `"""${pyDocText(doc.join('\n'))}`, '"""', 'import argparse', 'import base64', 'import itertools', 'import json', 'import math', 'import statistics', '', 'import optuna', 'import torch'];
}
