// The map component with fixed places: three centres of Roubaix.
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { PlacesMap, type MapPlace } from '../../kit/Map';

const PLACES: MapPlace[] = [
  { id: 1, name: 'Centre social Alma', latitude: 50.6955, longitude: 3.1689, detail: '35 rue Archimède, 59100 Roubaix' },
  { id: 2, name: 'Centre social ECHO', latitude: 50.6888, longitude: 3.1885, detail: '2 rue de Lannoy, 59100 Roubaix' },
  { id: 3, name: 'Centre social Pile Sainte-Élisabeth', latitude: 50.6812, longitude: 3.1902, detail: 'rue de Condé, 59100 Roubaix' },
];

export default function MapPage() {
  return (
    <>
      <PageHeading title={t('kit.web.demo.map_title')} />
      <p>{t('kit.web.demo.map_intro')}</p>
      <PlacesMap title={t('kit.web.demo.map_caption')} places={PLACES} />
    </>
  );
}
