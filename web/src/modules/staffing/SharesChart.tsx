// The agreed shares of a position beside the planned and the worked ones over the days shown: a
// bar chart and its table (kit/Chart). The worked shares are left out for a reader who does not
// see every structure's hours: their whole would be wrong.
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { Chart } from '../../kit/Chart';
import type { Position } from '../../types';
import { compareShares, type CalendarRange } from './planning';
import { rangeTitle } from './PlanCalendar';
import { percent } from './staffing';
import type { DayRecord, PlannedHalfDay } from './types';

export function SharesChart({
  position,
  range,
  halfDays,
  records,
  seesAll,
  nameOf,
}: {
  position: Position;
  range: CalendarRange;
  halfDays: readonly PlannedHalfDay[];
  records: readonly DayRecord[];
  seesAll: boolean;
  nameOf: (id: number) => string;
}) {
  // The chart is drawn again when its labels or series change identity: computed once per input.
  const { series, labels } = useMemo(() => {
    const found = compareShares(position, range, halfDays, records, seesAll);
    return {
      labels: found.structures.map(nameOf),
      series: [
        { label: t('staffing.web.plan.agreed'), values: found.agreed },
        { label: t('staffing.web.plan.planned'), values: found.planned },
        ...(found.worked ? [{ label: t('staffing.web.plan.worked'), values: found.worked }] : []),
      ],
    };
  }, [position, range.first, range.last, halfDays, records, seesAll, nameOf]);
  return (
    <Chart
      type="bar"
      title={t('staffing.web.plan.chart', { title: position.title, range: rangeTitle(range) })}
      categoryLabel={t('staffing.web.money.structure')}
      labels={labels}
      series={series}
      format={percent}
    />
  );
}
