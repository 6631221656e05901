import { PageHeading } from '../../components';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page introuvable" />
      <p>
        Cette adresse ne correspond à aucune page d'Ensemble. <a href="/">Revenir à ma structure</a>
      </p>
    </>
  );
}
