// For a person with roles in several structures: which one she acts for now.
import { useState } from 'preact/hooks';
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { FieldError, Form, FormMessages, Submit, useControl, useForm } from '../../kit/form';
import { kindLabel, rolesLabel } from '../../labels';
import type { Hat, Session } from '../../types';
import type { PageContext } from '../module';

export function ChooseStructurePage({
  session,
  onChoose,
}: {
  session: Session;
  onChoose: (structureId: number) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<number | null>(session.acting_structure_id);
  const form = useForm({
    id: 'choose',
    validate: () => (chosen === null ? { structure_id: t('tenancy.web.choose.required') } : null),
    action: async () => {
      if (chosen !== null) await onChoose(chosen);
    },
  });

  if (session.hats.length === 0) {
    return (
      <div class="narrow">
        <PageHeading title={t('tenancy.web.choose.title_none')} />
        <p>{t('tenancy.web.choose.nothing')}</p>
        <p>
          <a href="/structures">{t('tenancy.web.see_directory')}</a>
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <PageHeading title={t('tenancy.web.choose.title')} />
      <p>{t('tenancy.web.choose.intro')}</p>
      <Form form={form}>
        <fieldset>
          <legend>{t('tenancy.web.collective.structure')}</legend>
          {session.hats.map((hat) => (
            <HatChoice key={hat.structure_id} hat={hat} checked={chosen === hat.structure_id} onChoose={setChosen} />
          ))}
          <FieldError name="structure_id" />
        </fieldset>
        <FormMessages />
        <Submit>{t('tenancy.web.choose.submit')}</Submit>
      </Form>
    </div>
  );
}

function HatChoice({ hat, checked, onChoose }: { hat: Hat; checked: boolean; onChoose: (id: number) => void }) {
  const control = useControl('structure_id');
  const id = `${control.id}-${hat.structure_id}`;
  const describedBy = [`${id}-roles`, control['aria-describedby']].filter(Boolean).join(' ');
  return (
    <div class="choice">
      <input
        type="radio"
        id={id}
        name={control.name}
        value={hat.structure_id}
        checked={checked}
        aria-invalid={control['aria-invalid']}
        aria-describedby={describedBy}
        onChange={() => onChoose(hat.structure_id)}
      />
      <label for={id}>{hat.structure_name}</label>
      <span class="hint" id={`${id}-roles`}>
        {t('tenancy.web.choose.hat', { kind: kindLabel(hat.structure_kind), roles: rolesLabel(hat.roles) })}
      </span>
    </div>
  );
}

export default ({ session, choose }: PageContext) => <ChooseStructurePage session={session} onChoose={choose} />;
