// The chart component with fixed data: a season of digital workshops in two centres.
import { PageHeading } from '../../components';
import { formatDate, t } from '../../i18n';
import { Chart } from '../../kit/Chart';

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

export default function ChartPage() {
  // Mid-month, so that the month is the same at Paris time.
  const labels = MONTHS.map((month) => formatDate(`${month}-15T12:00:00Z`, { month: 'long', year: 'numeric' }));
  return (
    <>
      <PageHeading title={t('kit.web.demo.chart_title')} />
      <p>{t('kit.web.demo.chart_intro')}</p>
      <Chart
        type="bar"
        title={t('kit.web.demo.chart_caption')}
        categoryLabel={t('kit.web.demo.month')}
        labels={labels}
        series={[
          { label: 'Centre social Alma', values: [12, 15, 9, 18, 21, 7] },
          { label: 'Centre social ECHO', values: [8, 11, 14, 10, 1250, 6] },
        ]}
      />
    </>
  );
}
