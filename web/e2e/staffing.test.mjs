// Browser tests of the shared positions against the real server and its demo: the carrier's
// month of money (the allocation between three structures, its chart, issuing the month's
// statements, the refusal of a month whose days are not all recorded), the statements and their
// PDF, what a billed structure sees (its own statements, no money), accessibility, a phone and
// English. The server runs on the real clock: August 2026 is over, its statements not issued.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e -- e2e/staffing.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  PHONE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  mainNav,
  newPage,
  seeHeading,
  seeText,
  settled,
  signedIn,
  signIn,
  startServer,
  todayInParis,
} from './support.mjs';

const HELENE = 'helene.roussel@fresnoy.example.org';
const ALLOCATION = 'Répartition du coût du poste « Chargé de transition numérique » entre les structures';

/** The month before today's at Paris time (the page's default), as 2026-11. */
function previousMonth() {
  const [year, month] = todayInParis().split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPositions(page) {
  await mainNav(page).getByRole('link', { name: 'Postes partagés' }).click();
  await seeHeading(page, 'Postes partagés');
}

async function pickMonth(page, month) {
  await page.getByLabel('Mois', { exact: true }).fill(month);
  await settled(page);
}

describe('the carrier', () => {
  it('sees the month’s allocation and its chart, issues the month, and is refused a month not recorded', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, CLAIRE);
    await openPositions(page);
    await seeText(page, 'Karim Haddad');
    // By default, the month before today.
    assert.equal(await page.getByLabel('Mois', { exact: true }).inputValue(), previousMonth());

    await pickMonth(page, '2026-08');
    const allocation = page.getByRole('region', { name: ALLOCATION });
    await allocation.waitFor();
    const rows = allocation.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    const names = await allocation.locator('tbody th').allTextContents();
    assert.deepEqual(names, ['Centre social Alma', 'Centre social Fresnoy Mackellerie', 'Centre social Basse Masure']);
    await seeText(page, '893,06', 'tbody tr');
    // The chart: its canvas drawn, its table beside it.
    const chart = page.locator('figure.chart').filter({ hasText: 'Montant dû par structure, août 2026' });
    await chart.locator('canvas').waitFor();
    assert.equal(await chart.locator('tbody tr').count(), 3);
    await expectAccessible(page, 'a lent position’s month');

    await page.getByRole('button', { name: 'Émettre les relevés du mois' }).click();
    await page.getByRole('status').filter({ hasText: 'MAD-2026-0017' }).waitFor();
    await seeText(page, 'Relevés émis pour ce mois : MAD-2026-0017');
    assert.equal(await page.getByRole('button', { name: 'Émettre les relevés du mois' }).count(), 0);

    await pickMonth(page, '2026-09');
    await seeText(page, 'jours travaillés du mois n’ont pas encore de relevé d’heures', '.notice');
    await page.getByRole('button', { name: 'Émettre les relevés du mois' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /relevé d'heures/ });
    await alert.waitFor();
    assert.match(await alert.textContent(), /jours travaillés/);
    await expectAccessible(page, 'a refused issue');

    await mainNav(page).getByRole('link', { name: 'Relevés' }).click();
    await seeHeading(page, 'Relevés');
    const list = page.getByRole('region', { name: 'Relevés de mise à disposition' });
    await list.locator('tbody th').filter({ hasText: 'MAD-2026-0017' }).waitFor();
    await seeText(page, 'rectifie n° MAD-2026-0001', 'tbody th');
    const pdf = page.getByRole('link', { name: 'PDF du relevé MAD-2026-0017' });
    const answer = await page.request.get(await pdf.getAttribute('href'));
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'], /^application\/pdf/);
    assert.ok((await answer.body()).subarray(0, 5).toString() === '%PDF-');
    const xlsx = page.getByRole('link', { name: 'Tableur du relevé MAD-2026-0017' });
    assert.equal((await page.request.get(await xlsx.getAttribute('href'))).status(), 200);
    await page.locator('figure.chart').filter({ hasText: 'Total des relevés par mois' }).locator('canvas').waitFor();
    await expectAccessible(page, 'the statements');

    // In English.
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await seeHeading(page, 'Statements');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Shared positions' }).waitFor();
    await expectAccessible(page, 'the statements in English');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeHeading(page, 'Relevés');
    expectNoProblems(page);
    await page.context().close();
  });

  it('reads the month on a phone without scrolling sideways', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signedIn(page, CLAIRE);
    await page.goto('/postes');
    await seeHeading(page, 'Postes partagés');
    await pickMonth(page, '2026-08');
    await page.getByRole('region', { name: ALLOCATION }).waitFor();
    for (const path of ['/postes', '/releves']) {
      if (path === '/releves') {
        await page.goto(path);
        await seeHeading(page, 'Relevés');
      }
      const seen = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      assert.ok(seen.width <= seen.viewport, `${path} overflows: ${seen.width} px for ${seen.viewport}`);
    }
    await expectAccessible(page, 'the statements on a phone');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('a billed structure', () => {
  it('sees only its own statements and no money of the position', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, HELENE);
    await mainNav(page).getByRole('link', { name: 'Relevés' }).click();
    await seeHeading(page, 'Relevés');
    const list = page.getByRole('region', { name: 'Relevés de mise à disposition' });
    await list.waitFor();
    const billed = await list.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => row.cells[2].querySelector('.cell-value').textContent),
    );
    assert.ok(billed.length > 0);
    for (const name of billed) assert.match(name, /Fresnoy/);
    await expectAccessible(page, 'the statements of a billed structure');

    await openPositions(page);
    await seeText(page, 'Karim Haddad');
    assert.equal(await page.getByLabel('Mois', { exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Émettre les relevés du mois' }).count(), 0);
    await expectAccessible(page, 'the positions of a billed structure');
    expectNoProblems(page);
    await page.context().close();
  });
});
