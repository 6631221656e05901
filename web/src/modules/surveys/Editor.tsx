// « Créer un questionnaire »: an XLSForm built in the page, for who has no spreadsheet program,
// question by question (its type, name, labels and hints in French and English, whether it is
// required, when it shows, what answer it accepts, a select's choices), with one level of groups.
// The draft is kept in this browser until it is saved; saving writes pyxform's one-file CSV
// (editor.ts) and uploads it as the upload of Forms.tsx does, and the server's problems are shown
// beside the question they are about. A questionnaire of the structure opens as a model: saved, it
// is a new questionnaire; what the editor does not edit in it is kept as it is, read-only.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../actions';
import { ApiError, errorFromResponse, query, sendFile } from '../../api';
import { LoadState, Notice, PageHeading } from '../../components';
import { language, t, type MessageId } from '../../i18n';
import { Field, FieldError, Form, FormErrors, FormMessages, Submit, useForm, type FieldErrors } from '../../kit/form';
import { invalidate, useQuery } from '../../kit/query';
import { navigate } from '../../router';
import type { PageContext } from '../module';
import { CollectiveField } from './CollectiveField';
import {
  FRENCH,
  QUESTION_TYPES,
  addItem,
  asCopy,
  changeType,
  clearDraft,
  conditionExpression,
  constraintExpression,
  duplicateItem,
  earlierQuestions,
  field,
  isAnswered,
  isNumber,
  isSelect,
  loadDraft,
  moveIn,
  moveItem,
  newChoice,
  newDraft,
  newGroup,
  newQuestion,
  operatorsFor,
  problemKey,
  readCsv,
  removeItem,
  resolveChoiceNames,
  resolveFormId,
  resolveNames,
  saveDraft,
  updateItem,
  validate,
  writeCsv,
  type Choice,
  type Condition,
  type Draft,
  type Group,
  type Item,
  type Kept,
  type Operator,
  type Question,
  type QuestionType,
  type Reading,
  type Verbatim,
} from './editor';
import { ProblemsTable } from './Problems';
import type { SurveyFormCreated, SurveyFormList, XlsFormProblem } from './types';
import './surveys.css';

const FORMS = '/api/v1/surveys/forms';
const FORM_ID = 'editor';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The id the kit gives the control of a field of the editor's form. */
const controlId = (name: string) => `${FORM_ID}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const TYPE_LABEL: Record<QuestionType, MessageId> = {
  text: 'surveys.web.editor.type.text',
  integer: 'surveys.web.editor.type.integer',
  decimal: 'surveys.web.editor.type.decimal',
  select_one: 'surveys.web.editor.type.select_one',
  select_multiple: 'surveys.web.editor.type.select_multiple',
  date: 'surveys.web.editor.type.date',
  time: 'surveys.web.editor.type.time',
  note: 'surveys.web.editor.type.note',
  acknowledge: 'surveys.web.editor.type.acknowledge',
};

const OPERATOR_LABEL: Record<Operator, MessageId> = {
  '=': 'surveys.web.editor.operator.equal',
  '!=': 'surveys.web.editor.operator.not_equal',
  '<': 'surveys.web.editor.operator.less',
  '<=': 'surveys.web.editor.operator.at_most',
  '>': 'surveys.web.editor.operator.greater',
  '>=': 'surveys.web.editor.operator.at_least',
  selected: 'surveys.web.editor.operator.selected',
  not_selected: 'surveys.web.editor.operator.not_selected',
};

interface Problems {
  errors: XlsFormProblem[];
  warnings: XlsFormProblem[];
  /** The server's problems by the key of the question (or `settings`) they are about. */
  byKey: Map<string, XlsFormProblem[]>;
}

/** What the page knows of the draft's parts while it renders them. */
interface Context {
  draft: Draft;
  names: Map<string, string>;
  numbers: Map<string, number>;
  problems: Map<string, XlsFormProblem[]>;
  change: (key: string, next: (item: Item) => Item) => void;
  move: (key: string, by: number) => void;
  duplicate: (key: string) => void;
  remove: (key: string) => void;
  add: (item: Item, groupKey?: string) => void;
}

export default function Editor(_context: PageContext) {
  const forms = useQuery<SurveyFormList>(FORMS);
  const [start] = useState(() => {
    const stored = loadDraft(storage());
    return { draft: stored ?? newDraft(), restored: stored !== null };
  });
  const [draft, setDraft] = useState<Draft>(start.draft);
  const [restored, setRestored] = useState(start.restored);
  const [touched, setTouched] = useState(false);
  const [collective, setCollective] = useState('');
  const [summary, setSummary] = useState('');
  const [problems, setProblems] = useState<Problems | null>(null);
  const [opened, setOpened] = useState<Reading | null>(null);
  const [focus, setFocus] = useState<string[]>([]);

  useEffect(() => {
    if (touched) saveDraft(storage(), draft);
  }, [draft, touched]);

  // After a move, an addition or a removal, the focus goes where the person expects it.
  useEffect(() => {
    for (const id of focus) {
      const element = document.getElementById(id) as HTMLButtonElement | null;
      if (element && !element.disabled) {
        element.focus();
        break;
      }
    }
  }, [focus]);

  const edit = (next: (draft: Draft) => Draft) => {
    setDraft(next);
    setTouched(true);
  };

  const save = useForm({
    id: FORM_ID,
    invalidates: [FORMS],
    validate: () => {
      setSummary('');
      const issues = validate(draft);
      if (issues.length === 0) return null;
      const errors: FieldErrors = {};
      for (const issue of issues) errors[issue.field] ??= t(issue.message, issue.params);
      setSummary(t('surveys.web.editor.invalid', { count: issues.length }));
      return errors;
    },
    action: async () => {
      const written = writeCsv(draft);
      setProblems(null);
      try {
        const created = await sendFile<SurveyFormCreated>(
          'POST',
          FORMS + query({ title: draft.settings.title.trim(), collective_id: collective, file_name: `${resolveFormId(draft.settings)}.csv` }),
          written.csv,
          'text/csv',
        );
        clearDraft(storage());
        setTouched(false);
        invalidate(FORMS);
        navigate(`/questionnaires/${created.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.details && typeof error.details === 'object') {
          const body = error.details as { problems?: XlsFormProblem[]; warnings?: XlsFormProblem[] };
          if (body.problems) {
            const byKey = new Map<string, XlsFormProblem[]>();
            for (const problem of [...body.problems, ...(body.warnings ?? [])]) {
              const key = problemKey(written, problem);
              if (key) byKey.set(key, [...(byKey.get(key) ?? []), problem]);
            }
            setProblems({ errors: body.problems, warnings: body.warnings ?? [], byKey });
          }
        }
        // Another questionnaire has this form_id: hers to change, in its field.
        if (error instanceof ApiError && error.status === 409) throw new FormErrors({ 'settings.form_id': error.message });
        throw error;
      }
    },
  });

  const startAfresh = () => {
    clearDraft(storage());
    setDraft(newDraft());
    setTouched(false);
    setRestored(false);
    setProblems(null);
    setOpened(null);
    setSummary('');
    setFocus([controlId('settings.title')]);
  };

  const names = resolveNames(draft);
  const numbers = new Map<string, number>();
  {
    let question = 0;
    let group = 0;
    for (const item of draft.items) {
      if (item.kind === 'group') {
        numbers.set(item.key, ++group);
        for (const inner of item.items) numbers.set(inner.key, ++question);
      } else numbers.set(item.key, ++question);
    }
  }
  const context: Context = {
    draft,
    names,
    numbers,
    problems: problems?.byKey ?? new Map(),
    change: (key, next) => edit((d) => updateItem(d, key, next)),
    move: (key, by) => {
      edit((d) => moveItem(d, key, by));
      setFocus([`${FORM_ID}-${key}-${by < 0 ? 'up' : 'down'}`, `${FORM_ID}-${key}-${by < 0 ? 'down' : 'up'}`]);
    },
    duplicate: (key) => {
      const made = duplicateItem(draft, key);
      edit(() => made.draft);
      setFocus([`${FORM_ID}-${made.key}-up`]);
    },
    remove: (key) => {
      edit((d) => removeItem(d, key));
      setFocus([`${FORM_ID}-add-question`]);
    },
    add: (item, groupKey) => {
      edit((d) => addItem(d, item, groupKey));
      setFocus([controlId(field(item.key, item.kind === 'group' ? 'label_fr' : 'type'))]);
    },
  };

  const allowed = can(forms.data, 'create_form');
  const settings = draft.settings;
  const setSettings = (change: Partial<Draft['settings']>) => edit((d) => ({ ...d, settings: { ...d.settings, ...change } }));
  return (
    <div class="editor">
      <p class="eyebrow">
        <a href="/questionnaires">{t('surveys.web.nav.forms')}</a>
      </p>
      <PageHeading title={t('surveys.web.editor.title')} />
      <LoadState resource={forms} what={t('surveys.web.forms.what')} />
      {forms.data && !allowed && <p class="notice notice-info">{t('surveys.web.editor.not_allowed')}</p>}
      {allowed && (
        <>
          <p>{t('surveys.web.editor.intro')}</p>
          <p class="hint">{t('surveys.web.editor.kept_here')}</p>
          {restored && <p class="notice notice-info">{t('surveys.web.editor.restored')}</p>}
          <p>
            <button type="button" class="button" onClick={startAfresh}>
              {t('surveys.web.editor.new_draft')}
            </button>
          </p>
          <Model
            forms={forms.data?.items ?? []}
            onOpen={(reading) => {
              const taken = new Set((forms.data?.items ?? []).map((form) => form.xform_id));
              edit(() => asCopy(reading.draft, taken));
              setOpened(reading);
              setRestored(false);
              setProblems(null);
              setSummary('');
            }}
          />
          {opened && <Opened reading={opened} />}

          <Form form={save} label={t('surveys.web.editor.title')} class="form editor-form">
            <fieldset class={context.problems.has('settings') ? 'editor-item editor-item-problem' : 'editor-item'}>
              <legend>{t('surveys.web.editor.settings')}</legend>
              <ServerProblems problems={context.problems.get('settings')} />
              <div class="editor-grid">
                <Field name="settings.title" label={t('surveys.web.editor.form_title')}>
                  {(props) => <input {...props} type="text" maxLength={200} value={settings.title} onInput={(e) => setSettings({ title: e.currentTarget.value })} />}
                </Field>
                <Field
                  name="settings.form_id"
                  label={t('surveys.web.editor.form_id')}
                  hint={t('surveys.web.editor.form_id_hint', { form_id: resolveFormId({ ...settings, formId: '' }) })}
                >
                  {(props) => <input {...props} type="text" maxLength={100} value={settings.formId} onInput={(e) => setSettings({ formId: e.currentTarget.value })} />}
                </Field>
                <Field name="settings.version" label={t('surveys.web.editor.version')} hint={t('surveys.web.editor.version_hint')}>
                  {(props) => <input {...props} type="text" maxLength={50} value={settings.version} onInput={(e) => setSettings({ version: e.currentTarget.value })} />}
                </Field>
                <CollectiveField value={collective} onChange={setCollective} />
              </div>
              <KeptCells kept={settings.kept} />
            </fieldset>

            <h2 id="editor-questions">{t('surveys.web.editor.questions')}</h2>
            <FieldError name="draft.items" />
            {draft.items.map((item, index) => (
              <ItemEditor key={item.key} item={item} context={context} first={index === 0} last={index === draft.items.length - 1} />
            ))}
            <p class="editor-actions">
              <button type="button" class="button" id={`${FORM_ID}-add-question`} onClick={() => context.add(newQuestion())}>
                {t('surveys.web.editor.add_question')}
              </button>
              <button type="button" class="button" onClick={() => context.add(newGroup())}>
                {t('surveys.web.editor.add_group')}
              </button>
            </p>
            <Notice kind="error" message={summary} />
            <FormMessages />
            <Submit>{t('surveys.web.editor.save')}</Submit>
          </Form>
          {problems && (
            <>
              <ProblemsTable title={t('surveys.web.upload.errors')} problems={problems.errors} />
              {problems.warnings.length > 0 && <ProblemsTable title={t('surveys.web.upload.warnings')} problems={problems.warnings} />}
            </>
          )}
        </>
      )}
    </div>
  );
}

/** « Ouvrir un questionnaire existant comme modèle »: its XLSForm read back into the editor. */
function Model({ forms, onOpen }: { forms: SurveyFormList['items']; onOpen: (reading: Reading) => void }) {
  const [chosen, setChosen] = useState('');
  const open = useForm({
    id: 'editor-model',
    validate: () => (chosen === '' ? { form: t('surveys.web.editor.model_choose') } : null),
    action: async () => {
      const form = forms.find((f) => String(f.id) === chosen);
      let response: Response;
      try {
        response = await fetch(`${FORMS}/${chosen}/xlsform.csv`, {
          headers: { Accept: 'text/csv', 'Accept-Language': language() },
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        throw new ApiError(0, 'network', t('core.web.network'));
      }
      if (!response.ok) throw await errorFromResponse(response);
      let reading: Reading;
      try {
        reading = readCsv(await response.text());
      } catch {
        throw new FormErrors({ form: t('surveys.web.editor.model_unreadable') });
      }
      onOpen(reading);
      return t('surveys.web.editor.model_opened', { title: form?.title ?? '' });
    },
  });
  if (forms.length === 0) return null;
  return (
    <section aria-labelledby="editor-model-title">
      <h2 id="editor-model-title">{t('surveys.web.editor.model_title')}</h2>
      <Form form={open} label={t('surveys.web.editor.model_title')}>
        <Field name="form" label={t('surveys.web.editor.model_form')} hint={t('surveys.web.editor.model_hint')}>
          {(props) => (
            <select {...props} value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
              <option value="">{t('surveys.web.editor.model_none')}</option>
              {forms.map((form) => (
                <option key={form.id} value={String(form.id)}>
                  {form.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormMessages />
        <Submit class="button">{t('surveys.web.editor.model_open')}</Submit>
      </Form>
    </section>
  );
}

/** What an opened model holds that the editor keeps as it is. */
function Opened({ reading }: { reading: Reading }) {
  const { keptColumns, keptTypes, ignoredSheets } = reading;
  if (keptColumns.length === 0 && keptTypes.length === 0 && ignoredSheets.length === 0) return null;
  return (
    <div class="notice notice-info">
      <p>{t('surveys.web.editor.kept_intro')}</p>
      <ul>
        {keptTypes.length > 0 && <li>{t('surveys.web.editor.kept_types', { types: keptTypes.join(', ') })}</li>}
        {keptColumns.length > 0 && <li>{t('surveys.web.editor.kept_columns', { columns: keptColumns.join(', ') })}</li>}
        {ignoredSheets.length > 0 && <li>{t('surveys.web.editor.ignored_sheets', { sheets: ignoredSheets.join(', ') })}</li>}
      </ul>
    </div>
  );
}

function ServerProblems({ problems }: { problems: XlsFormProblem[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul class="editor-problems">
      {problems.map((problem, index) => (
        <li key={index}>{problem.column ? t('surveys.web.editor.problem_in', { column: problem.column, message: problem.message }) : problem.message}</li>
      ))}
    </ul>
  );
}

/** The columns of a part the editor does not edit, shown as they will be written. */
function KeptCells({ kept }: { kept: Kept }) {
  const cells = Object.entries(kept);
  if (cells.length === 0) return null;
  return (
    <div class="editor-kept">
      <p class="hint">{t('surveys.web.editor.kept_cells')}</p>
      <dl>
        {cells.map(([header, value]) => (
          <div key={header}>
            <dt>{header}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Move, copy and remove buttons; `what` names the part for a screen reader (« la question 3 »). */
function ItemActions({
  itemKey,
  what,
  first,
  last,
  context,
  copy = true,
}: {
  itemKey: string;
  what: string;
  first: boolean;
  last: boolean;
  context: Context;
  copy?: boolean;
}) {
  const hidden = (text: string) => (
    <>
      {text} <span class="visually-hidden">{what}</span>
    </>
  );
  return (
    <p class="editor-actions">
      <button type="button" class="button small" id={`${FORM_ID}-${itemKey}-up`} disabled={first} onClick={() => context.move(itemKey, -1)}>
        {hidden(t('surveys.web.editor.move_up'))}
      </button>
      <button type="button" class="button small" id={`${FORM_ID}-${itemKey}-down`} disabled={last} onClick={() => context.move(itemKey, 1)}>
        {hidden(t('surveys.web.editor.move_down'))}
      </button>
      {copy && (
        <button type="button" class="button small" onClick={() => context.duplicate(itemKey)}>
          {hidden(t('surveys.web.editor.duplicate'))}
        </button>
      )}
      <button type="button" class="button small" onClick={() => context.remove(itemKey)}>
        {hidden(t('surveys.web.editor.remove'))}
      </button>
    </p>
  );
}

function ItemEditor({ item, context, first, last }: { item: Item; context: Context; first: boolean; last: boolean }) {
  if (item.kind === 'group') return <GroupEditor group={item} context={context} first={first} last={last} />;
  if (item.kind === 'verbatim') return <VerbatimBlock block={item} context={context} first={first} last={last} />;
  return <QuestionEditor question={item} context={context} first={first} last={last} />;
}

function Legend({ children, label }: { children: ComponentChildren; label: string }) {
  return (
    <legend>
      {children}
      {label.trim() !== '' && <span class="editor-legend-label"> — {label.trim()}</span>}
    </legend>
  );
}

function itemClass(context: Context, key: string, kind: string): string {
  return `editor-item editor-${kind}${context.problems.has(key) ? ' editor-item-problem' : ''}`;
}

function GroupEditor({ group, context, first, last }: { group: Group; context: Context; first: boolean; last: boolean }) {
  const number = context.numbers.get(group.key) ?? 0;
  const change = (next: Partial<Group>) => context.change(group.key, (item) => ({ ...(item as Group), ...next }));
  const listError = `${controlId(field(group.key, 'items'))}-error`;
  return (
    <fieldset class={itemClass(context, group.key, 'group')}>
      <Legend label={group.labelFr}>{t('surveys.web.editor.group_number', { number })}</Legend>
      <ServerProblems problems={context.problems.get(group.key)} />
      <p class="hint">{t('surveys.web.editor.group_hint')}</p>
      <div class="editor-grid">
        <LabelFields itemKey={group.key} fr={group.labelFr} en={group.labelEn} onFr={(labelFr) => change({ labelFr })} onEn={(labelEn) => change({ labelEn })} group />
        <NameField itemKey={group.key} name={group.name} derived={context.names.get(group.key) ?? ''} onName={(name) => change({ name })} />
      </div>
      <ConditionEditor itemKey={group.key} condition={group.relevant} context={context} onChange={(relevant) => change({ relevant })} />
      <KeptCells kept={group.kept} />
      <ItemActions itemKey={group.key} what={t('surveys.web.editor.of_group', { number })} first={first} last={last} context={context} />
      <div class="editor-group-items">
        {group.items.map((inner, index) => (
          <ItemEditor key={inner.key} item={inner} context={context} first={index === 0} last={index === group.items.length - 1} />
        ))}
        <FieldError name={field(group.key, 'items')} />
        <p>
          <button
            type="button"
            class="button"
            aria-describedby={group.items.length === 0 ? listError : undefined}
            onClick={() => context.add(newQuestion(), group.key)}
          >
            {t('surveys.web.editor.add_to_group')} <span class="visually-hidden">{t('surveys.web.editor.of_group', { number })}</span>
          </button>
        </p>
      </div>
    </fieldset>
  );
}

function VerbatimBlock({ block, context, first, last }: { block: Verbatim; context: Context; first: boolean; last: boolean }) {
  const number = context.numbers.get(block.key) ?? 0;
  return (
    <div class={itemClass(context, block.key, 'verbatim')} role="group" aria-labelledby={`${FORM_ID}-${block.key}-title`}>
      <p class="editor-verbatim-title" id={`${FORM_ID}-${block.key}-title`}>
        {t('surveys.web.editor.verbatim_number', { number })}
      </p>
      <ServerProblems problems={context.problems.get(block.key)} />
      <p class="hint">{t('surveys.web.editor.verbatim_hint')}</p>
      <ul class="editor-verbatim-rows">
        {block.rows.map((row, index) => (
          <li key={index}>
            <code>{row.type ?? ''}</code> {row.name ?? ''} {row[`label::${FRENCH}`] ?? row.label ?? ''}
          </li>
        ))}
      </ul>
      <ItemActions itemKey={block.key} what={t('surveys.web.editor.of_verbatim', { number })} first={first} last={last} context={context} copy={false} />
    </div>
  );
}

function LabelFields({
  itemKey,
  fr,
  en,
  onFr,
  onEn,
  group = false,
}: {
  itemKey: string;
  fr: string;
  en: string;
  onFr: (value: string) => void;
  onEn: (value: string) => void;
  group?: boolean;
}) {
  return (
    <>
      <Field name={field(itemKey, 'label_fr')} label={t(group ? 'surveys.web.editor.group_label_fr' : 'surveys.web.editor.label_fr')}>
        {(props) => <textarea {...props} rows={2} value={fr} onInput={(e) => onFr(e.currentTarget.value)} />}
      </Field>
      <Field name={field(itemKey, 'label_en')} label={t(group ? 'surveys.web.editor.group_label_en' : 'surveys.web.editor.label_en')}>
        {(props) => <textarea {...props} rows={2} lang="en" value={en} onInput={(e) => onEn(e.currentTarget.value)} />}
      </Field>
    </>
  );
}

function NameField({ itemKey, name, derived, onName }: { itemKey: string; name: string; derived: string; onName: (value: string) => void }) {
  return (
    <Field
      name={field(itemKey, 'name')}
      label={t('surveys.web.editor.name')}
      hint={name.trim() === '' ? t('surveys.web.editor.name_derived', { name: derived }) : t('surveys.web.editor.name_hint')}
    >
      {(props) => <input {...props} type="text" maxLength={100} spellcheck={false} value={name} onInput={(e) => onName(e.currentTarget.value)} />}
    </Field>
  );
}

function QuestionEditor({ question, context, first, last }: { question: Question; context: Context; first: boolean; last: boolean }) {
  const number = context.numbers.get(question.key) ?? 0;
  const key = question.key;
  const change = (next: Partial<Question>) => context.change(key, (item) => ({ ...(item as Question), ...next }));
  const answered = isAnswered(question.type);
  const constraint = constraintExpression(question);
  return (
    <fieldset class={itemClass(context, key, 'question')}>
      <Legend label={question.labelFr}>{t('surveys.web.editor.question_number', { number })}</Legend>
      <ServerProblems problems={context.problems.get(key)} />
      <div class="editor-grid">
        <Field name={field(key, 'type')} label={t('surveys.web.editor.type')}>
          {(props) => (
            <select {...props} value={question.type} onChange={(e) => context.change(key, (item) => changeType(item as Question, e.currentTarget.value as QuestionType))}>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(TYPE_LABEL[type])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NameField itemKey={key} name={question.name} derived={context.names.get(key) ?? ''} onName={(name) => change({ name })} />
        <LabelFields itemKey={key} fr={question.labelFr} en={question.labelEn} onFr={(labelFr) => change({ labelFr })} onEn={(labelEn) => change({ labelEn })} />
        <Field name={field(key, 'hint_fr')} label={t('surveys.web.editor.hint_fr')}>
          {(props) => <input {...props} type="text" value={question.hintFr} onInput={(e) => change({ hintFr: e.currentTarget.value })} />}
        </Field>
        <Field name={field(key, 'hint_en')} label={t('surveys.web.editor.hint_en')}>
          {(props) => <input {...props} type="text" lang="en" value={question.hintEn} onInput={(e) => change({ hintEn: e.currentTarget.value })} />}
        </Field>
      </div>
      {answered && (
        <div class="editor-grid">
          <Field name={field(key, 'required')} label={t('surveys.web.editor.required')} class="field checkbox">
            {(props) => <input {...props} type="checkbox" checked={question.required} onChange={(e) => change({ required: e.currentTarget.checked })} />}
          </Field>
          {question.required && (
            <Field name={field(key, 'required_message')} label={t('surveys.web.editor.required_message')} hint={t('surveys.web.editor.required_message_hint')}>
              {(props) => <input {...props} type="text" value={question.requiredMessageFr} onInput={(e) => change({ requiredMessageFr: e.currentTarget.value })} />}
            </Field>
          )}
        </div>
      )}
      {isSelect(question.type) && <ChoicesEditor question={question} onChoices={(choices) => change({ choices })} />}
      <ConditionEditor itemKey={key} condition={question.relevant} context={context} onChange={(relevant) => change({ relevant })} />
      {answered && (
        <fieldset class="editor-part">
          <legend>{t('surveys.web.editor.constraint')}</legend>
          <div class="editor-grid">
            {isNumber(question.type) && (
              <>
                <Field name={field(key, 'constraint_min')} label={t('surveys.web.editor.min')}>
                  {(props) => (
                    <input {...props} type="text" inputMode="decimal" value={question.constraint.min} onInput={(e) => change({ constraint: { ...question.constraint, min: e.currentTarget.value } })} />
                  )}
                </Field>
                <Field name={field(key, 'constraint_max')} label={t('surveys.web.editor.max')}>
                  {(props) => (
                    <input {...props} type="text" inputMode="decimal" value={question.constraint.max} onInput={(e) => change({ constraint: { ...question.constraint, max: e.currentTarget.value } })} />
                  )}
                </Field>
              </>
            )}
            <Field name={field(key, 'constraint_expression')} label={t('surveys.web.editor.constraint_expression')} hint={t('surveys.web.editor.constraint_expression_hint', { example: ". != ${age}" })}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  spellcheck={false}
                  value={question.constraint.expression}
                  onInput={(e) => change({ constraint: { ...question.constraint, expression: e.currentTarget.value } })}
                />
              )}
            </Field>
            {constraint !== '' && (
              <Field name={field(key, 'constraint_message')} label={t('surveys.web.editor.constraint_message')}>
                {(props) => (
                  <input {...props} type="text" value={question.constraint.messageFr} onInput={(e) => change({ constraint: { ...question.constraint, messageFr: e.currentTarget.value } })} />
                )}
              </Field>
            )}
          </div>
          {constraint !== '' && <Written expression={constraint} />}
        </fieldset>
      )}
      <KeptCells kept={question.kept} />
      <ItemActions itemKey={key} what={t('surveys.web.editor.of_question', { number })} first={first} last={last} context={context} />
    </fieldset>
  );
}

function Written({ expression }: { expression: string }) {
  return (
    <p class="hint editor-written">
      {t('surveys.web.editor.written')} <code>{expression}</code>
    </p>
  );
}

function ChoicesEditor({ question, onChoices }: { question: Question; onChoices: (choices: Choice[]) => void }) {
  const key = question.key;
  const names = resolveChoiceNames(question);
  const [focus, setFocus] = useState('');
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus]);
  const set = (index: number, change: Partial<Choice>) => onChoices(question.choices.map((choice, i) => (i === index ? { ...choice, ...change } : choice)));
  const errorId = `${controlId(field(key, 'choices'))}-error`;
  return (
    <fieldset class="editor-part">
      <legend>{t('surveys.web.editor.choices')}</legend>
      <p class="hint">{t('surveys.web.editor.choices_hint')}</p>
      {question.choices.map((choice, index) => {
        const what = t('surveys.web.editor.of_choice', { number: index + 1 });
        const prefix = `${key}.${choice.key}`;
        return (
          <div class="editor-choice" key={choice.key} role="group" aria-label={t('surveys.web.editor.choice_number', { number: index + 1 })}>
            <div class="editor-grid">
              <Field name={`${prefix}.label_fr`} label={t('surveys.web.editor.choice_label_fr', { number: index + 1 })}>
                {(props) => <input {...props} type="text" value={choice.labelFr} onInput={(e) => set(index, { labelFr: e.currentTarget.value })} />}
              </Field>
              <Field name={`${prefix}.label_en`} label={t('surveys.web.editor.choice_label_en', { number: index + 1 })}>
                {(props) => <input {...props} type="text" lang="en" value={choice.labelEn} onInput={(e) => set(index, { labelEn: e.currentTarget.value })} />}
              </Field>
              <Field
                name={`${prefix}.name`}
                label={t('surveys.web.editor.choice_name', { number: index + 1 })}
                hint={choice.name.trim() === '' ? t('surveys.web.editor.name_derived', { name: names.get(choice.key) ?? '' }) : undefined}
              >
                {(props) => <input {...props} type="text" spellcheck={false} value={choice.name} onInput={(e) => set(index, { name: e.currentTarget.value })} />}
              </Field>
            </div>
            <KeptCells kept={choice.kept} />
            <p class="editor-actions">
              <button
                type="button"
                class="button small"
                id={`${FORM_ID}-${choice.key}-up`}
                disabled={index === 0}
                onClick={() => {
                  onChoices(moveIn(question.choices, index, -1));
                  setFocus(index - 1 === 0 ? `${FORM_ID}-${choice.key}-down` : `${FORM_ID}-${choice.key}-up`);
                }}
              >
                {t('surveys.web.editor.move_up')} <span class="visually-hidden">{what}</span>
              </button>
              <button
                type="button"
                class="button small"
                id={`${FORM_ID}-${choice.key}-down`}
                disabled={index === question.choices.length - 1}
                onClick={() => {
                  onChoices(moveIn(question.choices, index, 1));
                  setFocus(index + 1 === question.choices.length - 1 ? `${FORM_ID}-${choice.key}-up` : `${FORM_ID}-${choice.key}-down`);
                }}
              >
                {t('surveys.web.editor.move_down')} <span class="visually-hidden">{what}</span>
              </button>
              <button
                type="button"
                class="button small"
                onClick={() => {
                  onChoices(question.choices.filter((_, i) => i !== index));
                  setFocus(`${FORM_ID}-${key}-add-choice`);
                }}
              >
                {t('surveys.web.editor.remove')} <span class="visually-hidden">{what}</span>
              </button>
            </p>
          </div>
        );
      })}
      <FieldError name={field(key, 'choices')} />
      <p>
        <button
          type="button"
          class="button"
          id={`${FORM_ID}-${key}-add-choice`}
          aria-describedby={question.choices.length === 0 ? errorId : undefined}
          onClick={() => {
            const choice = newChoice();
            onChoices([...question.choices, choice]);
            setFocus(controlId(`${key}.${choice.key}.label_fr`));
          }}
        >
          {t('surveys.web.editor.add_choice')}
        </button>
      </p>
    </fieldset>
  );
}

/** « Afficher la question »: always, when an earlier answer says so (the builder), or by an expression. */
function ConditionEditor({
  itemKey,
  condition,
  context,
  onChange,
}: {
  itemKey: string;
  condition: Condition;
  context: Context;
  onChange: (condition: Condition) => void;
}) {
  const earlier = earlierQuestions(context.draft, itemKey);
  const target = earlier.find((question) => question.key === condition.question);
  const set = (change: Partial<Condition>) => onChange({ ...condition, ...change });
  const written = conditionExpression(
    condition,
    target && { name: context.names.get(target.key) ?? '', type: target.type, choiceNames: resolveChoiceNames(target) },
  );
  const pickQuestion = (key: string) => {
    const next = earlier.find((question) => question.key === key);
    const operators = next ? operatorsFor(next.type) : ['=' as Operator];
    set({ question: key, operator: operators.includes(condition.operator) ? condition.operator : operators[0], value: '' });
  };
  return (
    <fieldset class="editor-part">
      <legend>{t('surveys.web.editor.relevant')}</legend>
      <div class="editor-grid">
        <Field name={field(itemKey, 'relevant_mode')} label={t('surveys.web.editor.relevant_mode')}>
          {(props) => (
            <select {...props} value={condition.mode} onChange={(e) => set({ mode: e.currentTarget.value as Condition['mode'] })}>
              <option value="always">{t('surveys.web.editor.relevant_always')}</option>
              <option value="if">{t('surveys.web.editor.relevant_if')}</option>
              <option value="expression">{t('surveys.web.editor.relevant_expression')}</option>
            </select>
          )}
        </Field>
        {condition.mode === 'if' && (
          <>
            <Field
              name={field(itemKey, 'relevant_question')}
              label={t('surveys.web.editor.relevant_question')}
              hint={earlier.length === 0 ? t('surveys.web.editor.relevant_no_earlier') : undefined}
            >
              {(props) => (
                <select {...props} value={condition.question} onChange={(e) => pickQuestion(e.currentTarget.value)}>
                  <option value="">{t('surveys.web.editor.relevant_choose')}</option>
                  {earlier.map((question) => (
                    <option key={question.key} value={question.key}>
                      {t('surveys.web.editor.relevant_option', {
                        number: context.numbers.get(question.key) ?? 0,
                        label: question.labelFr.trim() || (context.names.get(question.key) ?? ''),
                      })}
                    </option>
                  ))}
                  {condition.question !== '' && !target && <option value={condition.question}>{t('surveys.web.editor.relevant_gone')}</option>}
                </select>
              )}
            </Field>
            {target && (
              <Field name={field(itemKey, 'relevant_operator')} label={t('surveys.web.editor.relevant_operator')}>
                {(props) => (
                  <select {...props} value={condition.operator} onChange={(e) => set({ operator: e.currentTarget.value as Operator })}>
                    {operatorsFor(target.type).map((operator) => (
                      <option key={operator} value={operator}>
                        {t(OPERATOR_LABEL[operator])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {target && (
              <Field name={field(itemKey, 'relevant_value')} label={t(isSelect(target.type) ? 'surveys.web.editor.relevant_choice' : 'surveys.web.editor.relevant_value')}>
                {(props) =>
                  isSelect(target.type) ? (
                    <select {...props} value={condition.value} onChange={(e) => set({ value: e.currentTarget.value })}>
                      <option value="">{t('surveys.web.editor.relevant_choose_choice')}</option>
                      {target.choices.map((choice, index) => (
                        <option key={choice.key} value={choice.key}>
                          {choice.labelFr.trim() || t('surveys.web.editor.choice_number', { number: index + 1 })}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...props}
                      type={target.type === 'date' ? 'date' : 'text'}
                      inputMode={isNumber(target.type) ? 'decimal' : undefined}
                      value={condition.value}
                      onInput={(e) => set({ value: e.currentTarget.value })}
                    />
                  )
                }
              </Field>
            )}
          </>
        )}
        {condition.mode === 'expression' && (
          <Field name={field(itemKey, 'relevant_expression')} label={t('surveys.web.editor.relevant_expression_field')} hint={t('surveys.web.editor.relevant_expression_hint', { example: "${age} >= 18 and ${seul} = 'non'" })}>
            {(props) => <input {...props} type="text" spellcheck={false} value={condition.expression} onInput={(e) => set({ expression: e.currentTarget.value })} />}
          </Field>
        )}
      </div>
      {condition.mode === 'if' && target && condition.value.trim() !== '' && <Written expression={written} />}
    </fieldset>
  );
}
