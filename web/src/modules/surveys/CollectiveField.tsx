// The choice of the collective a new questionnaire is designed for, or none (the structure's
// own): shared by the upload of an XLSForm (Forms.tsx) and the editor (Editor.tsx).
import { t } from '../../i18n';
import { Field } from '../../kit/form';
import { useQuery } from '../../kit/query';
import type { CollectiveSummary, Items } from '../../types';

export function CollectiveField({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const collectives = useQuery<Items<CollectiveSummary>>('/api/v1/collectives');
  return (
    <Field name="collective_id" label={t('surveys.web.upload.collective')} hint={t('surveys.web.upload.collective_hint')}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('surveys.web.upload.no_collective')}</option>
          {(collectives.data?.items ?? []).map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
