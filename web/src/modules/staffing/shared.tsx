// What the staffing pages share: the structures' names, durations and days in words, a duration
// typed as hours and minutes, the lines of subsidies, and the reading of amounts typed by people
// (their errors worded beside the field, as the API's are).
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { ApiError } from '../../api';
import { formatDate, language, t, type MessageId } from '../../i18n';
import { FieldError, FormErrors, useControl, type FieldErrors, type FormKit } from '../../kit/form';
import { useQuery } from '../../kit/query';
import type { Page, Structure } from '../../types';
import { isMonth, parseScaled, scaledInput, splitMinutes } from './staffing';
import './staffing.css';
import type { SubsidyLine } from './types';

const DIRECTORY = '/api/v1/structures?page_size=200';

/** The directory's structures, by name. */
export function useStructures(): Structure[] {
  const directory = useQuery<Page<Structure>>(DIRECTORY);
  return useMemo(
    () => [...(directory.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [directory.data],
  );
}

/** The structures' names by id, from the directory (ids stay shown until it answers). */
export function useStructureNames(): (id: number) => string {
  const directory = useQuery<Page<Structure>>(DIRECTORY);
  const names = useMemo(() => {
    const found = new Map<number, string>();
    for (const structure of directory.data?.items ?? []) found.set(structure.id, structure.name);
    return found;
  }, [directory.data]);
  return useMemo(() => (id: number) => names.get(id) ?? t('staffing.web.structure_id', { id }), [names]);
}

const WEEKDAY_IDS: MessageId[] = [
  'staffing.web.plan.weekday.1',
  'staffing.web.plan.weekday.2',
  'staffing.web.plan.weekday.3',
  'staffing.web.plan.weekday.4',
  'staffing.web.plan.weekday.5',
  'staffing.web.plan.weekday.6',
  'staffing.web.plan.weekday.7',
];

/** « Mois »: a month typed or picked (2026-11), given on only once it reads as one. */
export function MonthField({ id, month, onMonth }: { id: string; month: string; onMonth: (month: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{t('staffing.web.money.month')}</label>
      <input
        id={id}
        type="month"
        value={month}
        onInput={(event) => {
          const value = (event.target as HTMLInputElement).value;
          if (isMonth(value)) onMonth(value);
        }}
      />
    </div>
  );
}

/** A weekday's name, 1 Monday … 7 Sunday (« Mercredi »). */
export function weekdayName(isoWeekday: number): string {
  return t(WEEKDAY_IDS[isoWeekday - 1]);
}

/** Minutes as « 7 h », « 3 h 30 ». */
export function duration(total: number): string {
  const { hours, minutes } = splitMinutes(total);
  return minutes === 0
    ? t('staffing.web.duration.hours', { hours })
    : t('staffing.web.duration.hours_minutes', { hours, minutes: String(minutes).padStart(2, '0') });
}

/** « lundi 30 novembre » (`year`: « lundi 30 novembre 2026 »). */
export function dayLabel(day: string, year = false): string {
  return formatDate(`${day}T12:00:00Z`, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
  });
}

/** « 20 juillet » (`year`: « 26 juillet 2026 »). */
export function dateLabel(day: string, year = false): string {
  return formatDate(`${day}T12:00:00Z`, { day: 'numeric', month: 'long', ...(year ? { year: 'numeric' } : {}) });
}

/** A day as a short date (01/07/2026). */
export function shortDate(day: string): string {
  return formatDate(`${day}T12:00:00Z`);
}

/**
 * A refusal that names no field but is about the day a change takes effect (« des relevés sont
 * émis jusqu'à juillet »): shown beside that day's field, where the person can act on it.
 */
export function conflictOnField(caught: unknown, field: string): never {
  if (caught instanceof ApiError && caught.code === 'conflict' && caught.field === null) {
    throw new FormErrors({ [field]: caught.message });
  }
  throw caught;
}

/** Reads amounts typed in the form: each one that does not read is an error beside its field. */
export class Amounts {
  readonly errors: FieldErrors = {};

  /** Euros to cents; `required`: an empty box is an error too (else it reads 0). */
  cents(field: string, text: string, required = true): number {
    return this.scaled(field, text, 2, required, t('staffing.web.error.amount'));
  }

  /** A percentage to basis points (« 42,5 » → 4250). */
  basisPoints(field: string, text: string): number {
    const value = this.scaled(field, text, 2, true, t('staffing.web.error.percent'));
    if (value > 10000 && !this.errors[field]) this.errors[field] = t('staffing.web.error.percent');
    return value;
  }

  /** Euros to thousandths of a euro (« 0,636 » → 636). */
  millieuros(field: string, text: string): number {
    return this.scaled(field, text, 3, true, t('staffing.web.error.km_rate'));
  }

  /** Kilometres to metres (« 3,4 » → 3400). */
  metres(field: string, text: string): number {
    return this.scaled(field, text, 3, true, t('staffing.web.error.distance'));
  }

  /** Throws the errors found, if any (the form kit shows each beside its field). */
  check(): void {
    if (Object.keys(this.errors).length > 0) throw new FormErrors(this.errors);
  }

  private scaled(field: string, text: string, scale: number, required: boolean, message: string): number {
    if (text.trim() === '' && !required) return 0;
    const value = parseScaled(text, scale, language());
    if (value === null) {
      this.errors[field] = message;
      return 0;
    }
    return value;
  }
}

/** Cents as an input's value (224050 → « 2240,50 »). */
export function centsInput(cents: number): string {
  return scaledInput(cents, 2, language());
}

/**
 * A duration typed as hours and minutes, under one label. `names` are the API's fields whose
 * error is shown beside it (the first that has one); the boxes are tied to that error and take
 * the focus when it appears.
 */
export function DurationInputs({
  form,
  id,
  legend,
  of,
  names,
  groupError = null,
  hint,
  hours,
  minutes,
  onHours,
  onMinutes,
}: {
  form: FormKit;
  id: string;
  legend: ComponentChildren;
  /** Said to screen readers after « heures » and « minutes » so that each box has its own name. */
  of: string;
  names: string[];
  /** The id of an error shown elsewhere (the group's) that concerns these boxes too, or null. */
  groupError?: string | null;
  hint?: string;
  hours: string;
  minutes: string;
  onHours: (value: string) => void;
  onMinutes: (value: string) => void;
}) {
  for (const name of names) form.fields.add(name);
  const failing = names.find((name) => form.errors[name]);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = failing !== undefined || groupError !== null;
  const described =
    [hint ? hintId : '', failing ? errorId : '', groupError ?? ''].filter(Boolean).join(' ') || undefined;
  const box = (which: 'hours' | 'minutes', value: string, onValue: (value: string) => void) => (
    <div class="field">
      <label for={`${id}-${which}`}>
        {t(which === 'hours' ? 'staffing.web.duration.hours_label' : 'staffing.web.duration.minutes_label')}
        <span class="visually-hidden"> {of}</span>
      </label>
      <input
        id={`${id}-${which}`}
        type="text"
        inputMode="numeric"
        size={4}
        autocomplete="off"
        value={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={described}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </div>
  );
  return (
    <fieldset class={failing ? 'duration field-invalid' : 'duration'}>
      <legend>{legend}</legend>
      <div class="duration-boxes">
        {box('hours', hours, onHours)}
        {box('minutes', minutes, onMinutes)}
      </div>
      {hint && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
      {failing && (
        <p class="field-error" id={errorId}>
          {form.errors[failing]}
        </p>
      )}
    </fieldset>
  );
}

/** A subsidy line as typed. */
export interface SubsidyDraft {
  label: string;
  amount: string;
}

export function subsidyDrafts(lines: readonly SubsidyLine[]): SubsidyDraft[] {
  return lines.map((line) => ({ label: line.label, amount: centsInput(line.amount_cents) }));
}

/** The lines as the API takes them; an amount that does not read is an error beside it. */
export function subsidyLines(drafts: readonly SubsidyDraft[], field: string, amounts: Amounts): SubsidyLine[] {
  return drafts.map((draft, index) => ({
    label: draft.label.trim(),
    amount_cents: amounts.cents(`${field}[${index}].amount_cents`, draft.amount),
  }));
}

/** The subsidies of the post, line by line: a label and a monthly amount each, added and removed. */
export function SubsidyFields({
  field,
  drafts,
  onChange,
}: {
  /** The API's field: `monthly_subsidies` or `subsidies`. */
  field: string;
  drafts: SubsidyDraft[];
  onChange: (drafts: SubsidyDraft[]) => void;
}) {
  const set = (index: number, patch: Partial<SubsidyDraft>) =>
    onChange(drafts.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
  const group = useControl(field);
  return (
    <fieldset>
      <legend>{t('staffing.web.subsidies.legend')}</legend>
      {drafts.length === 0 && <p>{t('staffing.web.subsidies.none')}</p>}
      {drafts.map((draft, index) => (
        <SubsidyRow
          key={index}
          field={field}
          index={index}
          draft={draft}
          onLabel={(label) => set(index, { label })}
          onAmount={(amount) => set(index, { amount })}
          onRemove={() => onChange(drafts.filter((_, at) => at !== index))}
        />
      ))}
      <FieldError name={group.name} />
      {drafts.length < 20 && (
        <button type="button" class="button small" onClick={() => onChange([...drafts, { label: '', amount: '' }])}>
          {t('staffing.web.subsidies.add')}
        </button>
      )}
    </fieldset>
  );
}

function SubsidyRow({
  field,
  index,
  draft,
  onLabel,
  onAmount,
  onRemove,
}: {
  field: string;
  index: number;
  draft: SubsidyDraft;
  onLabel: (value: string) => void;
  onAmount: (value: string) => void;
  onRemove: () => void;
}) {
  const label = useControl(`${field}[${index}].label`);
  const amount = useControl(`${field}[${index}].amount_cents`);
  const number = index + 1;
  return (
    <div class="subsidy-line">
      <div class="field">
        <label for={label.id}>{t('staffing.web.subsidies.label', { number })}</label>
        <input {...label} type="text" value={draft.label} onInput={(e) => onLabel(e.currentTarget.value)} />
        <FieldError name={label.name} />
      </div>
      <div class="field">
        <label for={amount.id}>{t('staffing.web.subsidies.amount', { number })}</label>
        <input
          {...amount}
          type="text"
          inputMode="decimal"
          value={draft.amount}
          onInput={(e) => onAmount(e.currentTarget.value)}
        />
        <FieldError name={amount.name} />
      </div>
      <button type="button" class="button small" onClick={onRemove}>
        {t('staffing.web.subsidies.remove', { number })}
      </button>
    </div>
  );
}
