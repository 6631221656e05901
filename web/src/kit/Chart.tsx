// A chart (Chart.js, loaded on first use) with its data table beside it: the table is the
// chart's content for whoever does not see the canvas, and stays readable without script
// errors or on a phone (it becomes cards there). Numbers follow the page's language.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, locale, t, useLanguage } from '../i18n';
import { ResponsiveTable, type Column } from './ResponsiveTable';

export interface ChartSeries {
  label: string;
  /** null: a value not published (suppressed under disclosure control), a gap in the chart. */
  values: (number | null)[];
  /** What the table prints for each value instead of the formatted number ("< 5", "s"). */
  texts?: (string | null)[];
}

export interface ChartProps {
  /** 'bar' or 'line'; one colour per series. */
  type: 'bar' | 'line';
  /** The figure's title, which names the chart and its table. */
  title: string;
  /** The categories along the horizontal axis (months, structures…). */
  labels: string[];
  series: ChartSeries[];
  /** The heading of the categories' column in the table. */
  categoryLabel: string;
  format?: (value: number) => string;
  /** Bars: the series stacked on each other (the parts of a whole) rather than side by side. */
  stacked?: boolean;
  /** The top of the value axis (100 for shares in percent); Chart.js picks one otherwise. */
  max?: number;
}

/** Colours that keep a 3:1 contrast against white (WCAG 1.4.11), told apart by their order too. */
const COLOURS = ['#1d4e89', '#b3400b', '#1e6b34', '#6b2c91', '#7a4d00', '#0e6b6b', '#a3195b', '#4b5563'];

type ChartInstance = { destroy: () => void };

export function Chart({
  type,
  title,
  labels,
  series,
  categoryLabel,
  format = (n) => formatNumber(n),
  stacked = false,
  max,
}: ChartProps) {
  const language = useLanguage();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let chart: ChartInstance | null = null;
    let live = true;
    import('./chartjs').then(
      ({ default: ChartJs }) => {
        if (!live || !canvas.current) return;
        chart = new ChartJs(canvas.current, {
          type,
          data: {
            labels,
            datasets: series.map((s, index) => ({
              label: s.label,
              data: s.values,
              backgroundColor: COLOURS[index % COLOURS.length],
              borderColor: COLOURS[index % COLOURS.length],
            })),
          },
          options: {
            locale: locale(),
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: {
              x: { stacked },
              y: { stacked, beginAtZero: true, max, ticks: { callback: (value) => format(Number(value)) } },
            },
            plugins: {
              tooltip: {
                callbacks: {
                  label: (item) =>
                    t('kit.web.chart.tooltip', { series: item.dataset.label ?? '', value: format(item.parsed.y ?? 0) }),
                },
              },
            },
          },
        });
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [type, labels, series, language, stacked, max]);

  const columns: Column<number>[] = [
    { key: 'category', label: categoryLabel, rowHeader: true, cell: (row) => labels[row] },
    ...series.map((s, index) => ({
      key: `series-${index}`,
      label: s.label,
      cell: (row: number) => s.texts?.[row] ?? format(s.values[row] ?? 0),
    })),
  ];

  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-canvas">
        {failed ? (
          <p class="notice notice-info">{t('kit.web.chart.unavailable')}</p>
        ) : (
          <canvas ref={canvas} role="img" aria-label={t('kit.web.chart.canvas', { title })} />
        )}
      </div>
      <ResponsiveTable
        label={t('kit.web.chart.table', { title })}
        caption={t('kit.web.chart.table', { title })}
        rows={labels.map((_, index) => index)}
        rowKey={(row) => row}
        columns={columns}
      />
    </figure>
  );
}
