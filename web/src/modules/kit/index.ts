// The kit's own pages: one per component that needs a browser to be seen working (the chart,
// the map), with fixed data, for the browser tests and for whoever builds a module's page. Not
// in the navigation.
import type { WebModule } from '../module';

export const kit: WebModule = {
  name: 'kit',
  routes: [
    { pattern: '/kit/graphique', needs: 'person', load: () => import('./ChartPage'), titleId: 'kit.web.demo.chart_title' },
    { pattern: '/kit/carte', needs: 'person', load: () => import('./MapPage'), titleId: 'kit.web.demo.map_title' },
  ],
  nav: [],
};
