// For a person with roles in several structures: which one she acts for now.
import { useState } from 'preact/hooks';
import { Notice, PageHeading, toApiError } from '../../components';
import { kindLabel, rolesLabel } from '../../labels';
import type { Session } from '../../types';
import type { PageContext } from '../module';

export function ChooseStructurePage({
  session,
  onChoose,
}: {
  session: Session;
  onChoose: (structureId: number) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<number | null>(session.acting_structure_id);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (chosen === null) {
      setError('Choisissez une structure dans la liste.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onChoose(chosen);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  if (session.hats.length === 0) {
    return (
      <div class="narrow">
        <PageHeading title="Choisir une structure" />
        <p>Vous n'avez de rôle dans aucune structure : il n'y a rien à choisir.</p>
        <p>
          <a href="/structures">Consulter l'annuaire des structures</a>
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <PageHeading title="Pour quelle structure agissez-vous ?" />
      <p>
        Vous avez un rôle dans plusieurs structures. Vous agissez pour une seule à la fois : vous ne
        voyez que ses données et ce que les autres lui partagent. Vous pourrez en changer à tout
        moment depuis l'en-tête.
      </p>
      <form class="form" onSubmit={submit}>
        <fieldset>
          <legend>Structure</legend>
          {session.hats.map((hat) => (
            <div class="choice" key={hat.structure_id}>
              <input
                type="radio"
                id={`hat-${hat.structure_id}`}
                name="structure"
                value={hat.structure_id}
                checked={chosen === hat.structure_id}
                aria-describedby={`hat-${hat.structure_id}-roles`}
                onChange={() => setChosen(hat.structure_id)}
              />
              <label for={`hat-${hat.structure_id}`}>{hat.structure_name}</label>
              <span class="hint" id={`hat-${hat.structure_id}-roles`}>
                {kindLabel(hat.structure_kind)} · vos rôles : {rolesLabel(hat.roles)}
              </span>
            </div>
          ))}
        </fieldset>
        <Notice kind="error" message={error} />
        <button type="submit" class="button primary">
          Continuer
        </button>
      </form>
    </div>
  );
}

export default ({ session, choose }: PageContext) => <ChooseStructurePage session={session} onChoose={choose} />;
