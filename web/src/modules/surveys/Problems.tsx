// The problems of an XLSForm, each where a person finds it in her spreadsheet.
import { t } from '../../i18n';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { XlsFormProblem } from './types';

export function ProblemsTable({ title, problems }: { title: string; problems: XlsFormProblem[] }) {
  return (
    <ResponsiveTable<XlsFormProblem>
      label={title}
      caption={title}
      rows={problems}
      rowKey={(problem) => problems.indexOf(problem)}
      columns={[
        { key: 'sheet', label: t('surveys.web.problem.sheet'), rowHeader: true, cell: (p) => p.sheet || '—' },
        { key: 'row', label: t('surveys.web.problem.row'), cell: (p) => (p.row === null ? '—' : String(p.row)) },
        { key: 'column', label: t('surveys.web.problem.column'), cell: (p) => p.column ?? '—' },
        { key: 'message', label: t('surveys.web.problem.message'), cell: (p) => p.message },
      ]}
    />
  );
}
