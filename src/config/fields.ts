/**
 * Field kinds for the experiment schema. Each field knows its default, its valid values (a zod schema, which
 * also words the error), how it reads from and writes to a URL query value, and what the UI needs: a label,
 * one line of help, a range, and whether a change is hot (next step) or structural (a new run).
 */
import { z } from 'zod';
import { parseDecimal } from './typedNumber';

export type ChangeKind = 'hot' | 'structural';
/** 'experiment': one value for all runs of a comparison (backend, speed, pacing); 'run' (the default): per run. */
export type FieldScope = 'run' | 'experiment';

interface FieldBase<T> {
  label: string;
  help: string;
  change: ChangeKind;
  scope?: FieldScope;
  defaultValue: T;
  schema: z.ZodType<T>;
  /** Query-string text → candidate value (validated by schema afterwards). */
  parse(text: string): unknown;
  format(value: T): string;
}

export interface NumberField extends FieldBase<number> {
  type: 'number';
  min: number;
  max: number;
  step: number;
  scale: 'linear' | 'log';
  integer: boolean;
  unit?: string;
  /** For log sliders whose minimum is 0 (0 meaning "off"): the smallest non-zero slider value. */
  logFloor?: number;
}

export interface EnumField<V extends string> extends FieldBase<V> {
  type: 'enum';
  options: readonly V[];
}

export interface IntListField extends FieldBase<number[]> {
  type: 'intList';
  minLength: number;
  maxLength: number;
  min: number;
  max: number;
}

export interface EnumListField<V extends string> extends FieldBase<V[]> {
  type: 'enumList';
  options: readonly V[];
}

/** Decimal notation only (typedNumber.parseDecimal); any other text stays text, which the schema reports. */
const parseNumber = (text: string): unknown => parseDecimal(text) ?? text;
const splitList = (text: string): string[] => (text.trim() === '' ? [] : text.split(',').map((s) => s.trim()));

/**
 * Each factory below makes its field's zod schema on first use (a getter), not when the field is declared: the
 * declarations run as the entry's modules are evaluated, one main-thread task before the first paint (issue 20
 * §7). They are first used as the address is read (sanitizeConfig), in the next task (boot.tsx): the same work, in
 * the other of the two tasks. With 8 runs, 4 rounds alternated (CPU, load 2–3.7): the evaluation 32–38 → 27–31 ms,
 * the next task 11–12 → 14 ms.
 */
interface Describe {
  label: string;
  help: string;
  change: ChangeKind;
  scope?: FieldScope;
}

export function numberField<D extends Describe>(
  spec: D & {
    defaultValue: number;
    min: number;
    max: number;
    step?: number;
    scale?: 'linear' | 'log';
    integer?: boolean;
    unit?: string;
    logFloor?: number;
  },
): NumberField {
  const integer = spec.integer ?? false;
  let schema: z.ZodNumber | null = null;
  const make = (): z.ZodNumber => {
    const number = z
      .number({ error: 'not a decimal number' })
      .min(spec.min, { error: `must be at least ${spec.min}` })
      .max(spec.max, { error: `must be at most ${spec.max}` });
    return integer ? number.int({ error: 'must be a whole number' }) : number;
  };
  return {
    type: 'number',
    step: spec.step ?? (integer ? 1 : 0),
    scale: spec.scale ?? 'linear',
    integer,
    ...spec,
    get schema() {
      return (schema ??= make());
    },
    parse: parseNumber,
    format: (value) => String(value),
  };
}

export function enumField<V extends string>(spec: Describe & { defaultValue: V; options: readonly V[] }): EnumField<V> {
  let schema: z.ZodType<V> | null = null;
  return {
    type: 'enum',
    ...spec,
    get schema() {
      return (schema ??= z.enum(spec.options as [V, ...V[]], { error: `must be one of ${spec.options.join(', ')}` }));
    },
    parse: (text) => text.trim(),
    format: (value) => value,
  };
}

export function intListField(
  spec: Describe & { defaultValue: number[]; minLength: number; maxLength: number; min: number; max: number },
): IntListField {
  let schema: z.ZodType<number[]> | null = null;
  return {
    type: 'intList',
    ...spec,
    get schema() {
      return (schema ??= z
        .array(
          z
            .number({ error: 'not a decimal number' })
            .int({ error: 'must be a whole number' })
            .min(spec.min, { error: `must be at least ${spec.min}` })
            .max(spec.max, { error: `must be at most ${spec.max}` }),
        )
        .min(spec.minLength, { error: `needs at least ${spec.minLength} entries` })
        .max(spec.maxLength, { error: `allows at most ${spec.maxLength} entries` }));
    },
    parse: (text) => splitList(text).map(parseNumber),
    format: (value) => value.join(','),
  };
}

/** A list with one entry per hidden layer; a single value in the URL applies to every layer. */
export function enumListField<V extends string>(
  spec: Describe & { defaultValue: V[]; options: readonly V[] },
): EnumListField<V> {
  let schema: z.ZodType<V[]> | null = null;
  return {
    type: 'enumList',
    ...spec,
    get schema() {
      return (schema ??= z.array(z.enum(spec.options as [V, ...V[]], { error: `must be one of ${spec.options.join(', ')}` })));
    },
    parse: splitList,
    format: (value) => (value.length > 0 && value.every((v) => v === value[0]) ? value[0] : value.join(',')),
  };
}

export interface TextListField extends FieldBase<string[]> {
  type: 'textList';
  maxLength: number;
}

/** A list of names (feature columns, say), comma-separated in the URL; which names exist depends on the data. */
export function textListField(spec: Describe & { defaultValue: string[]; maxLength: number }): TextListField {
  let schema: z.ZodType<string[]> | null = null;
  return {
    type: 'textList',
    ...spec,
    get schema() {
      return (schema ??= z
        .array(z.string().min(1, { error: 'must not be empty' }).max(200, { error: 'is longer than 200 characters' }))
        .max(spec.maxLength, { error: `allows at most ${spec.maxLength} entries` }));
    },
    parse: splitList,
    format: (value) => value.join(','),
  };
}

export interface BooleanField extends FieldBase<boolean> {
  type: 'boolean';
}

const TRUE_WORDS = ['true', '1', 'on', 'yes'];
const FALSE_WORDS = ['false', '0', 'off', 'no'];

export function booleanField(spec: Describe & { defaultValue: boolean }): BooleanField {
  let schema: z.ZodType<boolean> | null = null;
  return {
    type: 'boolean',
    ...spec,
    get schema() {
      return (schema ??= z.boolean({ error: 'must be true or false' }));
    },
    parse: (text) => {
      const word = text.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      return text;
    },
    format: (value) => String(value),
  };
}

export type Field = NumberField | EnumField<string> | IntListField | EnumListField<string> | TextListField | BooleanField;

/** The first problem zod found, in words, e.g. "must be at most 50 (item 2)". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const position = issue.path.find((key) => typeof key === 'number');
  const where = typeof position === 'number' ? ` (item ${position + 1})` : '';
  return `${issue.message}${where}`;
}
