// « Mon planning »: the signed-in person's plan across all her positions and sites, a week or a
// month at a time (GET /api/v1/me/plan), with the choice of one site or employer shown alone —
// the HR manager switches between Alma and Iciela there —, and for each position the agreed
// shares beside the planned and the worked ones over the days shown. She sees every structure of
// her own positions: the plan is hers (a structure's view of it is « Planning » on its position).
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { t } from '../../i18n';
import { useQuery } from '../../kit/query';
import type { Items, Position } from '../../types';
import type { PageContext } from '../module';
import { CalendarControls, PlanCalendar } from './PlanCalendar';
import { calendarFromSearch, monthsOf, type CalendarRange } from './planning';
import { SharesChart } from './SharesChart';
import { useStructureNames } from './shared';
import { structuresOn, todayInParis } from './staffing';
import type { DayRecord, MyPlan } from './types';

const PATH = '/mon-planning';
const MY_POSITIONS = '/api/v1/me/positions';

/** Every structure she may work for in the range, across her positions: the sites one may show alone. */
function sitesHeld(positions: readonly Position[], range: CalendarRange): number[] {
  const sites = new Set<number>();
  for (const position of positions) {
    for (const id of structuresOn(position, range.first)) sites.add(id);
    for (const id of structuresOn(position, range.last)) sites.add(id);
  }
  return [...sites];
}

/** Her recorded days of the range, for each position (one GET per position and month). */
async function recordsOf(positions: readonly Position[], range: CalendarRange): Promise<Map<number, DayRecord[]>> {
  const found = new Map<number, DayRecord[]>();
  await Promise.all(
    positions.map(async (position) => {
      const months = await Promise.all(
        monthsOf(range).map((month) =>
          api.get<Items<DayRecord>>(`/api/v1/me/positions/${position.id}/days?month=${month}`).then((answer) => answer.items),
        ),
      );
      found.set(position.id, months.flat());
    }),
  );
  return found;
}

export default function MyPlanning({ location }: PageContext) {
  const today = todayInParis();
  const { range, site, valid } = calendarFromSearch(location.search, today);
  const positions = useQuery<Items<Position>>(MY_POSITIONS);
  const held = positions.data?.items;
  const plan = useQuery<MyPlan>(held && held.length > 0 ? `/api/v1/me/plan?from=${range.first}&to=${range.last}` : null);
  const records = useQuery<Map<number, DayRecord[]>>(held && held.length > 0 ? `${MY_POSITIONS}#records=${range.first}:${range.last}` : null, {
    load: () => recordsOf(held ?? [], range),
  });
  const nameOf = useStructureNames();
  const titleOf = (id: number) => held?.find((position) => position.id === id)?.title ?? '';
  const label = t('staffing.web.plan.my_region');

  return (
    <div>
      <PageHeading title={t('staffing.web.nav.plan')} />
      <p>{t('staffing.web.plan.my_intro')}</p>
      {!valid && <p class="notice notice-info">{t('staffing.web.plan.bad_address')}</p>}
      <LoadState resource={positions} what={t('staffing.web.days.positions_what')} />
      {held && held.length === 0 && <p>{t('staffing.web.days.no_position')}</p>}
      {held && held.length > 0 && (
        <>
          <CalendarControls path={PATH} range={range} today={today} site={site} sites={sitesHeld(held, range)} nameOf={nameOf} />
          {plan.data ? (
            <PlanCalendar
              range={range}
              halfDays={plan.data.half_days}
              site={site}
              today={today}
              label={label}
              nameOf={nameOf}
              titleOf={held.length > 1 ? titleOf : undefined}
            />
          ) : (
            <LoadState resource={plan} what={t('staffing.web.plan.what')} />
          )}
          <p>
            <a href="/mes-journees">{t('staffing.web.plan.to_days')}</a>
          </p>
          {plan.data && records.data && (
            <section aria-labelledby="my-shares">
              <h2 id="my-shares">{t('staffing.web.plan.shares_title')}</h2>
              <p>{t('staffing.web.plan.shares_intro')}</p>
              {held.map((position) => (
                <SharesChart
                  key={position.id}
                  position={position}
                  range={range}
                  halfDays={plan.data?.half_days ?? []}
                  records={records.data?.get(position.id) ?? []}
                  seesAll
                  nameOf={nameOf}
                />
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}
