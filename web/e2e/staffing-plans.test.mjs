// Browser tests of the plans against the real server and its demo (Karim's and Sophie's
// positions planned from September to December 2026): the officer walks his week across the
// three sites and his month, each half-day where the API says it is; the HR manager shows one
// employer alone on her calendar, then, wearing each hat, sees her other employer's half-days as
// « ailleurs »; the carrier re-plans a month and follows its progress to the report; a
// collective's coordinator reads the positions its members share; accessibility, a phone and
// English. The demo's plans are fixed in 2026, so are the dates here.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e -- e2e/staffing-plans.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  KARIM,
  PHONE,
  SOPHIE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  mainNav,
  newPage,
  seeHeading,
  settled,
  signedIn,
  signIn,
  startServer,
  dayLabel,
  labelPattern,
  noSidewaysScroll,
} from './support.mjs';

const OLIVIER = 'olivier.carpentier@federation.example.org';
const MY_PLAN = 'Mon planning';
const NAMES = {
  alma: 'Centre social Alma',
  fresnoy: 'Centre social Fresnoy Mackellerie',
  basse: 'Centre social Basse Masure',
  iciela: 'Association Iciela',
};

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

/** The calendar's row of a day in the week view. */
function dayRow(page, region, day, locale) {
  return page
    .getByRole('region', { name: region })
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: labelPattern(dayLabel(day, locale)) }) });
}

/** The API's answer, with the page's session (its cookie). */
async function apiGet(page, path) {
  const answer = await page.request.get(path);
  assert.equal(answer.status(), 200, `${path}: ${await answer.text()}`);
  return answer.json();
}

async function structureIds(page) {
  const directory = await apiGet(page, '/api/v1/structures?page_size=200');
  return Object.fromEntries(directory.items.map((s) => [s.name, s.id]));
}

/** Waits until `region` names the structure (its name replaces its number once the directory answers). */
async function namesShown(region, name) {
  await region.getByText(name).first().waitFor();
}

describe('the officer’s plan', () => {
  it('walks his week across the three sites, each half-day where the API puts it', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, KARIM);
    await mainNav(page).getByRole('link', { name: MY_PLAN }).click();
    await seeHeading(page, MY_PLAN);
    await page.goto('/mon-planning?vue=semaine&du=2026-11-02');
    await seeHeading(page, MY_PLAN);
    await page.getByRole('heading', { level: 2, name: 'Semaine 45, du 2 novembre au 8 novembre 2026' }).waitFor();
    await settled(page);

    const names = Object.fromEntries(Object.entries(await structureIds(page)).map(([name, id]) => [id, name]));
    const plan = await apiGet(page, '/api/v1/me/plan?from=2026-11-02&to=2026-11-08');
    assert.ok(plan.half_days.length >= 8, `a week of half-days: ${JSON.stringify(plan)}`);
    const sites = new Set();
    for (const half of plan.half_days) {
      const row = dayRow(page, MY_PLAN, half.day);
      const cell = row.locator('td').nth(half.half === 'morning' ? 0 : 1);
      const text = await cell.textContent();
      assert.ok(text.includes(names[half.structure_id]), `${half.day} ${half.half}: ${text}`);
      sites.add(half.structure_id);
    }
    assert.equal(sites.size, 3, 'the week goes to Alma, Fresnoy and Basse Masure');
    // Saturday is nobody's.
    assert.match(await dayRow(page, MY_PLAN, '2026-11-07').textContent(), /—/);
    await expectAccessible(page, 'the officer’s week');

    // The next week, then the month.
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await page.getByRole('heading', { level: 2, name: 'Semaine 46, du 9 novembre au 15 novembre 2026' }).waitFor();
    assert.match(page.url(), /du=2026-11-09/);
    await page.getByRole('link', { name: 'Mois', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'novembre 2026' }).waitFor();
    await settled(page);
    const weeks = page.getByRole('region', { name: MY_PLAN }).locator('tbody tr');
    // 1 November 2026 is a Sunday: the grid runs from Monday 26 October to Monday 30 November.
    assert.equal(await weeks.count(), 6);
    const monthPlan = await apiGet(page, '/api/v1/me/plan?from=2026-11-01&to=2026-11-30');
    const totals = await page.locator('p', { hasText: 'Prévu sur la période' }).textContent();
    for (const id of new Set(monthPlan.half_days.map((h) => h.structure_id))) assert.ok(totals.includes(names[id]), totals);
    // The chart of the shares, with its table: agreed 40 / 30 / 30.
    const table = page.getByRole('region', { name: /Données du graphique.*Chargé de transition numérique/ });
    await table.waitFor();
    assert.match(await table.textContent(), /40\s?%/);
    await expectAccessible(page, 'the officer’s month');
    expectNoProblems(page);
    await page.context().close();
  });

  it('reads as cards on a phone, and speaks English', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signedIn(page, KARIM);
    await page.goto('/mon-planning?du=2026-11-02');
    await seeHeading(page, MY_PLAN);
    const rows = page.getByRole('region', { name: MY_PLAN }).locator('tbody tr');
    assert.equal(await rows.count(), 7);
    const display = await rows.evaluateAll((found) => found.map((row) => getComputedStyle(row).display));
    assert.deepEqual(display, Array(7).fill('block'));
    await noSidewaysScroll(page, '« Mon planning » on a phone');
    await expectAccessible(page, '« Mon planning » on a phone');
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await seeHeading(page, 'My plan');
    await page.getByRole('heading', { level: 2, name: 'Week 45, 2 November to 8 November 2026' }).waitFor();
    await page.getByRole('button', { name: 'Next week' }).waitFor();
    assert.match(await dayRow(page, 'My plan', '2026-11-02', 'en-GB').textContent(), /Morning/);
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeHeading(page, MY_PLAN);
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the HR manager’s two employers', () => {
  it('shows one employer alone on her calendar, and each hat sees the other as elsewhere', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, SOPHIE);
    await page.waitForURL('**/choisir-structure**');
    await page.getByLabel(NAMES.alma).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await seeHeading(page, NAMES.alma);
    await page.goto('/mon-planning?du=2026-11-02');
    await seeHeading(page, MY_PLAN);
    const calendar = page.getByRole('region', { name: MY_PLAN });
    // The sites' names come with the directory, which may answer after the plan (ids meanwhile).
    await namesShown(calendar, NAMES.alma);
    assert.match(await calendar.textContent(), new RegExp(NAMES.alma));
    assert.match(await calendar.textContent(), new RegExp(NAMES.iciela));

    // Iciela alone: none of Alma's half-days on the calendar.
    await page.getByLabel('Site affiché').selectOption({ label: NAMES.iciela });
    await page.waitForURL(/site=\d+/);
    await settled(page);
    assert.doesNotMatch(await calendar.textContent(), new RegExp(NAMES.alma));
    assert.match(await calendar.textContent(), new RegExp(NAMES.iciela));
    await page.getByLabel('Site affiché').selectOption({ label: 'Tous les sites' });
    await page.waitForURL((url) => !url.search.includes('site='));

    // Her position as Alma sees it: Iciela's half-days are « Ailleurs ».
    const positions = await apiGet(page, '/api/v1/me/positions');
    const position = positions.items.find((p) => p.kind === 'multi_employer');
    assert.ok(position, JSON.stringify(positions));
    await page.goto(`/postes/${position.id}/planning?du=2026-11-02`);
    await seeHeading(page, `Planning : ${position.title}`);
    const asAlma = page.getByRole('region', { name: `Planning de ${position.title}` });
    await namesShown(asAlma, NAMES.alma);
    assert.match(await asAlma.textContent(), /Ailleurs/);
    assert.doesNotMatch(await asAlma.textContent(), new RegExp(NAMES.iciela));
    await expectAccessible(page, 'the HR manager’s position as Alma sees it');

    // The other hat: Alma's are « Ailleurs » now.
    await page.getByLabel('Vous agissez pour').selectOption({ label: NAMES.iciela });
    await page.getByRole('button', { name: 'Changer' }).click();
    await settled(page);
    await page.goto(`/postes/${position.id}/planning?du=2026-11-02`);
    await seeHeading(page, `Planning : ${position.title}`);
    const asIciela = page.getByRole('region', { name: `Planning de ${position.title}` });
    await namesShown(asIciela, NAMES.iciela);
    assert.match(await asIciela.textContent(), /Ailleurs/);
    assert.match(await asIciela.textContent(), new RegExp(NAMES.iciela));
    assert.doesNotMatch(await asIciela.textContent(), new RegExp(NAMES.alma));
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the carrier’s plan', () => {
  it('re-plans a month, follows its progress and reads the report', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, CLAIRE);
    await mainNav(page).getByRole('link', { name: 'Postes partagés' }).click();
    await seeHeading(page, 'Postes partagés');
    await page.getByRole('link', { name: 'Planning Chargé de transition numérique' }).click();
    await seeHeading(page, 'Planning : Chargé de transition numérique');
    const planner = page.getByRole('form', { name: 'Planifier une période' });
    await planner.getByLabel('Premier jour').fill('2026-11-01');
    await planner.getByLabel('Dernier jour').fill('2026-11-30');
    await planner.getByLabel('Replanifier à partir du').fill('2026-11-16');
    await planner.getByRole('button', { name: 'Planifier' }).click();
    await page.getByText('Planning demandé du 1 novembre au 30 novembre 2026.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Planning calculé.' }).waitFor({ timeout: 60_000 });
    await page.getByText(/Plus grand écart aux parts convenues sur la période/).waitFor();
    await page.getByText('Les jours avant le 16 novembre 2026 sont gardés.').waitFor();
    const months = page.getByRole('region', { name: /^Mois du calcul n° \d+$/ });
    assert.match(await months.textContent(), /novembre 2026/);
    await expectAccessible(page, 'the carrier’s plan and its report');

    // A second request while none runs is taken; a bad period is refused beside its field.
    await planner.getByLabel('Premier jour').fill('2026-11-30');
    await planner.getByLabel('Dernier jour').fill('2026-11-01');
    await planner.getByLabel('Replanifier à partir du').fill('');
    await planner.getByRole('button', { name: 'Planifier' }).click();
    await page.locator('.field-error, .notice-error').filter({ hasText: /période/ }).first().waitFor();

    // A wish: Fresnoy on Wednesdays, saved with the rules' version.
    const rules = page.getByRole('form', { name: 'Règles du planning' });
    await rules.getByLabel('Mercredi').selectOption({ label: NAMES.fresnoy });
    await rules.getByRole('button', { name: 'Enregistrer les souhaits' }).click();
    await page.getByText('Souhaits enregistrés.').waitFor();
    await page.reload();
    await seeHeading(page, 'Planning : Chargé de transition numérique');
    await settled(page);
    assert.equal(
      await page.getByRole('form', { name: 'Règles du planning' }).getByLabel('Mercredi').inputValue(),
      String((await structureIds(page))[NAMES.fresnoy]),
    );
    expectNoProblems(page);
    await page.context().close();
  });

  it('shows a lent-to party its half-days and no planning form', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, 'helene.roussel@fresnoy.example.org');
    await mainNav(page).getByRole('link', { name: 'Postes partagés' }).click();
    await page.getByRole('link', { name: 'Planning Chargé de transition numérique' }).click();
    await seeHeading(page, 'Planning : Chargé de transition numérique');
    await page.goto(`${new URL(page.url()).pathname}?du=2026-11-02`);
    await seeHeading(page, 'Planning : Chargé de transition numérique');
    const calendar = page.getByRole('region', { name: 'Planning de Chargé de transition numérique' });
    await namesShown(calendar, NAMES.fresnoy);
    assert.match(await calendar.textContent(), new RegExp(NAMES.fresnoy));
    assert.match(await calendar.textContent(), /Ailleurs/);
    assert.equal(await page.getByRole('form', { name: 'Planifier une période' }).count(), 0);
    assert.equal(await page.getByRole('form', { name: 'Règles du planning' }).count(), 0);
    await expectAccessible(page, 'a party’s view of the plan');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the collective’s coordinator', () => {
  it('reads the positions its members share, and the counts under disclosure control', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, OLIVIER);
    const collectives = await apiGet(page, '/api/v1/collectives');
    const connectes = collectives.items.find((c) => c.name === 'Centres sociaux connectés');
    assert.ok(connectes, JSON.stringify(collectives));
    await page.goto(`/collectifs/${connectes.id}`);
    await page.getByRole('link', { name: 'Postes partagés du collectif' }).click();
    await seeHeading(page, 'Postes partagés : Centres sociaux connectés');
    await page.getByLabel('Mois', { exact: true }).fill('2026-11');
    await settled(page);
    const full = page.getByRole('region', { name: 'Liste des postes partagés en entier, novembre 2026' });
    await full.waitFor();
    assert.match(await full.textContent(), /Karim Haddad/);
    assert.doesNotMatch(await page.locator('main').textContent(), /Sophie/);
    const counts = page.getByRole('region', { name: 'Tableau des postes comptés par membre, novembre 2026' });
    assert.match(await counts.textContent(), /< 5/);
    await expectAccessible(page, 'the collective’s shared positions');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('a structure’s opening hours', () => {
  it('are set by its director, half-day by half-day, and read back', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, 'helene.roussel@fresnoy.example.org');
    await page.goto('/postes/reglages');
    await seeHeading(page, 'Réglages des mises à disposition');
    const form = page.getByRole('form', { name: 'Heures d’ouverture' });
    const wednesdayAfternoon = form.getByLabel('Après-midi Mercredi');
    assert.equal(await wednesdayAfternoon.isChecked(), true, 'Monday to Friday until set');
    assert.equal(await form.getByLabel('Matin Samedi').isChecked(), false);
    await wednesdayAfternoon.uncheck();
    await form.getByRole('button', { name: 'Enregistrer les heures d’ouverture' }).click();
    await page.getByText('9 demi-journées ouvertes enregistrées.').waitFor();
    const settings = await apiGet(page, '/api/v1/staffing/settings');
    assert.equal(settings.opening_hours.length, 9);
    assert.ok(!settings.opening_hours.some((h) => h.weekday === 3 && h.half === 'afternoon'));
    await page.reload();
    await seeHeading(page, 'Réglages des mises à disposition');
    assert.equal(await page.getByRole('form', { name: 'Heures d’ouverture' }).getByLabel('Après-midi Mercredi').isChecked(), false);
    await expectAccessible(page, 'the opening hours');
    expectNoProblems(page);
    await page.context().close();
  });
});
