// « Mes journées »: the signed-in person's week, Monday to Sunday, across all her positions and
// sites: for each day the hours per structure and any absence, as she recorded them. Each past or
// current working day can be confirmed or corrected: hours and minutes per structure of that day
// (the parties of the agreement that governs it, or her employers), and an absence with its kind
// and length. The week is in the address (?semaine=2026-W38, or ?du=2026-09-14) so that it can be
// linked; on a phone the week is a list of day cards (ResponsiveTable).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { t, type MessageId } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { navigate } from '../../router';
import type { Items, Position } from '../../types';
import type { PageContext } from '../module';
import { dateLabel, dayLabel, duration, DurationInputs, useStructureNames } from './shared';
import {
  addDays,
  contractDayMinutes,
  isoWeekOf,
  isoWeekText,
  loadWeek,
  minutesByStructure,
  mondayOf,
  parseDuration,
  splitMinutes,
  todayInParis,
  weekFromSearch,
  weekMinutes,
  type DayPart,
  type WeekDay,
  type WeekView,
} from './staffing';
import type { AbsenceKind, DayRecord, RecordDayRequest } from './types';

const MY_POSITIONS = '/api/v1/me/positions';
/** The cache's key of a week (its loader asks the months it touches); a saved day invalidates it. */
const WEEK_KEY = '/api/v1/me/positions#semaine=';
const PATH = '/mes-journees';

const ABSENCE_KINDS: Record<AbsenceKind, MessageId> = {
  leave: 'staffing.web.absence.leave',
  sickness: 'staffing.web.absence.sickness',
  training: 'staffing.web.absence.training',
  other: 'staffing.web.absence.other',
};

function absenceLabel(kind: string | null): string {
  return kind !== null && kind in ABSENCE_KINDS ? t(ABSENCE_KINDS[kind as AbsenceKind]) : t('staffing.web.absence.withheld');
}

const daysOf = (positionId: number, month: string) =>
  api.get<Items<DayRecord>>(`/api/v1/me/positions/${positionId}/days?month=${month}`).then((answer) => answer.items);

type WeekButton = 'previous' | 'current' | 'next';
/** The button that moved to another week: it takes the focus back on the new week's page. */
let focusAfterMove: WeekButton | null = null;

/** Which day of which position is being confirmed or corrected. */
interface Editing {
  positionId: number;
  day: string;
}

export default function MyDays({ location }: PageContext) {
  const today = todayInParis();
  const { monday, valid } = weekFromSearch(location.search, today);
  const positions = useQuery<Items<Position>>(MY_POSITIONS);
  const held = positions.data?.items;
  const week = useQuery<WeekView>(held && held.length > 0 ? WEEK_KEY + monday : null, {
    load: () => loadWeek(held ?? [], monday, daysOf),
  });
  const nameOf = useStructureNames();
  const [editing, setEditing] = useState<Editing | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  return (
    <div>
      <PageHeading title={t('staffing.web.nav.days')} />
      <p>{t('staffing.web.days.intro')}</p>
      {!valid && <p class="notice notice-info">{t('staffing.web.days.bad_week')}</p>}
      <LoadState resource={positions} what={t('staffing.web.days.positions_what')} />
      {held && held.length === 0 && <p>{t('staffing.web.days.no_position')}</p>}
      {held && held.length > 0 && (
        <>
          <WeekNavigation monday={monday} today={today} />
          {!week.data ? (
            <LoadState resource={week} what={t('staffing.web.days.what')} />
          ) : (
            <Week
              week={week.data}
              today={today}
              several={held.length > 1}
              nameOf={nameOf}
              onEdit={(positionId, day, button) => {
                opener.current = button;
                setEditing({ positionId, day });
              }}
            />
          )}
          {editing && week.data && (
            <DayEditor
              key={`${editing.positionId}:${editing.day}`}
              week={week.data}
              editing={editing}
              several={held.length > 1}
              nameOf={nameOf}
              onClose={() => {
                setEditing(null);
                // Back to the day's button, which stays in the week.
                opener.current?.focus();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

function WeekNavigation({ monday, today }: { monday: string; today: string }) {
  const buttons = {
    previous: useRef<HTMLButtonElement>(null),
    current: useRef<HTMLButtonElement>(null),
    next: useRef<HTMLButtonElement>(null),
  };
  const [announce, setAnnounce] = useState('');
  const { week } = isoWeekOf(monday);
  const sunday = addDays(monday, 6);
  const title = t('staffing.web.days.week_title', { week, from: dateLabel(monday), to: dateLabel(sunday, true) });

  useEffect(() => {
    if (focusAfterMove === null) return;
    buttons[focusAfterMove].current?.focus();
    focusAfterMove = null;
    // Said once the region is in the page, so that screen readers announce the week shown.
    const timer = setTimeout(() => setAnnounce(title), 50);
    return () => clearTimeout(timer);
  }, []);

  const go = (target: string, which: WeekButton) => {
    focusAfterMove = which;
    navigate(`${PATH}?semaine=${isoWeekText(target)}`, { focus: false });
  };
  const thisWeek = mondayOf(today);
  return (
    <>
      <h2>{title}</h2>
      <div class="week-nav" role="group" aria-label={t('staffing.web.days.week_nav')}>
        <button type="button" class="button" ref={buttons.previous} onClick={() => go(addDays(monday, -7), 'previous')}>
          {t('staffing.web.days.previous')}
        </button>
        <button
          type="button"
          class="button"
          ref={buttons.current}
          aria-current={monday === thisWeek ? 'date' : undefined}
          onClick={() => go(thisWeek, 'current')}
        >
          {t('staffing.web.days.this_week')}
        </button>
        <button type="button" class="button" ref={buttons.next} onClick={() => go(addDays(monday, 7), 'next')}>
          {t('staffing.web.days.next')}
        </button>
      </div>
      <div role="status" class="visually-hidden">
        {announce}
      </div>
    </>
  );
}

/** Whether the day of this position can be confirmed now: a working day, today or before. */
function confirmable(part: DayPart, day: string, today: string): boolean {
  return part.working && day <= today;
}

function Week({
  week,
  today,
  several,
  nameOf,
  onEdit,
}: {
  week: WeekView;
  today: string;
  several: boolean;
  nameOf: (id: number) => string;
  onEdit: (positionId: number, day: string, button: HTMLButtonElement) => void;
}) {
  return (
    <>
      <ResponsiveTable<WeekDay>
        label={t('staffing.web.days.region')}
        caption={t('staffing.web.days.region')}
        rows={week.days}
        rowKey={(day) => day.day}
        columns={[
          {
            key: 'day',
            label: t('staffing.web.days.day'),
            rowHeader: true,
            cell: (day) => (
              <>
                {dayLabel(day.day)}
                {day.day === today && <> ({t('staffing.web.days.today')})</>}
              </>
            ),
          },
          { key: 'hours', label: t('staffing.web.days.hours'), cell: (day) => <DayHours day={day} today={today} nameOf={nameOf} /> },
          { key: 'absence', label: t('staffing.web.days.absence'), cell: (day) => <DayAbsence day={day} /> },
          {
            key: 'total',
            label: t('staffing.web.days.total'),
            cell: (day) => duration(day.parts.reduce((sum, part) => sum + (part.record?.worked_minutes ?? 0), 0)),
          },
          {
            key: 'actions',
            label: t('staffing.web.days.actions'),
            hiddenLabel: true,
            cell: (day) => (
              <>
                {day.parts
                  .filter((part) => confirmable(part, day.day, today))
                  .map((part) => (
                    <button
                      key={part.position.id}
                      type="button"
                      class="button small"
                      onClick={(event) => onEdit(part.position.id, day.day, event.currentTarget)}
                    >
                      {t(part.record ? 'staffing.web.days.correct' : 'staffing.web.days.confirm')}
                      <span class="visually-hidden">
                        {' '}
                        {several
                          ? t('staffing.web.days.of_day_position', { day: dayLabel(day.day), position: part.position.title })
                          : t('staffing.web.days.of_day', { day: dayLabel(day.day) })}
                      </span>
                    </button>
                  ))}
              </>
            ),
          },
        ]}
      />
      <p>{t('staffing.web.days.week_total', { total: duration(weekMinutes(week)) })}</p>
    </>
  );
}

function DayHours({ day, today, nameOf }: { day: WeekDay; today: string; nameOf: (id: number) => string }) {
  const hours = minutesByStructure(day);
  if (hours.length > 0) {
    return (
      <ul class="day-hours">
        {hours.map(([structure, minutes]) => (
          <li key={structure}>{t('staffing.web.days.at', { structure: nameOf(structure), duration: duration(minutes) })}</li>
        ))}
      </ul>
    );
  }
  if (day.parts.some((part) => part.record)) return <>{t('staffing.web.days.no_hours')}</>;
  if (day.parts.some((part) => confirmable(part, day.day, today))) return <>{t('staffing.web.days.unconfirmed')}</>;
  if (day.parts.every((part) => !part.working)) return <>{t('staffing.web.days.not_working')}</>;
  return <>{t('staffing.web.days.to_come')}</>;
}

function DayAbsence({ day }: { day: WeekDay }) {
  const absences = day.parts.flatMap((part) => (part.record?.absence ? [part.record.absence] : []));
  if (absences.length === 0) return <>{t('staffing.web.days.no_absence')}</>;
  return (
    <>
      {absences
        .map((absence) => t('staffing.web.days.absence_of', { kind: absenceLabel(absence.kind), duration: duration(absence.minutes) }))
        .join(' ; ')}
    </>
  );
}

function DayEditor({
  week,
  editing,
  several,
  nameOf,
  onClose,
}: {
  week: WeekView;
  editing: Editing;
  several: boolean;
  nameOf: (id: number) => string;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const part = week.days.find((day) => day.day === editing.day)?.parts.find((p) => p.position.id === editing.positionId);
  if (!part) return null;
  const headingId = `day-editor-${editing.positionId}-${editing.day}`;
  return (
    <section class="section-box" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {several
          ? t('staffing.web.day.title_position', { day: dayLabel(editing.day, true), position: part.position.title })
          : t('staffing.web.day.title', { day: dayLabel(editing.day, true) })}
      </h2>
      <DayForm part={part} day={editing.day} nameOf={nameOf} />
      <button type="button" class="button" onClick={onClose}>
        {t('staffing.web.day.close')}
      </button>
    </section>
  );
}

interface Typed {
  hours: string;
  minutes: string;
}

function typed(minutes: number): Typed {
  if (minutes === 0) return { hours: '', minutes: '' };
  const split = splitMinutes(minutes);
  return { hours: String(split.hours), minutes: split.minutes === 0 ? '' : String(split.minutes) };
}

/** The API's fields about the hours as a whole: their error is shown under the hours. */
const ENTRY_FIELDS = ['entries', 'entries.minutes', 'entries.structure_id'];

function DayForm({ part, day, nameOf }: { part: DayPart; day: string; nameOf: (id: number) => string }) {
  const { position, record } = part;
  const structures = [...new Set([...part.structures, ...(record?.entries ?? []).map((entry) => entry.structure_id)])];
  const [hours, setHours] = useState<Record<number, Typed>>(() =>
    Object.fromEntries(
      structures.map((id) => [id, typed(record?.entries.find((entry) => entry.structure_id === id)?.minutes ?? 0)]),
    ),
  );
  const [kind, setKind] = useState<AbsenceKind | ''>(() => (record?.absence?.kind as AbsenceKind | null) ?? '');
  const [absence, setAbsence] = useState<Typed>(() => typed(record?.absence?.minutes ?? 0));
  const contractDay = contractDayMinutes(position);
  const formId = `day-${position.id}-${day}`;

  const form = useForm({
    id: formId,
    validate: () => {
      const errors: Record<string, string> = {};
      for (const id of structures) {
        if (parseDuration(hours[id].hours, hours[id].minutes) === null) errors[`hours-${id}`] = t('staffing.web.error.duration');
      }
      if (kind !== '' && parseDuration(absence.hours, absence.minutes) === null) {
        errors['absence.minutes'] = t('staffing.web.error.duration');
      }
      return errors;
    },
    action: async () => {
      const body: RecordDayRequest = {
        entries: structures
          .map((id) => ({ structure_id: id, minutes: parseDuration(hours[id].hours, hours[id].minutes) ?? 0 }))
          .filter((entry) => entry.minutes > 0),
        absence: kind === '' ? null : { kind, minutes: parseDuration(absence.hours, absence.minutes) ?? 0 },
      };
      await api.put<DayRecord>(`/api/v1/me/positions/${position.id}/days/${day}`, body);
      return t('staffing.web.day.saved', { day: dayLabel(day) });
    },
    invalidates: [WEEK_KEY],
  });
  for (const name of ENTRY_FIELDS) form.fields.add(name);
  const entriesError = ENTRY_FIELDS.find((name) => form.errors[name]);
  const entriesErrorId = `${formId}-entries-error`;

  return (
    <Form form={form} label={t('staffing.web.day.form')}>
      <fieldset>
        <legend>{t('staffing.web.day.hours_legend')}</legend>
        {structures.map((id) => (
          <DurationInputs
            key={id}
            form={form}
            id={`${formId}-hours-${id}`}
            legend={nameOf(id)}
            of={t('staffing.web.day.at_structure', { structure: nameOf(id) })}
            names={[`hours-${id}`]}
            groupError={entriesError ? entriesErrorId : null}
            hours={hours[id].hours}
            minutes={hours[id].minutes}
            onHours={(value) => setHours({ ...hours, [id]: { ...hours[id], hours: value } })}
            onMinutes={(value) => setHours({ ...hours, [id]: { ...hours[id], minutes: value } })}
          />
        ))}
        {entriesError && (
          <p class="field-error" id={entriesErrorId}>
            {form.errors[entriesError]}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('staffing.web.day.absence_legend')}</legend>
        <Field name="absence.kind" label={t('staffing.web.day.absence_kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(event) => setKind(event.currentTarget.value as AbsenceKind | '')}>
              <option value="">{t('staffing.web.day.no_absence')}</option>
              {(Object.keys(ABSENCE_KINDS) as AbsenceKind[]).map((code) => (
                <option key={code} value={code}>
                  {t(ABSENCE_KINDS[code])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind !== '' && (
          <>
            <DurationInputs
              form={form}
              id={`${formId}-absence`}
              legend={t('staffing.web.day.absence_length')}
              of={t('staffing.web.day.of_absence')}
              names={['absence.minutes', 'absence']}
              hint={contractDay > 0 ? t('staffing.web.day.contract_day', { duration: duration(contractDay) }) : undefined}
              hours={absence.hours}
              minutes={absence.minutes}
              onHours={(value) => setAbsence({ ...absence, hours: value })}
              onMinutes={(value) => setAbsence({ ...absence, minutes: value })}
            />
            {contractDay > 0 && (
              <button type="button" class="button small" onClick={() => setAbsence(typed(contractDay))}>
                {t('staffing.web.day.whole_day')}
              </button>
            )}
          </>
        )}
      </fieldset>
      <FormMessages />
      <Submit>{t('staffing.web.day.submit')}</Submit>
    </Form>
  );
}
