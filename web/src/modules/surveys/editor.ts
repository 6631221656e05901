// The questionnaire editor without the page (Editor.tsx): its model (the settings, the questions
// and one level of groups, each select with its own list of choices), the names made from the
// labels, the conditions and checks written as XLSForm expressions, the checks made before
// sending, and the XLSForm written as pyxform's one-file CSV, the way the server reads it
// (src/components/spreadsheet/csv.cc: a line naming each sheet with its header, then its rows
// after an empty first field; RFC 4180 quoting). A questionnaire downloaded as that same CSV is
// read back into the model; what the editor does not edit is kept as it is, read-only: columns
// of an edited question, and whole rows of the types and blocks it does not know.
import type { MessageId, MessageParams } from '../../i18n';

export const QUESTION_TYPES = [
  'text',
  'integer',
  'decimal',
  'select_one',
  'select_multiple',
  'date',
  'time',
  'note',
  'acknowledge',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const FRENCH = 'Français (fr)';
export const ENGLISH = 'English (en)';
export const DRAFT_KEY = 'ensemble.surveys.editor.draft';

/** Cells the editor does not edit, by their header, written back as they were read. */
export type Kept = Record<string, string>;

export interface Choice {
  key: string;
  /** Empty: made from the French label. */
  name: string;
  labelFr: string;
  labelEn: string;
  kept: Kept;
}

/** How a question (or a group) shows: always, when an earlier answer says so, or by an expression. */
export type ConditionMode = 'always' | 'if' | 'expression';
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'selected' | 'not_selected';

export interface Condition {
  mode: ConditionMode;
  /** The key of the earlier question the condition reads. */
  question: string;
  operator: Operator;
  /** The value compared; for a select, the key of one of its choices. */
  value: string;
  expression: string;
}

/** The answer's check: for numbers a minimum and a maximum, and for any type an expression. */
export interface Check {
  min: string;
  max: string;
  expression: string;
  messageFr: string;
}

export interface Question {
  kind: 'question';
  key: string;
  type: QuestionType;
  /** Empty: made from the French label. */
  name: string;
  labelFr: string;
  labelEn: string;
  hintFr: string;
  hintEn: string;
  required: boolean;
  requiredMessageFr: string;
  relevant: Condition;
  constraint: Check;
  /** Written to the choices sheet under the question's name, for the selects only. */
  choices: Choice[];
  kept: Kept;
}

/** Rows the editor keeps as they are: a type it does not edit, a repeat, a group in a group. */
export interface Verbatim {
  kind: 'verbatim';
  key: string;
  rows: Kept[];
}

export type Inner = Question | Verbatim;

export interface Group {
  kind: 'group';
  key: string;
  name: string;
  labelFr: string;
  labelEn: string;
  relevant: Condition;
  items: Inner[];
  kept: Kept;
}

export type Item = Question | Group | Verbatim;

export interface Settings {
  title: string;
  /** Empty: made from the title. */
  formId: string;
  version: string;
  defaultLanguage: string;
  kept: Kept;
}

export interface Draft {
  settings: Settings;
  items: Item[];
  /** The choices sheet's rows of the lists only kept rows use, as they were read. */
  keptChoices: Kept[];
}

// --- keys and new parts ---------------------------------------------------------------------

let counter = 0;

/** A key unique in the page's life and across reloads (a restored draft keeps its keys). */
export function newKey(): string {
  counter += 1;
  return `k${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}${counter.toString(36)}`;
}

const always = (): Condition => ({ mode: 'always', question: '', operator: '=', value: '', expression: '' });

export function newChoice(): Choice {
  return { key: newKey(), name: '', labelFr: '', labelEn: '', kept: {} };
}

export function newQuestion(type: QuestionType = 'text'): Question {
  return {
    kind: 'question',
    key: newKey(),
    type,
    name: '',
    labelFr: '',
    labelEn: '',
    hintFr: '',
    hintEn: '',
    required: false,
    requiredMessageFr: '',
    relevant: always(),
    constraint: { min: '', max: '', expression: '', messageFr: '' },
    choices: isSelect(type) ? [newChoice()] : [],
    kept: {},
  };
}

export function newGroup(): Group {
  return { kind: 'group', key: newKey(), name: '', labelFr: '', labelEn: '', relevant: always(), items: [newQuestion()], kept: {} };
}

export function newDraft(): Draft {
  return {
    settings: { title: '', formId: '', version: '1', defaultLanguage: FRENCH, kept: {} },
    items: [newQuestion()],
    keptChoices: [],
  };
}

export const isSelect = (type: QuestionType) => type === 'select_one' || type === 'select_multiple';
export const isNumber = (type: QuestionType) => type === 'integer' || type === 'decimal';
/** Notes are read, not answered: no answer to require or to check. */
export const isAnswered = (type: QuestionType) => type !== 'note';

// --- names ----------------------------------------------------------------------------------

/**
 * A name from a label: without accents, lower case, words joined by underscores, at most
 * `max` characters cut at a word; an XML name (a letter or an underscore first) unless
 * `leadingDigit` (the choices' names are values, « 1 » is one).
 */
export function slug(text: string, { max = 32, leadingDigit = false } = {}): string {
  let name = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name.length > max) {
    const cut = name.slice(0, max + 1);
    const at = cut.lastIndexOf('_');
    name = (at > max / 2 ? cut.slice(0, at) : name.slice(0, max)).replace(/_+$/, '');
  }
  if (!leadingDigit && /^[0-9]/.test(name)) name = `q_${name}`;
  return name;
}

/** XML 1.0's NCName, for the names the XForm makes elements of (ASCII and the letters of Unicode). */
export function isXmlName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{M}\p{N}_.\-\u00B7]*$/u.test(name);
}

function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** Every named part of the draft, in the order of the survey sheet (a group before its questions). */
export function flatten(items: readonly Item[]): Array<Question | Group | Verbatim> {
  const out: Array<Question | Group | Verbatim> = [];
  for (const item of items) {
    out.push(item);
    if (item.kind === 'group') out.push(...item.items);
  }
  return out;
}

/** The names the kept rows give (a kept block may hold several). */
export function verbatimNames(item: Verbatim): string[] {
  return item.rows.map((row) => (row.name ?? '').trim()).filter((name) => name !== '');
}

/** The list names the kept choices use. */
function keptListNames(draft: Draft): Set<string> {
  return new Set(draft.keptChoices.map((row) => (row.list_name ?? '').trim()).filter(Boolean));
}

/**
 * The name each question and group is written with, by key: its own, or one made from its French
 * label, unique among all the names of the form (the kept rows' and lists' included).
 */
export function resolveNames(draft: Draft): Map<string, string> {
  const all = flatten(draft.items);
  const taken = new Set<string>(['meta', ...keptListNames(draft)]);
  for (const item of all) {
    if (item.kind === 'verbatim') verbatimNames(item).forEach((name) => taken.add(name));
    else if (item.name.trim() !== '') taken.add(item.name.trim());
  }
  const names = new Map<string, string>();
  for (const item of all) {
    if (item.kind === 'verbatim') continue;
    const own = item.name.trim();
    names.set(item.key, own !== '' ? own : unique(slug(item.labelFr) || (item.kind === 'group' ? 'groupe' : 'question'), taken));
  }
  return names;
}

/** The name each choice of a question is written with, by key: its own or one from its label. */
export function resolveChoiceNames(question: Question): Map<string, string> {
  const taken = new Set(question.choices.map((choice) => choice.name.trim()).filter(Boolean));
  const names = new Map<string, string>();
  question.choices.forEach((choice, index) => {
    const own = choice.name.trim();
    names.set(choice.key, own !== '' ? own : unique(slug(choice.labelFr, { leadingDigit: true }) || `choix_${index + 1}`, taken));
  });
  return names;
}

/** The form_id written: the settings' own, or one made from the title. */
export function resolveFormId(settings: Settings): string {
  return settings.formId.trim() || slug(settings.title, { max: 48 }) || 'questionnaire';
}

// --- expressions ----------------------------------------------------------------------------

/** The operators a condition on a question of this type offers. */
export function operatorsFor(type: QuestionType): Operator[] {
  if (type === 'select_multiple') return ['selected', 'not_selected'];
  if (isNumber(type) || type === 'date') return ['=', '!=', '<', '<=', '>', '>='];
  return ['=', '!='];
}

/** The types a condition's builder reads; the others need an expression. */
export function conditionTarget(type: QuestionType): boolean {
  return ['text', 'integer', 'decimal', 'select_one', 'select_multiple', 'date'].includes(type);
}

/** An XPath literal: in single quotes, or double ones when the text holds a single quote; null when it holds both. */
export function quote(value: string): string | null {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return null;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A number as XPath reads it: a comma for the decimal point is taken too (« 1,5 »). */
export function numberText(value: string): string | null {
  const text = value.trim().replace(',', '.');
  return NUMBER.test(text) ? text : null;
}

/**
 * The relevant expression of a condition: `${age} >= 18`, `${seul} = 'non'`,
 * `selected(${aides}, 'famille')`; '' for « always ». `question` is the question read (its name,
 * type and choices' names).
 */
export function conditionExpression(
  condition: Condition,
  question: { name: string; type: QuestionType; choiceNames?: Map<string, string> } | undefined,
): string {
  if (condition.mode === 'always') return '';
  if (condition.mode === 'expression') return condition.expression.trim();
  if (!question) return '';
  const reference = `\${${question.name}}`;
  const value = isSelect(question.type) ? (question.choiceNames?.get(condition.value) ?? '') : condition.value.trim();
  if (question.type === 'select_multiple') {
    const test = `selected(${reference}, ${quote(value) ?? "''"})`;
    return condition.operator === 'not_selected' ? `not(${test})` : test;
  }
  const operator = operatorsFor(question.type).includes(condition.operator) ? condition.operator : '=';
  if (isNumber(question.type)) return `${reference} ${operator} ${numberText(value) ?? value}`;
  if (question.type === 'date') return `${reference} ${operator} date(${quote(value) ?? "''"})`;
  return `${reference} ${operator} ${quote(value) ?? "''"}`;
}

/** The constraint written: `. >= 0 and . <= 120` for a number's bounds, with the expression after. */
export function constraintExpression(question: Question): string {
  const parts: string[] = [];
  if (isNumber(question.type)) {
    const min = numberText(question.constraint.min);
    const max = numberText(question.constraint.max);
    if (min !== null) parts.push(`. >= ${min}`);
    if (max !== null) parts.push(`. <= ${max}`);
  }
  const expression = question.constraint.expression.trim();
  if (expression !== '') parts.push(parts.length > 0 ? `(${expression})` : expression);
  return parts.join(' and ');
}

/** The `${name}` references of an expression, in order, without duplicates. */
export function referencesIn(text: string): string[] {
  const names: string[] = [];
  for (const found of text.matchAll(/\$\{([^}]*)\}/g)) if (!names.includes(found[1])) names.push(found[1]);
  return names;
}

// --- checks ---------------------------------------------------------------------------------

/** A problem the page shows beside a field: `${key}.label_fr`, `settings.title`, `items`. */
export interface Issue {
  field: string;
  /** The question or group (or `settings`) it is about. */
  key: string;
  message: MessageId;
  params?: MessageParams;
}

export const field = (key: string, part: string) => `${key}.${part}`;

/** What would make the server refuse the form, or a person lose a rule, found before sending. */
export function validate(draft: Draft): Issue[] {
  const issues: Issue[] = [];
  const add = (key: string, part: string, message: MessageId, params?: MessageParams) =>
    issues.push({ field: field(key, part), key, message, params });
  const { settings } = draft;
  if (settings.title.trim() === '') add('settings', 'title', 'surveys.web.editor.error.title');
  if (settings.formId.trim() !== '' && !isXmlName(settings.formId.trim())) {
    add('settings', 'form_id', 'surveys.web.editor.error.form_id');
  }
  if (draft.items.length === 0) add('draft', 'items', 'surveys.web.editor.error.no_question');

  const names = resolveNames(draft);
  const all = flatten(draft.items);
  // Where each name stands, for the conditions that must read earlier questions only.
  const position = new Map<string, number>();
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  all.forEach((item, index) => {
    const itemNames = item.kind === 'verbatim' ? verbatimNames(item) : [names.get(item.key)!];
    for (const name of itemNames) {
      if (!position.has(name)) position.set(name, index);
      count(name);
    }
  });
  const lists = keptListNames(draft);
  const byKey = new Map(all.map((item, index) => [item.key, { item, index }]));

  all.forEach((item, index) => {
    if (item.kind === 'verbatim') return;
    const name = names.get(item.key)!;
    if (item.name.trim() !== '') {
      if (!isXmlName(name)) add(item.key, 'name', 'surveys.web.editor.error.bad_name', { name });
      else if (name === 'meta') add(item.key, 'name', 'surveys.web.editor.error.reserved_name', { name });
      else if ((counts.get(name) ?? 0) > 1) add(item.key, 'name', 'surveys.web.editor.error.duplicate_name', { name });
      else if (item.kind === 'question' && isSelect(item.type) && lists.has(name)) {
        add(item.key, 'name', 'surveys.web.editor.error.list_taken', { name });
      }
    }
    if (item.kind === 'question' && item.labelFr.trim() === '') add(item.key, 'label_fr', 'surveys.web.editor.error.label');
    if (item.kind === 'group' && item.items.length === 0) add(item.key, 'items', 'surveys.web.editor.error.empty_group');
    checkCondition(item, index);
    if (item.kind === 'question') checkQuestion(item);
  });
  return issues;

  function checkCondition(item: Question | Group, index: number) {
    const condition = item.relevant;
    if (condition.mode === 'if') {
      const target = byKey.get(condition.question);
      if (!target || target.item.kind !== 'question') {
        add(item.key, 'relevant_question', 'surveys.web.editor.error.condition_question');
        return;
      }
      if (target.index >= index) {
        add(item.key, 'relevant_question', 'surveys.web.editor.error.condition_later', { name: names.get(target.item.key) ?? '' });
        return;
      }
      const question = target.item;
      if (isSelect(question.type)) {
        if (!question.choices.some((choice) => choice.key === condition.value)) {
          add(item.key, 'relevant_value', 'surveys.web.editor.error.condition_choice');
        }
      } else if (isNumber(question.type)) {
        if (numberText(condition.value) === null) add(item.key, 'relevant_value', 'surveys.web.editor.error.number');
      } else if (question.type === 'date') {
        if (!DATE.test(condition.value.trim())) add(item.key, 'relevant_value', 'surveys.web.editor.error.date');
      } else if (quote(condition.value.trim()) === null) {
        add(item.key, 'relevant_value', 'surveys.web.editor.error.quotes');
      }
    } else if (condition.mode === 'expression') {
      const expression = condition.expression.trim();
      if (expression === '') {
        add(item.key, 'relevant_expression', 'surveys.web.editor.error.expression');
        return;
      }
      // The first name it may not read is said; the others once that one is fixed.
      for (const name of referencesIn(expression)) {
        const at = position.get(name);
        if (at === undefined) {
          add(item.key, 'relevant_expression', 'surveys.web.editor.error.unknown_reference', { name });
          return;
        }
        if (at >= index) {
          add(item.key, 'relevant_expression', 'surveys.web.editor.error.condition_later', { name });
          return;
        }
      }
    }
  }

  function checkQuestion(question: Question) {
    if (isNumber(question.type)) {
      const { min, max } = question.constraint;
      const low = min.trim() === '' ? null : numberText(min);
      const high = max.trim() === '' ? null : numberText(max);
      if (min.trim() !== '' && low === null) add(question.key, 'constraint_min', 'surveys.web.editor.error.number');
      if (max.trim() !== '' && high === null) add(question.key, 'constraint_max', 'surveys.web.editor.error.number');
      if (low !== null && high !== null && Number(low) > Number(high)) {
        add(question.key, 'constraint_max', 'surveys.web.editor.error.max_below_min');
      }
    }
    for (const name of referencesIn(question.constraint.expression)) {
      if (!position.has(name)) {
        add(question.key, 'constraint_expression', 'surveys.web.editor.error.unknown_reference', { name });
        break;
      }
    }
    if (!isSelect(question.type)) return;
    if (question.choices.length === 0) {
      add(question.key, 'choices', 'surveys.web.editor.error.no_choice');
      return;
    }
    const choiceNames = resolveChoiceNames(question);
    const seen = new Map<string, number>();
    for (const name of choiceNames.values()) seen.set(name, (seen.get(name) ?? 0) + 1);
    for (const choice of question.choices) {
      const name = choiceNames.get(choice.key)!;
      if (choice.labelFr.trim() === '') add(question.key, `${choice.key}.label_fr`, 'surveys.web.editor.error.choice_label');
      if (choice.name.trim() === '') continue;
      if (/\s/.test(name)) add(question.key, `${choice.key}.name`, 'surveys.web.editor.error.choice_space', { name });
      else if ((seen.get(name) ?? 0) > 1) add(question.key, `${choice.key}.name`, 'surveys.web.editor.error.duplicate_choice', { name });
    }
  }
}

// --- editing --------------------------------------------------------------------------------

/** The draft with the item of this key (at any level) replaced by what `change` makes of it. */
export function updateItem(draft: Draft, key: string, change: (item: Item) => Item): Draft {
  const map = (items: Item[]): Item[] =>
    items.map((item) => {
      if (item.key === key) return change(item);
      if (item.kind === 'group') return { ...item, items: map(item.items) as Inner[] };
      return item;
    });
  return { ...draft, items: map(draft.items) };
}

/** Applies `change` to the list (top level or a group's) that holds `key`. */
function withList(draft: Draft, key: string, change: (items: Item[], index: number) => Item[]): Draft {
  const top = draft.items.findIndex((item) => item.key === key);
  if (top >= 0) return { ...draft, items: change([...draft.items], top) };
  return {
    ...draft,
    items: draft.items.map((item) => {
      if (item.kind !== 'group') return item;
      const index = item.items.findIndex((inner) => inner.key === key);
      return index < 0 ? item : { ...item, items: change([...item.items], index) as Inner[] };
    }),
  };
}

/** Moves an element of a list by `by` places, within the list. */
export function moveIn<T>(items: T[], index: number, by: number): T[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= items.length) return items;
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  moved.splice(to, 0, item);
  return moved;
}

export function moveItem(draft: Draft, key: string, by: number): Draft {
  return withList(draft, key, (items, index) => moveIn(items, index, by));
}

export function removeItem(draft: Draft, key: string): Draft {
  return withList(draft, key, (items, index) => items.filter((_, i) => i !== index));
}

/** Adds a question at the end of the form, or of a group. */
export function addItem(draft: Draft, item: Item, groupKey?: string): Draft {
  if (groupKey === undefined) return { ...draft, items: [...draft.items, item] };
  return updateItem(draft, groupKey, (group) => (group.kind === 'group' && item.kind !== 'group' ? { ...group, items: [...group.items, item] } : group));
}

/**
 * A copy of a question or a group placed after it: new keys (its conditions on questions of the
 * copy follow the copy), its own name, if any, made unique.
 */
export function duplicateItem(draft: Draft, key: string): { draft: Draft; key: string } {
  const taken = new Set(resolveNames(draft).values());
  flatten(draft.items).forEach((item) => item.kind === 'verbatim' && verbatimNames(item).forEach((name) => taken.add(name)));
  const keys = new Map<string, string>();
  const copyQuestion = (question: Question): Question => {
    const copy: Question = structuredCopy(question);
    copy.key = newKey();
    keys.set(question.key, copy.key);
    copy.choices = copy.choices.map((choice) => {
      const fresh = { ...choice, key: newKey() };
      keys.set(choice.key, fresh.key);
      return fresh;
    });
    if (copy.name.trim() !== '') copy.name = unique(copy.name.trim(), taken);
    return copy;
  };
  const remap = (condition: Condition): Condition =>
    condition.mode === 'if' && keys.has(condition.question)
      ? { ...condition, question: keys.get(condition.question)!, value: keys.get(condition.value) ?? condition.value }
      : condition;
  const made = { key };
  const next = withList(draft, key, (items, index) => {
    const original = items[index];
    if (original.kind === 'verbatim') return items;
    let copy: Item;
    if (original.kind === 'question') {
      copy = copyQuestion(original);
    } else {
      const group: Group = { ...structuredCopy(original), key: newKey() };
      if (group.name.trim() !== '') group.name = unique(group.name.trim(), taken);
      group.items = original.items.map((inner) => (inner.kind === 'question' ? copyQuestion(inner) : { ...structuredCopy(inner), key: newKey() }));
      group.items = group.items.map((inner) => (inner.kind === 'question' ? { ...inner, relevant: remap(inner.relevant) } : inner));
      copy = group;
    }
    made.key = copy.key;
    const out = [...items];
    out.splice(index + 1, 0, copy);
    return out;
  });
  return { draft: next, key: made.key };
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Changes a question's type: a select gets a first choice to fill, a condition or bound that no longer fits goes. */
export function changeType(question: Question, type: QuestionType): Question {
  const next: Question = { ...question, type };
  if (isSelect(type) && next.choices.length === 0) next.choices = [newChoice()];
  if (!isNumber(type)) next.constraint = { ...next.constraint, min: '', max: '' };
  if (!isAnswered(type)) {
    next.required = false;
    next.requiredMessageFr = '';
    next.constraint = { min: '', max: '', expression: '', messageFr: '' };
  }
  return next;
}

/** The questions a condition of the item at `key` may read: the earlier ones the builder knows. */
export function earlierQuestions(draft: Draft, key: string): Question[] {
  const all = flatten(draft.items);
  const index = all.findIndex((item) => item.key === key);
  return all.slice(0, index < 0 ? all.length : index).filter((item): item is Question => item.kind === 'question' && conditionTarget(item.type));
}

// --- the CSV --------------------------------------------------------------------------------

const FR = (base: string) => `${base}::${FRENCH}`;
const EN = (base: string) => `${base}::${ENGLISH}`;

/** The survey sheet's columns, in the order an author reads them; kept columns come after. */
const SURVEY_COLUMNS = [
  'type',
  'name',
  FR('label'),
  EN('label'),
  FR('hint'),
  EN('hint'),
  'required',
  FR('required_message'),
  'relevant',
  'constraint',
  FR('constraint_message'),
];
const CHOICE_COLUMNS = ['list_name', 'name', FR('label'), EN('label')];
const SETTINGS_COLUMNS = ['form_title', 'form_id', 'version', 'default_language'];

/** One field of a CSV line: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A sheet's lines: the first names the sheet and holds its header, the others start with an
 * empty field. The columns come in `order`, then the kept ones as they first appear; a column
 * no row fills is left out, unless `required`.
 */
function sheetLines(name: string, order: string[], required: number, rows: Kept[]): string[] {
  const headers = [...order];
  for (const row of rows) {
    for (const [header, value] of Object.entries(row)) if (value !== '' && !headers.includes(header)) headers.push(header);
  }
  const used = headers.filter((header, index) => index < required || rows.some((row) => (row[header] ?? '') !== ''));
  const line = (first: string, cells: string[]) => [first, ...cells].map(csvField).join(',');
  return [line(name, used), ...rows.map((row) => line('', used.map((header) => row[header] ?? '')))];
}

export interface Written {
  csv: string;
  /** The key of the question or group each survey row (as the spreadsheet numbers it: 2 is the first) was written from. */
  surveyRows: Map<number, string>;
  /** The key of the question each choices row was written for. */
  choiceRows: Map<number, string>;
}

/** The draft as pyxform's one-file CSV: the survey, choices and settings sheets. */
export function writeCsv(draft: Draft): Written {
  const names = resolveNames(draft);
  const types = new Map<string, { name: string; type: QuestionType; choiceNames: Map<string, string> }>();
  for (const item of flatten(draft.items)) {
    if (item.kind === 'question') types.set(item.key, { name: names.get(item.key)!, type: item.type, choiceNames: resolveChoiceNames(item) });
  }
  const survey: Kept[] = [];
  const choices: Kept[] = [];
  const surveyRows = new Map<number, string>();
  const choiceRows = new Map<number, string>();
  const push = (row: Kept, key: string) => {
    survey.push(row);
    surveyRows.set(survey.length + 1, key);
  };
  const condition = (item: Question | Group) => conditionExpression(item.relevant, types.get(item.relevant.question));

  const writeQuestion = (question: Question) => {
    const name = names.get(question.key)!;
    const answered = isAnswered(question.type);
    const constraint = answered ? constraintExpression(question) : '';
    push(
      {
        ...question.kept,
        type: isSelect(question.type) ? `${question.type} ${name}` : question.type,
        name,
        [FR('label')]: question.labelFr.trim(),
        [EN('label')]: question.labelEn.trim(),
        [FR('hint')]: question.hintFr.trim(),
        [EN('hint')]: question.hintEn.trim(),
        required: answered && question.required ? 'yes' : '',
        [FR('required_message')]: answered && question.required ? question.requiredMessageFr.trim() : '',
        relevant: condition(question),
        constraint,
        [FR('constraint_message')]: constraint !== '' ? question.constraint.messageFr.trim() : '',
      },
      question.key,
    );
    if (!isSelect(question.type)) return;
    const choiceNames = types.get(question.key)!.choiceNames;
    for (const choice of question.choices) {
      choices.push({
        ...choice.kept,
        list_name: name,
        name: choiceNames.get(choice.key)!,
        [FR('label')]: choice.labelFr.trim(),
        [EN('label')]: choice.labelEn.trim(),
      });
      choiceRows.set(choices.length + 1, question.key);
    }
  };
  const writeVerbatim = (item: Verbatim) => item.rows.forEach((row) => push(row, item.key));

  for (const item of draft.items) {
    if (item.kind === 'question') writeQuestion(item);
    else if (item.kind === 'verbatim') writeVerbatim(item);
    else {
      push(
        {
          ...item.kept,
          type: 'begin_group',
          name: names.get(item.key)!,
          [FR('label')]: item.labelFr.trim(),
          [EN('label')]: item.labelEn.trim(),
          relevant: condition(item),
        },
        item.key,
      );
      for (const inner of item.items) {
        if (inner.kind === 'question') writeQuestion(inner);
        else writeVerbatim(inner);
      }
      push({ type: 'end_group' }, item.key);
    }
  }
  for (const row of draft.keptChoices) choices.push(row);

  const { settings } = draft;
  const settingsRow: Kept = {
    ...settings.kept,
    form_title: settings.title.trim(),
    form_id: resolveFormId(settings),
    version: settings.version.trim(),
    default_language: settings.defaultLanguage.trim() || FRENCH,
  };
  const lines = [
    ...sheetLines('survey', SURVEY_COLUMNS, 3, survey),
    ...(choices.length > 0 ? sheetLines('choices', CHOICE_COLUMNS, 3, choices) : []),
    ...sheetLines('settings', SETTINGS_COLUMNS, 2, [settingsRow]),
  ];
  return { csv: lines.join('\r\n') + '\r\n', surveyRows, choiceRows };
}

// --- reading the CSV back -------------------------------------------------------------------

/** RFC 4180 records, as the server reads them: a comma, or a semicolon when the first line has no comma. */
export function parseCsv(text: string): string[][] {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let separator = ',';
  {
    let quoted = false;
    let semicolon = false;
    for (const c of text) {
      if (c === '"') quoted = !quoted;
      if (quoted) continue;
      if (c === '\n' || c === '\r') break;
      if (c === ',') {
        semicolon = false;
        break;
      }
      if (c === ';') semicolon = true;
    }
    if (semicolon) separator = ';';
  }
  const records: string[][] = [];
  let at = 0;
  const lineBreak = () => {
    if (text[at] === '\r' && text[at + 1] === '\n') at += 1;
    at += 1;
  };
  while (at < text.length) {
    const record: string[] = [];
    if (text[at] === '\n' || text[at] === '\r') {
      lineBreak();
      records.push(record);
      continue;
    }
    for (;;) {
      let value = '';
      if (text[at] === '"') {
        at += 1;
        for (;;) {
          if (at >= text.length) throw new Error('unclosed quote');
          if (text[at] === '"' && text[at + 1] === '"') {
            value += '"';
            at += 2;
          } else if (text[at] === '"') {
            at += 1;
            break;
          } else if (text[at] === '\r' || text[at] === '\n') {
            value += '\n';
            lineBreak();
          } else {
            value += text[at];
            at += 1;
          }
        }
      } else {
        const start = at;
        while (at < text.length && text[at] !== separator && text[at] !== '\n' && text[at] !== '\r') at += 1;
        value = text.slice(start, at);
      }
      record.push(value);
      if (text[at] === separator) {
        at += 1;
        continue;
      }
      if (at < text.length) lineBreak();
      break;
    }
    records.push(record);
  }
  return records;
}

/** The sheets of a one-file CSV, by lower-case name: each its header and its rows, as the server lays them out. */
export function readSheets(text: string): Map<string, { name: string; header: string[]; rows: string[][] }> {
  const sheets = new Map<string, { name: string; header: string[]; rows: string[][] }>();
  let current: { name: string; header: string[]; rows: string[][] } | null = null;
  let pending = false;
  for (const fields of parseCsv(text)) {
    if (fields.length > 0 && fields[0] !== '') {
      const key = fields[0].trim().toLowerCase();
      current = sheets.get(key) ?? { name: fields[0], header: [], rows: [] };
      sheets.set(key, current);
      pending = true;
    }
    const rest = fields.slice(1);
    if (!rest.some((value) => value !== '')) {
      if (current && !pending) current.rows.push([]);
      continue;
    }
    if (!current) throw new Error('rows before any sheet');
    if (!pending) current.rows.push(rest);
    // A sheet taken up again repeats its header: the server refuses another one.
    else if (current.header.length === 0) current.header = rest;
    else if (current.header.join('\u0000') !== rest.join('\u0000')) throw new Error(`the header of ${current.name} changed`);
    pending = false;
  }
  return sheets;
}

/** What a questionnaire read back holds that the editor keeps as it is, for the page to say. */
export interface Reading {
  draft: Draft;
  /** The headers of the columns kept as they are (on edited questions, choices or settings). */
  keptColumns: string[];
  /** The types of the rows kept as they are (repeat, calculate, geopoint, a group in a group...). */
  keptTypes: string[];
  /** The sheets the server ignores, left out. */
  ignoredSheets: string[];
}

const ALIASES: Record<string, string> = {
  'jr:constraintmsg': 'constraint_message',
  'jr:requiredmsg': 'required_message',
  calculate: 'calculation',
  'jr:count': 'repeat_count',
  readonly: 'read_only',
  value: 'name',
  guidance: 'guidance_hint',
};
const TRANSLATABLE = new Set(['label', 'hint', 'guidance_hint', 'required_message', 'constraint_message']);

/** « Français (fr) », « French », « fr »: French or English, else null. */
export function languageOf(text: string): 'fr' | 'en' | null {
  const lower = text.trim().toLowerCase();
  const code = /\(\s*([a-z]{2,3})(?:[-_][a-z0-9]+)?\s*\)\s*$/.exec(lower)?.[1] ?? (/^[a-z]{2,3}$/.test(lower) ? lower : null);
  if (code === 'fr' || code === 'fra' || code === 'fre' || /^(fran[cç]ais|french)\b/.test(lower)) return 'fr';
  if (code === 'en' || code === 'eng' || /^(english|anglais)\b/.test(lower)) return 'en';
  return null;
}

/**
 * The header as the editor writes it: `label::Français (fr)` for a French or English text (a
 * column without a language in the default one), the canonical name of the known columns, the
 * others as written. `plain` is the language of a column without one, null when it is kept.
 */
function headerOf(raw: string, plain: 'fr' | 'en' | null): string {
  const parts = raw.trim().split('::');
  const base = ALIASES[parts[0].trim().toLowerCase().replace(/ /g, '_')] ?? parts[0].trim().toLowerCase().replace(/ /g, '_');
  if (base === 'media') return raw.trim();
  const language = parts.slice(1).join('::').trim();
  if (!TRANSLATABLE.has(base)) return language === '' ? base : raw.trim();
  const which = language === '' ? plain : languageOf(language);
  if (which === 'fr') return FR(base);
  if (which === 'en') return EN(base);
  return raw.trim();
}

/** A sheet's rows as cells by header, with the row each comes from (as the spreadsheet numbers it). */
function rowsOf(sheet: { header: string[]; rows: string[][] } | undefined, defaultLanguage: string): Array<{ number: number; cells: Kept }> {
  if (!sheet) return [];
  const fallback = languageOf(defaultLanguage) ?? 'fr';
  // A column without a language is the default one's, unless that language has a column of its own.
  const raw = sheet.header.map((header) => header.trim());
  const explicit = new Set(
    raw.filter((header) => header.includes('::')).map((header) => headerOf(header, null)),
  );
  const headers = raw.map((header) => {
    if (header === '') return '';
    const named = headerOf(header, fallback);
    return !header.includes('::') && explicit.has(named) ? header : named;
  });
  const out: Array<{ number: number; cells: Kept }> = [];
  sheet.rows.forEach((row, index) => {
    const cells: Kept = {};
    headers.forEach((header, column) => {
      const value = (row[column] ?? '').trim();
      if (header !== '' && value !== '') cells[header] = value;
    });
    if (Object.keys(cells).length > 0) out.push({ number: index + 2, cells });
  });
  return out;
}

const QUESTION_COLUMNS = new Set(SURVEY_COLUMNS);
const GROUP_COLUMNS = new Set(['type', 'name', FR('label'), EN('label'), 'relevant']);

function words(type: string): string[] {
  return type.trim().split(/[\s]+/).filter(Boolean);
}

/** A row's type as the server reads it: `begin group`, `end repeat`, `select_one` with its list... */
function typeOf(raw: string): { word: string; list: string | null; extra: boolean } {
  const lower = raw.trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
  if (['begin group', 'end group', 'begin repeat', 'end repeat'].includes(lower)) return { word: lower, list: null, extra: false };
  const parts = words(raw);
  let word = (parts[0] ?? '').toLowerCase();
  let listAt = 1;
  if (word === 'select' && parts.length >= 3 && parts[1].toLowerCase() === 'one') {
    word = 'select_one';
    listAt = 2;
  } else if (word === 'select' && parts.length >= 5 && parts[1].toLowerCase() === 'all') {
    word = 'select_multiple';
    listAt = 4;
  }
  const takesList = ['select_one', 'select_multiple', 'rank'].includes(word);
  return { word, list: takesList ? (parts[listAt] ?? null) : null, extra: parts.length > (takesList ? listAt + 1 : 1) };
}

const yes = (text: string) => ['yes', 'true', 'true()', '1', 'oui'].includes(text.trim().toLowerCase());
const no = (text: string) => ['', 'no', 'false', 'false()', '0', 'non'].includes(text.trim().toLowerCase());

/** The condition an expression says, in the builder's terms when it can, else as an expression. */
export function parseCondition(expression: string, earlier: readonly Question[], names: Map<string, string>): Condition {
  const text = expression.trim();
  if (text === '') return always();
  const asExpression: Condition = { ...always(), mode: 'expression', expression: text };
  const find = (name: string) => earlier.find((question) => names.get(question.key) === name);
  const literal = (value: string): string | null => {
    const found = /^'([^']*)'$/.exec(value) ?? /^"([^"]*)"$/.exec(value);
    return found ? found[1] : null;
  };
  const choice = (question: Question, name: string) => {
    const choiceNames = resolveChoiceNames(question);
    return question.choices.find((c) => choiceNames.get(c.key) === name)?.key ?? null;
  };
  const selected = /^(not\(\s*)?selected\(\s*\$\{([^}]+)\}\s*,\s*('[^']*'|"[^"]*")\s*\)(\s*\))?$/.exec(text);
  if (selected) {
    if (Boolean(selected[1]) !== Boolean(selected[4])) return asExpression;
    const question = find(selected[2]);
    const value = literal(selected[3]);
    if (!question || question.type !== 'select_multiple' || value === null) return asExpression;
    const key = choice(question, value);
    if (key === null) return asExpression;
    return { ...always(), mode: 'if', question: question.key, operator: selected[1] ? 'not_selected' : 'selected', value: key };
  }
  const compared = /^\$\{([^}]+)\}\s*(!=|>=|<=|=|>|<)\s*(.+)$/.exec(text);
  if (!compared) return asExpression;
  const question = find(compared[1]);
  const operator = compared[2] as Operator;
  const right = compared[3].trim();
  if (!question || !operatorsFor(question.type).includes(operator) || question.type === 'select_multiple') return asExpression;
  const built = (value: string): Condition => ({ ...always(), mode: 'if', question: question.key, operator, value });
  if (isNumber(question.type)) return NUMBER.test(right) ? built(right) : asExpression;
  if (question.type === 'date') {
    const date = /^date\(\s*('[^']*'|"[^"]*")\s*\)$/.exec(right);
    const value = date ? literal(date[1]) : null;
    return value !== null && DATE.test(value) ? built(value) : asExpression;
  }
  const value = literal(right);
  if (value === null) return asExpression;
  if (question.type === 'select_one') {
    const key = choice(question, value);
    return key === null ? asExpression : built(key);
  }
  return built(value);
}

/** A number's bounds out of its constraint, when it is only that; else the whole as an expression. */
export function parseConstraint(expression: string, type: QuestionType): Pick<Check, 'min' | 'max' | 'expression'> {
  const text = expression.trim();
  if (isNumber(type)) {
    const n = '(-?\\d+(?:\\.\\d+)?)';
    const both = new RegExp(`^\\.\\s*>=\\s*${n}\\s+and\\s+\\.\\s*<=\\s*${n}$`).exec(text);
    if (both) return { min: both[1], max: both[2], expression: '' };
    const min = new RegExp(`^\\.\\s*>=\\s*${n}$`).exec(text);
    if (min) return { min: min[1], max: '', expression: '' };
    const max = new RegExp(`^\\.\\s*<=\\s*${n}$`).exec(text);
    if (max) return { min: '', max: max[1], expression: '' };
  }
  return { min: '', max: '', expression: text };
}

function pick(cells: Kept, handled: Set<string>): Kept {
  const kept: Kept = {};
  for (const [header, value] of Object.entries(cells)) if (!handled.has(header)) kept[header] = value;
  return kept;
}

/**
 * A questionnaire's one-file CSV (as the server writes it back) as a draft. The questions of
 * the editor's types, and groups at the first level, become editable; their other columns are
 * kept as they are; other rows (repeats, groups in groups, calculations, places, photos...) are
 * kept whole. Each select gets its own copy of its list. Throws on a file with no survey sheet.
 */
export function readCsv(text: string): Reading {
  const sheets = readSheets(text);
  const ignoredSheets = [...sheets.values()].map((sheet) => sheet.name).filter((name) => !['survey', 'choices', 'settings'].includes(name.trim().toLowerCase()));
  const settingsRow = rowsOf(sheets.get('settings'), '')[0]?.cells ?? {};
  const defaultLanguage = settingsRow.default_language ?? '';
  const keptColumns = new Set<string>();
  const keptTypes = new Set<string>();

  const lists = new Map<string, Kept[]>();
  for (const { cells } of rowsOf(sheets.get('choices'), defaultLanguage)) {
    const list = cells.list_name ?? '';
    lists.set(list, [...(lists.get(list) ?? []), cells]);
  }
  const listsKept = new Set<string>();

  const survey = sheets.get('survey');
  if (!survey) throw new Error('no survey sheet');
  const rows = rowsOf(survey, defaultLanguage);
  const items: Item[] = [];
  let group: Group | null = null;
  // The rows of a block kept whole (a repeat, a group in a group), with its depth.
  let block: { item: Verbatim; depth: number } | null = null;

  const keep = (cells: Kept, handled: Set<string>) => {
    const kept = pick(cells, handled);
    Object.keys(kept).forEach((header) => keptColumns.add(header));
    return kept;
  };
  const place = (item: Inner | Group) => {
    if (group && item.kind !== 'group') group.items.push(item);
    else items.push(item);
  };
  const verbatim = (cells: Kept): Verbatim => {
    keptTypes.add(cells.type ?? '');
    const list = typeOf(cells.type ?? '').list;
    if (list) listsKept.add(list);
    return { kind: 'verbatim', key: newKey(), rows: [cells] };
  };

  for (const { cells } of rows) {
    const type = typeOf(cells.type ?? '');
    if (block) {
      block.item.rows.push(cells);
      if (type.list) listsKept.add(type.list);
      if (type.word === 'begin group' || type.word === 'begin repeat') block.depth += 1;
      if (type.word === 'end group' || type.word === 'end repeat') block.depth -= 1;
      if (block.depth === 0) block = null;
      continue;
    }
    if (type.word === 'begin repeat' || (type.word === 'begin group' && group)) {
      const item = verbatim(cells);
      block = { item, depth: 1 };
      place(item);
      continue;
    }
    if (type.word === 'begin group') {
      group = {
        kind: 'group',
        key: newKey(),
        name: cells.name ?? '',
        labelFr: cells[FR('label')] ?? '',
        labelEn: cells[EN('label')] ?? '',
        relevant: { ...always(), expression: cells.relevant ?? '' },
        items: [],
        kept: keep(cells, GROUP_COLUMNS),
      };
      items.push(group);
      continue;
    }
    if (type.word === 'end group' && group) {
      group = null;
      continue;
    }
    const supported = (QUESTION_TYPES as readonly string[]).includes(type.word) && !type.extra;
    const listOk = !isSelect(type.word as QuestionType) || (type.list !== null && lists.has(type.list));
    const requiredOk = yes(cells.required ?? '') || no(cells.required ?? '');
    if (!supported || !listOk || !requiredOk) {
      place(verbatim(cells));
      continue;
    }
    const questionType = type.word as QuestionType;
    const constraint = cells.constraint ?? '';
    const question: Question = {
      ...newQuestion(questionType),
      name: cells.name ?? '',
      labelFr: cells[FR('label')] ?? '',
      labelEn: cells[EN('label')] ?? '',
      hintFr: cells[FR('hint')] ?? '',
      hintEn: cells[EN('hint')] ?? '',
      required: yes(cells.required ?? ''),
      requiredMessageFr: cells[FR('required_message')] ?? '',
      relevant: { ...always(), expression: cells.relevant ?? '' },
      constraint: { ...parseConstraint(constraint, questionType), messageFr: cells[FR('constraint_message')] ?? '' },
      choices: [],
      kept: keep(cells, QUESTION_COLUMNS),
    };
    if (isSelect(questionType)) {
      const handled = new Set(CHOICE_COLUMNS);
      question.choices = (lists.get(type.list!) ?? []).map((row) => ({
        key: newKey(),
        name: row.name ?? '',
        labelFr: row[FR('label')] ?? '',
        labelEn: row[EN('label')] ?? '',
        kept: keep(row, handled),
      }));
    }
    place(question);
  }

  const keptChoices = [...listsKept].flatMap((list) => lists.get(list) ?? []);
  for (const row of keptChoices) Object.keys(pick(row, new Set(CHOICE_COLUMNS))).forEach((header) => keptColumns.add(header));
  const settings: Settings = {
    title: settingsRow.form_title ?? Object.entries(settingsRow).find(([header]) => header.startsWith('form_title'))?.[1] ?? '',
    formId: settingsRow.form_id ?? '',
    version: settingsRow.version ?? '',
    defaultLanguage: FRENCH,
    kept: keep(settingsRow, new Set([...SETTINGS_COLUMNS, ...Object.keys(settingsRow).filter((h) => h.startsWith('form_title'))])),
  };
  const draft: Draft = { settings, items, keptChoices };

  // The conditions, now that every question is there: in the builder's terms where they fit.
  const names = resolveNames(draft);
  for (const item of flatten(draft.items)) {
    if (item.kind === 'verbatim') continue;
    item.relevant = parseCondition(item.relevant.expression, earlierQuestions(draft, item.key), names);
  }
  return { draft, keptColumns: [...keptColumns], keptTypes: [...keptTypes].filter(Boolean), ignoredSheets };
}

/** A copy of a read questionnaire to save as a new one: its form_id with `_copie` (not one of `taken`). */
export function asCopy(draft: Draft, taken: ReadonlySet<string> = new Set()): Draft {
  const base = `${resolveFormId(draft.settings)}_copie`;
  let formId = base;
  for (let n = 2; taken.has(formId); n++) formId = `${base}_${n}`;
  return { ...draft, settings: { ...draft.settings, formId } };
}

// --- the draft kept in the browser ----------------------------------------------------------

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const record = (value: unknown): Kept => {
  const out: Kept = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, cell] of Object.entries(value)) if (typeof cell === 'string') out[key] = cell;
  }
  return out;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const object = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const OPERATORS: readonly Operator[] = ['=', '!=', '<', '<=', '>', '>=', 'selected', 'not_selected'];

function conditionFrom(value: unknown): Condition {
  const o = object(value);
  const mode = (['always', 'if', 'expression'] as const).find((m) => m === o.mode) ?? 'always';
  const operator = OPERATORS.find((op) => op === o.operator) ?? '=';
  return { mode, question: text(o.question), operator, value: text(o.value), expression: text(o.expression) };
}

function innerFrom(value: unknown): Inner | null {
  const o = object(value);
  const key = text(o.key) || newKey();
  if (o.kind === 'verbatim') return { kind: 'verbatim', key, rows: list(o.rows).map(record) };
  if (o.kind !== 'question') return null;
  const type = QUESTION_TYPES.find((t) => t === o.type) ?? 'text';
  const c = object(o.constraint);
  return {
    kind: 'question',
    key,
    type,
    name: text(o.name),
    labelFr: text(o.labelFr),
    labelEn: text(o.labelEn),
    hintFr: text(o.hintFr),
    hintEn: text(o.hintEn),
    required: o.required === true,
    requiredMessageFr: text(o.requiredMessageFr),
    relevant: conditionFrom(o.relevant),
    constraint: { min: text(c.min), max: text(c.max), expression: text(c.expression), messageFr: text(c.messageFr) },
    choices: list(o.choices).map((choice) => {
      const ch = object(choice);
      return { key: text(ch.key) || newKey(), name: text(ch.name), labelFr: text(ch.labelFr), labelEn: text(ch.labelEn), kept: record(ch.kept) };
    }),
    kept: record(o.kept),
  };
}

/** A draft from what was stored (an older page's, a hand-edited one): every field checked, defaults for the missing. */
export function draftFrom(value: unknown): Draft | null {
  const o = object(value);
  if (!Array.isArray(o.items)) return null;
  const s = object(o.settings);
  const items: Item[] = [];
  for (const entry of o.items) {
    const e = object(entry);
    if (e.kind === 'group') {
      items.push({
        kind: 'group',
        key: text(e.key) || newKey(),
        name: text(e.name),
        labelFr: text(e.labelFr),
        labelEn: text(e.labelEn),
        relevant: conditionFrom(e.relevant),
        items: list(e.items).map(innerFrom).filter((inner): inner is Inner => inner !== null),
        kept: record(e.kept),
      });
    } else {
      const inner = innerFrom(entry);
      if (inner) items.push(inner);
    }
  }
  return {
    settings: { title: text(s.title), formId: text(s.formId), version: text(s.version), defaultLanguage: text(s.defaultLanguage) || FRENCH, kept: record(s.kept) },
    items,
    keptChoices: list(o.keptChoices).map(record),
  };
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;

export function loadDraft(storage: Store): Draft | null {
  try {
    const stored = storage?.getItem(DRAFT_KEY);
    return stored ? draftFrom(JSON.parse(stored)) : null;
  } catch {
    // Storage refused, or a draft that is not JSON any more: start afresh.
    return null;
  }
}

export function saveDraft(storage: Store, draft: Draft): void {
  try {
    storage?.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Full or refused: the draft lives as long as the page.
  }
}

export function clearDraft(storage: Store): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** A survey or choices problem of the server, as the key of the question it is about. */
export function problemKey(written: Written, problem: { sheet: string; row: number | null }): string | null {
  if (problem.row === null) return null;
  const sheet = problem.sheet.trim().toLowerCase();
  if (sheet === 'survey') return written.surveyRows.get(problem.row) ?? null;
  if (sheet === 'choices') return written.choiceRows.get(problem.row) ?? null;
  if (sheet === 'settings') return 'settings';
  return null;
}
