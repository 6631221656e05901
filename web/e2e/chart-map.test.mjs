// Browser tests of the kit's chart and map, on their own pages (/kit/graphique, /kit/carte):
// drawn under the site's Content-Security-Policy, their data beside them, accessible; the map
// without a tile server (places on a plain background and listed) and with one (its tiles
// allowed by the policy).
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  newPage,
  seeHeading,
  settled,
  signIn,
  startServer,
} from './support.mjs';

// One transparent pixel: every tile the test tile server sends.
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function signedIn(server, options = {}) {
  const page = await newPage(browser, server.url, options);
  await signIn(page, CLAIRE);
  await seeHeading(page, 'Centre social Alma');
  return page;
}

/** Whether the canvas has anything drawn on it. */
const drawn = (canvas) => {
  const context = canvas.getContext('2d');
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
};

describe('the chart and the map, without a tile server', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  it('draws the chart with its data table, in French and in English', async () => {
    const page = await signedIn(server);
    await page.goto('/kit/graphique');
    await seeHeading(page, 'Composant : graphique');
    const canvas = page.getByRole('img', { name: /Graphique : Ateliers numériques par mois/ });
    await canvas.waitFor();
    await page.waitForFunction(drawn, await canvas.elementHandle());
    const table = page.getByRole('region', { name: 'Données du graphique : Ateliers numériques par mois' });
    assert.equal(await table.locator('tbody tr').count(), 6);
    const headers = await table.locator('thead th').allTextContents();
    assert.deepEqual(headers, ['Mois', 'Centre social Alma', 'Centre social ECHO']);
    const may = table.getByRole('row', { name: /mai 2026/ });
    assert.match(await may.textContent(), /1\u202f250/);
    await expectAccessible(page, 'the chart page');

    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await seeHeading(page, 'Component: chart');
    await page.waitForFunction(drawn, await page.getByRole('img', { name: /Chart: Digital workshops/ }).elementHandle());
    assert.match(await page.getByRole('row', { name: /May 2026/ }).textContent(), /1,250/);
    await expectAccessible(page, 'the chart page in English');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeHeading(page, 'Composant : graphique');
    expectNoProblems(page);
    await page.context().close();
  });

  it('places the markers on a plain background and lists them', async () => {
    const page = await signedIn(server);
    await page.goto('/kit/carte');
    await seeHeading(page, 'Composant : carte');
    await page.getByText('Aucun fond de carte n’est configuré').waitFor();
    const map = page.getByRole('region', { name: /Carte : Centres sociaux de Roubaix/ });
    await map.locator('path.leaflet-interactive').nth(2).waitFor();
    assert.equal(await map.locator('path.leaflet-interactive').count(), 3);
    assert.equal(await map.locator('img.leaflet-tile').count(), 0);
    const list = page.getByRole('list', { name: 'Lieux de la carte : Centres sociaux de Roubaix' });
    assert.deepEqual(
      (await list.getByRole('listitem').allTextContents()).map((text) => text.split(' — ')[0]),
      ['Centre social Alma', 'Centre social ECHO', 'Centre social Pile Sainte-Élisabeth'],
    );
    await page.getByRole('button', { name: 'Zoomer', exact: true }).waitFor();
    await expectAccessible(page, 'the map page without tiles');
    expectNoProblems(page);
    await page.context().close();
  });

  it('fits a phone, chart and map', async () => {
    const page = await signedIn(server, { viewport: { width: 390, height: 844 }, isMobile: true });
    for (const path of ['/kit/graphique', '/kit/carte']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width} px wide`);
    }
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the map with a tile server', () => {
  let tiles;
  let server;
  const asked = [];
  before(async () => {
    tiles = createServer((request, response) => {
      asked.push(request.url);
      response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': TILE.length });
      response.end(TILE);
    });
    await new Promise((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const { port } = tiles.address();
    server = await startServer({
      args: [
        '--map-tiles', `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
        '--map-attribution', '© Les contributeurs du test',
      ],
    });
  });
  after(async () => {
    await server?.stop();
    await new Promise((resolve) => tiles?.close(resolve));
  });

  it('loads the tiles the policy allows, with their attribution', async () => {
    const page = await signedIn(server);
    const policy = (await page.request.get('/')).headers()['content-security-policy'];
    assert.match(policy, /img-src 'self' data: blob: http:\/\/127\.0\.0\.1:\d+;/);
    await page.goto('/kit/carte');
    await seeHeading(page, 'Composant : carte');
    await page.locator('img.leaflet-tile-loaded').first().waitFor({ state: 'attached' });
    assert.ok(asked.some((path) => /^\/\d+\/\d+\/\d+\.png$/.test(path)), `tiles asked: ${asked.join(', ')}`);
    await page.getByText('© Les contributeurs du test').waitFor();
    assert.equal(await page.getByText('Aucun fond de carte n’est configuré').count(), 0);
    await expectAccessible(page, 'the map page with tiles');
    expectNoProblems(page);
    await page.context().close();
  });
});
