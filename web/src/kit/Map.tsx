// A map (Leaflet, loaded on first use) of places, with the same places as a list: the list is
// the map's content for whoever does not see it, and the whole of it when the operator set no
// tile server (GET /api/v1/map-settings; the Content-Security-Policy allows that server's
// images only). Without tiles the markers still stand on a plain background.
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { useQuery } from './query';

export interface MapPlace {
  id: string | number;
  name: string;
  latitude: number;
  longitude: number;
  /** What the list says after the name (an address). */
  detail?: ComponentChildren;
  href?: string;
}

interface MapSettings {
  tile_url: string | null;
  attribution: string;
}

type LeafletMap = { remove: () => void };

export function PlacesMap({ title, places }: { title: string; places: MapPlace[] }) {
  const settings = useQuery<MapSettings>('/api/v1/map-settings');
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const tiles = settings.data?.tile_url ?? null;

  useEffect(() => {
    if (!settings.data || places.length === 0) return;
    let map: LeafletMap | null = null;
    let live = true;
    import('leaflet').then(
      ({ default: L }) => {
        if (!live || !container.current) return;
        const leaflet = L.map(container.current, {
          zoomControl: false,
          attributionControl: tiles !== null,
        });
        L.control
          .zoom({ zoomInTitle: t('kit.web.map.zoom_in'), zoomOutTitle: t('kit.web.map.zoom_out') })
          .addTo(leaflet);
        if (tiles !== null) {
          L.tileLayer(tiles, { attribution: settings.data?.attribution ?? '', maxZoom: 19 }).addTo(leaflet);
        }
        const markers = places.map((place) =>
          L.circleMarker([place.latitude, place.longitude], {
            radius: 8,
            color: '#123764',
            fillColor: '#1d4e89',
            fillOpacity: 0.9,
          })
            .bindTooltip(place.name)
            .addTo(leaflet),
        );
        leaflet.fitBounds(L.featureGroup(markers).getBounds(), { padding: [24, 24], maxZoom: 15 });
        map = leaflet;
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      map?.remove();
    };
  }, [settings.data, places]);

  return (
    <figure class="map">
      <figcaption>{title}</figcaption>
      {settings.data && tiles === null && <p class="hint">{t('kit.web.map.no_tiles')}</p>}
      {failed ? (
        <p class="notice notice-info">{t('kit.web.map.unavailable')}</p>
      ) : (
        <div
          ref={container}
          class={tiles === null ? 'map-canvas map-plain' : 'map-canvas'}
          role="region"
          aria-label={t('kit.web.map.canvas', { title })}
        />
      )}
      <ul class="map-places" aria-label={t('kit.web.map.list', { title })}>
        {places.map((place) => (
          <li key={place.id}>
            {place.href ? <a href={place.href}>{place.name}</a> : <strong>{place.name}</strong>}
            {place.detail !== undefined && <> — {place.detail}</>}
          </li>
        ))}
      </ul>
    </figure>
  );
}
