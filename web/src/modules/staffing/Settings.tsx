// « Réglages des mises à disposition »: the acting structure's settings as a carrier — its
// opening hours (the half-days the planner may send someone there), its employer contribution
// rate and rate per kilometre from a day on, its VAT treatment, the
// distances by road between sites — and the forms that change them. Only its director and
// HR/finance may: the others read the API's refusal (403) and no form.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatNumber, language, t, type MessageId } from '../../i18n';
import { frenchArticle } from '../../i18n/articles';
import { Field, FieldError, Form, FormMessages, Submit, useControl, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { PageContext } from '../module';
import { Amounts, conflictOnField, shortDate, useStructureNames, useStructures, weekdayName } from './shared';
import { currentMonth, percent, scaledInput } from './staffing';
import type { CarrierRate, CarrierSettings, SiteDistance, VatTreatment } from './types';

const SETTINGS = '/api/v1/staffing/settings';

const TREATMENTS: Record<VatTreatment, MessageId> = {
  franchise_293b: 'staffing.web.vat.franchise_293b',
  exempt_261b: 'staffing.web.vat.exempt_261b',
  subject: 'staffing.web.vat.subject',
};

/** Thousandths of a euro per kilometre, as money: 636 → « 0,636 € ». */
function kmRate(millieuros: number): string {
  return formatNumber(millieuros / 1000, { style: 'currency', currency: 'EUR', minimumFractionDigits: 3 });
}

function kilometres(metres: number): string {
  return t('staffing.web.settings.km', { km: formatNumber(metres / 1000, { maximumFractionDigits: 3 }) });
}

export default function Settings({ session }: PageContext) {
  const settings = useQuery<CarrierSettings>(SETTINGS);
  const nameOf = useStructureNames();
  const view = settings.data;
  const structure = nameOf(session.acting_structure_id ?? 0);
  return (
    <div>
      <PageHeading title={t('staffing.web.nav.settings')} />
      <p>
        <a href="/postes">{t('staffing.web.settings.back')}</a>
      </p>
      <p>{t('staffing.web.settings.intro', { structure, article: frenchArticle(structure) })}</p>
      {settings.error?.status === 403 ? (
        <p class="notice notice-info">{settings.error.message}</p>
      ) : (
        <LoadState resource={settings} what={t('staffing.web.settings.what')} />
      )}
      {view && (
        <>
          <OpeningHours open={view.opening_hours} />
          <Rates rates={view.rates} />
          <Vat vat={view.vat} />
          <Distances distances={view.distances} nameOf={nameOf} actingId={session.acting_structure_id} />
        </>
      )}
    </div>
  );
}

type OpenHalfDay = CarrierSettings['opening_hours'][number];
const HALVES = ['morning', 'afternoon'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The structure's opening hours: the half-days of the week the planner may send someone there. */
function OpeningHours({ open }: { open: OpenHalfDay[] }) {
  const key = (weekday: number, half: string) => `${weekday}:${half}`;
  const [ticked, setTicked] = useState(() => new Set(open.map((h) => key(h.weekday, h.half))));
  const form = useForm({
    id: 'opening',
    invalidates: [SETTINGS],
    action: async () => {
      const half_days = WEEKDAYS.flatMap((weekday) =>
        HALVES.filter((half) => ticked.has(key(weekday, half))).map((half) => ({ weekday, half })),
      );
      await api.put<CarrierSettings>('/api/v1/staffing/settings/opening-hours', { half_days });
      return t('staffing.web.settings.opening_saved', { count: half_days.length });
    },
  });
  const toggle = (id: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };
  return (
    <section aria-labelledby="opening-title">
      <h2 id="opening-title">{t('staffing.web.settings.opening_title')}</h2>
      <p>{t('staffing.web.settings.opening_intro')}</p>
      <Form form={form} label={t('staffing.web.settings.opening_title')}>
        <div class="form-row">
          {WEEKDAYS.map((weekday) => (
            <fieldset key={weekday}>
              <legend>{weekdayName(weekday)}</legend>
              {HALVES.map((half) => {
                const id = `opening-${weekday}-${half}`;
                return (
                  <div class="field checkbox" key={half}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={ticked.has(key(weekday, half))}
                      onChange={(e) => toggle(key(weekday, half), e.currentTarget.checked)}
                    />
                    <label for={id}>
                      {t(half === 'morning' ? 'staffing.web.plan.morning' : 'staffing.web.plan.afternoon')}
                      <span class="visually-hidden"> {weekdayName(weekday)}</span>
                    </label>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
        <FormMessages />
        <Submit>{t('staffing.web.settings.opening_submit')}</Submit>
      </Form>
    </section>
  );
}

function Rates({ rates }: { rates: CarrierRate[] }) {
  const latest = rates[rates.length - 1];
  const [day, setDay] = useState(`${currentMonth()}-01`);
  const [contribution, setContribution] = useState(latest ? scaledInput(latest.employer_contribution_bp, 2, language()) : '');
  const [km, setKm] = useState(latest ? scaledInput(latest.km_rate_millieuros, 3, language()) : '');
  const form = useForm({
    id: 'rates',
    validate: () => (day === '' ? { day: t('staffing.web.error.day') } : null),
    action: async () => {
      const amounts = new Amounts();
      const body = {
        employer_contribution_bp: amounts.basisPoints('employer_contribution_bp', contribution),
        km_rate_millieuros: amounts.millieuros('km_rate_millieuros', km),
      };
      amounts.check();
      await api.put<CarrierSettings>(`/api/v1/staffing/settings/rates/${day}`, body).catch((caught) => conflictOnField(caught, 'day'));
      return t('staffing.web.settings.rates_saved', { day: shortDate(day) });
    },
    invalidates: [SETTINGS],
  });
  return (
    <section aria-labelledby="rates-title">
      <h2 id="rates-title">{t('staffing.web.settings.rates_title')}</h2>
      {rates.length === 0 ? (
        <p>{t('staffing.web.settings.no_rates')}</p>
      ) : (
        <ResponsiveTable<CarrierRate>
          label={t('staffing.web.settings.rates_region')}
          caption={t('staffing.web.settings.rates_region')}
          rows={rates}
          rowKey={(rate) => rate.effective_from}
          columns={[
            { key: 'from', label: t('staffing.web.settings.from'), rowHeader: true, cell: (rate) => shortDate(rate.effective_from) },
            {
              key: 'contribution',
              label: t('staffing.web.settings.contribution'),
              cell: (rate) => percent(rate.employer_contribution_bp),
            },
            { key: 'km', label: t('staffing.web.settings.km_rate'), cell: (rate) => kmRate(rate.km_rate_millieuros) },
          ]}
        />
      )}
      <Form form={form} label={t('staffing.web.settings.rates_form')}>
        <h3>{t('staffing.web.settings.rates_form')}</h3>
        <Field name="day" label={t('staffing.web.settings.rates_day')} hint={t('staffing.web.settings.rates_day_hint')}>
          {(props) => <input {...props} type="date" required value={day} onInput={(e) => setDay(e.currentTarget.value)} />}
        </Field>
        <Field
          name="employer_contribution_bp"
          label={t('staffing.web.settings.contribution_label')}
          hint={t('staffing.web.settings.contribution_hint')}
        >
          {(props) => (
            <input {...props} type="text" inputMode="decimal" value={contribution} onInput={(e) => setContribution(e.currentTarget.value)} />
          )}
        </Field>
        <Field name="km_rate_millieuros" label={t('staffing.web.settings.km_label')} hint={t('staffing.web.settings.km_hint')}>
          {(props) => <input {...props} type="text" inputMode="decimal" value={km} onInput={(e) => setKm(e.currentTarget.value)} />}
        </Field>
        <FormMessages />
        <Submit>{t('staffing.web.settings.rates_submit')}</Submit>
      </Form>
    </section>
  );
}

function Vat({ vat }: { vat: CarrierSettings['vat'] }) {
  const [treatment, setTreatment] = useState<VatTreatment | ''>(vat?.treatment ?? '');
  const [rate, setRate] = useState(vat && vat.treatment === 'subject' ? scaledInput(vat.rate_bp, 2, language()) : '');
  const form = useForm({
    id: 'vat',
    validate: () => (treatment === '' ? { treatment: t('staffing.web.settings.vat_required') } : null),
    action: async () => {
      if (treatment === '') return;
      const amounts = new Amounts();
      const body = { treatment, rate_bp: treatment === 'subject' ? amounts.basisPoints('rate_bp', rate) : null };
      amounts.check();
      await api.put<CarrierSettings>('/api/v1/staffing/settings/vat', body);
      return t('staffing.web.settings.vat_saved');
    },
    invalidates: [SETTINGS],
  });
  return (
    <section aria-labelledby="vat-title">
      <h2 id="vat-title">{t('staffing.web.settings.vat_title')}</h2>
      <p>
        {vat
          ? vat.treatment === 'subject'
            ? t('staffing.web.settings.vat_now_subject', { rate: percent(vat.rate_bp) })
            : t('staffing.web.settings.vat_now', { treatment: t(TREATMENTS[vat.treatment]) })
          : t('staffing.web.settings.vat_unset')}
      </p>
      <Form form={form} label={t('staffing.web.settings.vat_form')}>
        <fieldset>
          <legend>{t('staffing.web.settings.vat_legend')}</legend>
          {(Object.keys(TREATMENTS) as VatTreatment[]).map((code) => (
            <TreatmentChoice key={code} code={code} checked={treatment === code} onChoose={setTreatment} />
          ))}
          <FieldError name="treatment" />
        </fieldset>
        {treatment === 'subject' && (
          <Field name="rate_bp" label={t('staffing.web.settings.vat_rate')} hint={t('staffing.web.settings.vat_rate_hint')}>
            {(props) => <input {...props} type="text" inputMode="decimal" value={rate} onInput={(e) => setRate(e.currentTarget.value)} />}
          </Field>
        )}
        <FormMessages />
        <Submit>{t('staffing.web.settings.vat_submit')}</Submit>
      </Form>
    </section>
  );
}

function TreatmentChoice({ code, checked, onChoose }: { code: VatTreatment; checked: boolean; onChoose: (code: VatTreatment) => void }) {
  const control = useControl('treatment');
  const id = `${control.id}-${code}`;
  return (
    <div class="choice">
      <input
        type="radio"
        id={id}
        name={control.name}
        value={code}
        checked={checked}
        aria-invalid={control['aria-invalid']}
        aria-describedby={control['aria-describedby']}
        onChange={() => onChoose(code)}
      />
      <label for={id}>{t(TREATMENTS[code])}</label>
    </div>
  );
}

function Distances({
  distances,
  nameOf,
  actingId,
}: {
  distances: SiteDistance[];
  nameOf: (id: number) => string;
  actingId: number | null;
}) {
  const structures = useStructures();
  const [siteA, setSiteA] = useState(actingId === null ? '' : String(actingId));
  const [siteB, setSiteB] = useState('');
  const [km, setKm] = useState('');
  const form = useForm({
    id: 'distance',
    validate: () => {
      const errors: Record<string, string> = {};
      if (siteA === '') errors.site_a = t('staffing.web.settings.site_required');
      if (siteB === '') errors.site_b = t('staffing.web.settings.site_required');
      return errors;
    },
    action: async () => {
      const amounts = new Amounts();
      const body = { metres: amounts.metres('metres', km) };
      amounts.check();
      await api.put<CarrierSettings>(`/api/v1/staffing/settings/distances/${siteA}/${siteB}`, body);
      return t('staffing.web.settings.distance_saved', {
        a: nameOf(Number(siteA)),
        b: nameOf(Number(siteB)),
        distance: kilometres(body.metres),
      });
    },
    invalidates: [SETTINGS],
  });
  const options = (value: string, onValue: (value: string) => void) => (props: object) => (
    <select {...props} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
      <option value="">{t('staffing.web.settings.choose_site')}</option>
      {structures.map((structure) => (
        <option key={structure.id} value={String(structure.id)}>
          {structure.name}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-labelledby="distances-title">
      <h2 id="distances-title">{t('staffing.web.settings.distances_title')}</h2>
      <p>{t('staffing.web.settings.distances_intro')}</p>
      {distances.length === 0 ? (
        <p>{t('staffing.web.settings.no_distances')}</p>
      ) : (
        <ResponsiveTable<SiteDistance>
          label={t('staffing.web.settings.distances_region')}
          caption={t('staffing.web.settings.distances_region')}
          rows={distances}
          rowKey={(d) => `${d.site_a}-${d.site_b}`}
          columns={[
            {
              key: 'sites',
              label: t('staffing.web.settings.between'),
              rowHeader: true,
              cell: (d) => t('staffing.web.settings.between_sites', { a: nameOf(d.site_a), b: nameOf(d.site_b) }),
            },
            { key: 'metres', label: t('staffing.web.settings.distance'), cell: (d) => kilometres(d.metres) },
          ]}
        />
      )}
      <Form form={form} label={t('staffing.web.settings.distance_form')}>
        <h3>{t('staffing.web.settings.distance_form')}</h3>
        <Field name="site_a" label={t('staffing.web.settings.site_a')}>
          {options(siteA, setSiteA)}
        </Field>
        <Field name="site_b" label={t('staffing.web.settings.site_b')}>
          {options(siteB, setSiteB)}
        </Field>
        <Field name="metres" label={t('staffing.web.settings.distance_label')} hint={t('staffing.web.settings.distance_hint')}>
          {(props) => <input {...props} type="text" inputMode="decimal" value={km} onInput={(e) => setKm(e.currentTarget.value)} />}
        </Field>
        <FormMessages />
        <Submit>{t('staffing.web.settings.distance_submit')}</Submit>
      </Form>
    </section>
  );
}
