// Browser tests of the shared employee's days and of the carrier's entries, against the real
// server and its demo: « Mes journées » (Karim walks his weeks, confirms a day, reloads and finds
// it, is refused a day over the legal limit and an absence longer than a day, beside the fields;
// Sophie's two employers without choosing a structure; a person with no position), the carrier's
// settings (rates, VAT, distances; refusals beside the fields; another structure's coordinator
// refused), the salary change backdated into an issued month, the month's payroll, the correction
// of a statement; accessibility, a phone and English. The server runs on the real clock (early
// December 2026 when written): the days are computed from today, never written as dates.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e -- e2e/staffing-days.test.mjs
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
  seeText,
  settled,
  signedIn,
  signIn,
  startServer,
  dayLabel,
  labelPattern,
  noSidewaysScroll,
  todayInParis,
} from './support.mjs';

const NADIA = 'nadia.benali@echo.example.org';
const WEEK_REGION = 'Mes journées de la semaine';

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

// The days as the server's clock sees them: today at Paris time (todayInParis), its Monday, its
// ISO week.

function addDays(day, count) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
}

function mondayOf(day) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  return addDays(day, 1 - weekday);
}

function isoWeek(day) {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The row of the week's table for a day. */
function dayRow(page, day, locale) {
  return page
    .getByRole('region', { name: locale === 'en-GB' ? 'My days of the week' : WEEK_REGION })
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: labelPattern(dayLabel(day, locale)) }) });
}

async function openMyDays(page) {
  await mainNav(page).getByRole('link', { name: 'Mes journées' }).click();
  await seeHeading(page, 'Mes journées');
}

/** The name of the element that has the focus. */
const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('« Mes journées »', () => {
  it('walks the weeks, confirms a day, finds it after a reload, and is refused beside the fields', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, KARIM);
    await openMyDays(page);
    const today = todayInParis();
    const monday = mondayOf(today);
    const week = isoWeek(today);
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Semaine ${Number(week.slice(6))}, du `) }).waitFor();
    assert.equal(await page.getByRole('region', { name: WEEK_REGION }).locator('tbody tr').count(), 7);

    // Back a week: the address names it, the focus stays on the button.
    await page.getByRole('button', { name: 'Semaine précédente' }).click();
    await page.waitForURL(`**/mes-journees?semaine=${isoWeek(addDays(monday, -7))}`);
    await settled(page);
    await dayRow(page, addDays(monday, -7)).waitFor();
    assert.equal(await focusedText(page), 'Semaine précédente');
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await page.waitForURL(`**/mes-journees?semaine=${week}`);
    await page.getByRole('button', { name: 'Semaine précédente' }).click();
    await page.waitForURL(`**/mes-journees?semaine=${isoWeek(addDays(monday, -7))}`);
    await page.getByRole('button', { name: 'Cette semaine' }).click();
    await page.waitForURL(`**/mes-journees?semaine=${week}`);
    await settled(page);
    assert.equal(await page.getByRole('button', { name: 'Cette semaine' }).getAttribute('aria-current'), 'date');

    // A week of July, linked by one of its days: the demo's records, hours per structure.
    await page.goto('/mes-journees?du=2026-07-23');
    await seeHeading(page, 'Mes journées');
    await page.getByRole('heading', { level: 2, name: 'Semaine 30, du 20 juillet au 26 juillet 2026' }).waitFor();
    assert.match(await dayRow(page, '2026-07-20').textContent(), /Centre social Alma : 7 h/);
    const thursday = await dayRow(page, '2026-07-23').textContent();
    assert.match(thursday, /Centre social Alma : 3 h 30/);
    assert.match(thursday, /Centre social Basse Masure : 3 h 30/);
    assert.match(await dayRow(page, '2026-07-25').textContent(), /Jour non travaillé/);
    await page.goto('/mes-journees?semaine=2026-W33');
    await seeHeading(page, 'Mes journées');
    assert.match(await dayRow(page, '2026-08-10').textContent(), /Congé : 7 h/);
    await expectAccessible(page, 'a week of « Mes journées »');

    // This week's Monday (today or before): confirmed with hours at two structures.
    await page.goto(`/mes-journees?semaine=${week}`);
    await seeHeading(page, 'Mes journées');
    const label = dayLabel(monday);
    await dayRow(page, monday).getByRole('button', { name: `Confirmer la journée du ${label}` }).click();
    const editor = page.getByRole('region', { name: new RegExp(`^Journée du ${label}`) });
    await editor.waitFor();
    await editor.getByLabel('Heures à Centre social Alma').fill('3');
    await editor.getByLabel('Minutes à Centre social Alma').fill('30');
    await editor.getByLabel('Heures à Centre social Fresnoy Mackellerie').fill('4');
    await editor.getByRole('button', { name: 'Enregistrer la journée' }).click();
    await editor.getByRole('status').filter({ hasText: `Journée du ${label} enregistrée.` }).waitFor();
    await dayRow(page, monday).filter({ hasText: 'Centre social Fresnoy Mackellerie : 4 h' }).waitFor();
    await page.reload();
    await seeHeading(page, 'Mes journées');
    const saved = await dayRow(page, monday).textContent();
    assert.match(saved, /Centre social Alma : 3 h 30/);
    assert.match(saved, /Centre social Fresnoy Mackellerie : 4 h/);
    assert.match(saved, /7 h 30/);

    // Over 10 hours: the API's refusal beside the hours, the focus on the first box.
    await dayRow(page, monday).getByRole('button', { name: `Corriger la journée du ${label}` }).click();
    await editor.waitFor();
    assert.equal(await editor.getByLabel('Minutes à Centre social Alma').inputValue(), '30');
    await editor.getByLabel('Heures à Centre social Basse Masure').fill('4');
    await editor.getByRole('button', { name: 'Enregistrer la journée' }).click();
    const hoursError = editor.locator('.field-error').filter({ hasText: 'La journée dépasse 10 heures de travail' });
    await hoursError.waitFor();
    const alma = editor.getByLabel('Heures à Centre social Alma');
    assert.equal(await alma.getAttribute('aria-invalid'), 'true');
    assert.ok((await alma.getAttribute('aria-describedby')).includes(await hoursError.getAttribute('id')));
    assert.equal(await page.evaluate(() => document.activeElement?.id), await alma.getAttribute('id'));
    await expectAccessible(page, 'a refused day');

    // An absence longer than a day of contract: refused beside its length.
    await editor.getByLabel('Heures à Centre social Basse Masure').fill('');
    await editor.getByLabel('Absence ce jour-là').selectOption('leave');
    await editor.getByText('Une journée de contrat : 7 h.').waitFor();
    await editor.getByLabel('Heures d’absence').fill('8');
    await editor.getByRole('button', { name: 'Enregistrer la journée' }).click();
    const absenceError = editor.locator('.field-error').filter({ hasText: 'Une absence dure plus de 0 minute' });
    await absenceError.waitFor();
    assert.equal(await editor.getByLabel('Heures d’absence').getAttribute('aria-invalid'), 'true');
    assert.equal(await editor.locator('.field-error').count(), 1);
    // What the page reads itself: minutes that are not minutes.
    await editor.getByLabel('Heures d’absence').fill('1');
    await editor.getByLabel('Minutes d’absence').fill('75');
    await editor.getByRole('button', { name: 'Enregistrer la journée' }).click();
    await editor.locator('.field-error').filter({ hasText: 'des minutes de 0 à 59' }).waitFor();
    await editor.getByLabel('Minutes d’absence').fill('');
    await editor.getByRole('button', { name: 'Enregistrer la journée' }).click();
    await editor.getByRole('status').filter({ hasText: 'enregistrée' }).waitFor();
    await dayRow(page, monday).filter({ hasText: 'Congé : 1 h' }).waitFor();
    await editor.getByRole('button', { name: 'Fermer' }).click();
    assert.equal(await page.getByRole('button', { name: 'Enregistrer la journée' }).count(), 0);
    // The focus goes back to the day's button.
    assert.equal(await focusedText(page), `Corriger la journée du ${label}`);
    expectNoProblems(page);
    await page.context().close();
  });

  it('reads as day cards on a phone, without scrolling sideways', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signedIn(page, KARIM);
    await page.goto('/mes-journees?semaine=2026-W30');
    await seeHeading(page, 'Mes journées');
    const rows = page.getByRole('region', { name: WEEK_REGION }).locator('tbody tr');
    assert.equal(await rows.count(), 7);
    const cards = await rows.evaluateAll((found) => found.map((row) => getComputedStyle(row).display));
    assert.deepEqual(cards, Array(7).fill('block'));
    await noSidewaysScroll(page, '« Mes journées » on a phone');
    await dayRow(page, '2026-07-20').getByRole('button', { name: 'Corriger la journée du lundi 20 juillet' }).click();
    await page.getByRole('region', { name: /^Journée du lundi 20 juillet/ }).waitFor();
    await noSidewaysScroll(page, 'the day’s form on a phone');
    await expectAccessible(page, '« Mes journées » on a phone');
    expectNoProblems(page);
    await page.context().close();
  });

  it('speaks English', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, KARIM);
    await page.goto('/mes-journees?semaine=2026-W30');
    await seeHeading(page, 'Mes journées');
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await seeHeading(page, 'My days');
    await page.getByRole('heading', { level: 2, name: 'Week 30, 20 July to 26 July 2026' }).waitFor();
    await page.getByRole('button', { name: 'Previous week' }).waitFor();
    assert.match(await dayRow(page, '2026-07-23', 'en-GB').textContent(), /Centre social Alma: 3 h 30 min/);
    await dayRow(page, '2026-07-20', 'en-GB').getByRole('button', { name: 'Correct the day of Monday 20 July' }).click();
    await page.getByRole('region', { name: /^Monday,? 20 July 2026$/ }).waitFor();
    await page.getByLabel('Hours at Centre social Alma').waitFor();
    await expectAccessible(page, '« Mes journées » in English');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeHeading(page, 'Mes journées');
    expectNoProblems(page);
    await page.context().close();
  });

  it('shows the HR manager both employers without choosing a structure, and says when there is no position', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, SOPHIE);
    await page.waitForURL('**/choisir-structure**');
    await page.goto('/mes-journees?du=2026-08-06');
    await seeHeading(page, 'Mes journées');
    assert.match(await dayRow(page, '2026-08-03').textContent(), /Centre social Alma : 7 h/);
    assert.match(await dayRow(page, '2026-08-06').textContent(), /Association Iciela : 7 h/);
    await expectAccessible(page, 'the HR manager’s week');
    expectNoProblems(page);
    await page.context().close();

    const claire = await newPage(browser, server.url);
    await signedIn(claire, CLAIRE);
    await openMyDays(claire);
    await seeText(claire, 'Vous n’occupez aucun poste partagé');
    assert.equal(await claire.getByRole('button', { name: 'Semaine précédente' }).count(), 0);
    expectNoProblems(claire);
    await claire.context().close();
  });
});

describe('the carrier’s settings', () => {
  it('changes the rates, the VAT and a distance, with each refusal beside its field', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, CLAIRE);
    await mainNav(page).getByRole('link', { name: 'Postes partagés' }).click();
    await seeHeading(page, 'Postes partagés');
    await page.getByRole('link', { name: /^Réglages des mises à disposition/ }).click();
    await seeHeading(page, 'Réglages des mises à disposition');
    await seeText(page, 'Les réglages du Centre social Alma comme structure porteuse');
    const rates = page.getByRole('region', { name: 'Taux de la structure porteuse' });
    assert.equal(await rates.locator('tbody tr').count(), 1);
    assert.match(await rates.locator('tbody tr').textContent(), /42\s%.*0,636\s€/);

    // From the first day of this month (the form's default): a new line.
    const rateForm = page.getByRole('form', { name: 'Nouveaux taux à partir d’un jour' });
    await rateForm.getByLabel('Taux de charges patronales (%)').fill('43');
    await rateForm.getByRole('button', { name: 'Enregistrer les taux' }).click();
    await rateForm.getByRole('status').filter({ hasText: 'Taux enregistrés à partir du' }).waitFor();
    await rates.locator('tbody tr').nth(1).filter({ hasText: '43' }).waitFor();
    // Backdated into a month already billed: the API's refusal, beside the day.
    await rateForm.getByLabel('Applicables à partir du').fill('2026-03-01');
    await rateForm.getByRole('button', { name: 'Enregistrer les taux' }).click();
    const dayError = rateForm.locator('.field-error').filter({ hasText: 'Des relevés sont émis jusqu' });
    await dayError.waitFor();
    assert.equal(await rateForm.getByLabel('Applicables à partir du').getAttribute('aria-invalid'), 'true');
    // A rate that does not read, found by the page.
    await rateForm.getByLabel('Applicables à partir du').fill(`${todayInParis().slice(0, 7)}-01`);
    await rateForm.getByLabel('Indemnité kilométrique (€ par km)').fill('0,6365');
    await rateForm.getByRole('button', { name: 'Enregistrer les taux' }).click();
    await rateForm.locator('.field-error').filter({ hasText: 'par exemple 0,636' }).waitFor();
    await expectAccessible(page, 'the settings with a refusal');

    // VAT: subject needs a rate.
    const vatForm = page.getByRole('form', { name: 'Traitement de la TVA' });
    await vatForm.getByLabel('assujettie à la TVA').check();
    await vatForm.getByRole('button', { name: 'Enregistrer la TVA' }).click();
    await vatForm.locator('.field-error').filter({ hasText: 'Un pourcentage' }).waitFor();
    await vatForm.getByLabel('Taux de TVA (%)').fill('20');
    await vatForm.getByRole('button', { name: 'Enregistrer la TVA' }).click();
    await seeText(page, 'Actuellement : assujettie à la TVA, au taux de 20');
    await vatForm.getByLabel('en franchise en base de TVA').check();
    await vatForm.getByRole('button', { name: 'Enregistrer la TVA' }).click();
    await seeText(page, 'Actuellement : en franchise en base de TVA');

    // Distances: one site twice is refused beside the other site; then ECHO.
    const distanceForm = page.getByRole('form', { name: 'Distance entre deux sites' });
    // The acting structure is the first site by default.
    assert.equal(await distanceForm.getByLabel('Site', { exact: true }).locator('option:checked').textContent(), 'Centre social Alma');
    await distanceForm.getByLabel('Autre site').selectOption({ label: 'Centre social Alma' });
    await distanceForm.getByLabel('Distance (km)').fill('5,2');
    await distanceForm.getByRole('button', { name: 'Enregistrer la distance' }).click();
    await distanceForm.locator('.field-error').filter({ hasText: 'Les deux sites sont le même.' }).waitFor();
    assert.equal(await distanceForm.getByLabel('Autre site').getAttribute('aria-invalid'), 'true');
    await distanceForm.getByLabel('Autre site').selectOption({ label: 'Centre social ECHO' });
    await distanceForm.getByRole('button', { name: 'Enregistrer la distance' }).click();
    await distanceForm.getByRole('status').filter({ hasText: '5,2 km' }).waitFor();
    const distances = page.getByRole('region', { name: 'Distances saisies entre les sites' });
    await distances.locator('tbody tr').filter({ hasText: 'Centre social Alma et Centre social ECHO' }).filter({ hasText: '5,2 km' }).waitFor();
    await expectAccessible(page, 'the settings');
    expectNoProblems(page);
    await page.context().close();
  });

  it('shows another structure’s coordinator the API’s refusal and no form', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    await page.goto('/postes/reglages');
    await seeHeading(page, 'Réglages des mises à disposition');
    await seeText(page, 'Seuls la direction et les RH-finances de la structure prêteuse saisissent les coûts', '.notice');
    assert.equal(await page.getByRole('button', { name: 'Enregistrer les taux' }).count(), 0);
    await expectAccessible(page, 'the settings refused');
    await page.goto('/postes');
    await seeHeading(page, 'Postes partagés');
    assert.equal(await page.getByRole('link', { name: /^Réglages des mises à disposition/ }).count(), 0);
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the carrier’s money', () => {
  it('refuses a salary backdated into an issued month, takes a payroll, and corrects a statement', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, CLAIRE);
    await page.goto('/postes');
    await seeHeading(page, 'Postes partagés');
    await page.getByLabel('Mois', { exact: true }).fill('2026-07');
    await settled(page);
    const history = page.getByRole('region', { name: 'Historique du salaire du poste « Chargé de transition numérique »' });
    assert.equal(await history.locator('tbody tr').count(), 2);

    const salary = page.getByRole('form', { name: 'Nouveau salaire à partir d’un jour' });
    assert.equal(await salary.getByLabel('Applicable à partir du').inputValue(), '2026-07-01');
    await salary.getByLabel('Salaire brut mensuel').fill('2 300,00');
    await salary.getByRole('button', { name: 'Enregistrer le salaire' }).click();
    const refusal = salary.locator('.field-error').filter({
      hasText: "Des relevés sont émis jusqu'à 2026-07 : une modification ne peut prendre effet qu'après ce mois.",
    });
    await refusal.waitFor();
    const day = salary.getByLabel('Applicable à partir du');
    assert.equal(await day.getAttribute('aria-invalid'), 'true');
    assert.ok((await day.getAttribute('aria-describedby')).includes(await refusal.getAttribute('id')));
    // The focus moves to the field in error once the page has drawn it (an effect after the
    // paint): waited for, not read at once.
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'date');
    await expectAccessible(page, 'a refused salary');
    // A subsidy without its label: refused by the API, beside the label.
    await salary.getByLabel('Applicable à partir du').fill('2026-09-01');
    await salary.getByRole('button', { name: 'Ajouter une subvention' }).click();
    await salary.getByLabel('Montant mensuel de la subvention 3').fill('10');
    await salary.getByRole('button', { name: 'Enregistrer le salaire' }).click();
    await salary.locator('.field-error').first().waitFor();
    assert.equal(await salary.getByLabel('Libellé de la subvention 3').getAttribute('aria-invalid'), 'true');
    await salary.getByRole('button', { name: 'Retirer la subvention 3' }).click();
    await salary.getByRole('button', { name: 'Enregistrer le salaire' }).click();
    await salary.getByRole('status').filter({ hasText: 'Salaire enregistré à partir du 01/09/2026.' }).waitFor();
    await history.locator('tbody tr').filter({ hasText: '01/09/2026' }).filter({ hasText: '2 300,00' }).waitFor();

    // July's payroll (July was billed on the estimate): entered, it replaces the estimate.
    const payroll = page.getByRole('form', { name: 'Paie de juillet 2026' });
    await payroll.getByLabel('Charges patronales du mois').fill('966,00');
    await payroll.getByLabel('Salaire brut du mois').fill('deux mille');
    await payroll.getByRole('button', { name: 'Enregistrer la paie' }).click();
    await payroll.locator('.field-error').filter({ hasText: 'Un montant en euros' }).waitFor();
    await payroll.getByLabel('Salaire brut du mois').fill('2 300,00');
    await payroll.getByRole('button', { name: 'Enregistrer la paie' }).click();
    await payroll.getByRole('status').filter({ hasText: 'Paie de juillet 2026 enregistrée.' }).waitFor();
    await seeText(page, 'D’après la paie du mois, telle qu’elle est saisie.');

    // The correction of July's statement to Fresnoy bills the difference.
    await mainNav(page).getByRole('link', { name: 'Relevés' }).click();
    await seeHeading(page, 'Relevés');
    await page.getByRole('button', { name: 'Corriger le relevé MAD-2026-0015' }).click();
    const correction = page.getByRole('region', { name: /^Relevé rectificatif MAD-2026-\d{4} émis$/ });
    await correction.waitFor();
    assert.match(await correction.textContent(), /Rectifie le relevéMAD-2026-0015/);
    assert.match(await correction.textContent(), /Centre social Fresnoy Mackellerie/);
    const number = (await correction.getByRole('heading').textContent()).match(/MAD-2026-\d{4}/)[0];
    const list = page.getByRole('region', { name: 'Relevés de mise à disposition' });
    await list.locator('tbody th').filter({ hasText: number }).filter({ hasText: 'rectifie n° MAD-2026-0015' }).waitFor();
    const pdf = correction.getByRole('link', { name: `PDF du relevé ${number}` });
    assert.equal((await page.request.get(await pdf.getAttribute('href'))).status(), 200);
    // A statement corrected already: the API says which one to correct instead.
    const first = list.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^MAD-2026-0001$/ }) });
    await first.getByRole('button', { name: 'Corriger le relevé MAD-2026-0001' }).click();
    await first.getByRole('alert').filter({ hasText: 'déjà été rectifié par le relevé n° MAD-2026-0003' }).waitFor();
    await expectAccessible(page, 'a correction');
    expectNoProblems(page);
    await page.context().close();
  });
});
