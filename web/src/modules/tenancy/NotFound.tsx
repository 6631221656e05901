import { PageHeading } from '../../components';
import { t } from '../../i18n';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title={t('tenancy.web.not_found.title')} />
      <p>
        {t('tenancy.web.not_found.text')} <a href="/">{t('tenancy.web.not_found.back')}</a>
      </p>
    </>
  );
}
