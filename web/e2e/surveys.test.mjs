// Browser tests of the questionnaires against the real server and its demo: the « Bien Vieillir »
// coordinator uploads an XLSForm for her collective and lands on its page; a file with errors is
// answered with each error where it is (sheet, row, column); a referent of a member centre finds
// the questionnaire but is offered no upload, fills it in the page with ODK's engine and reads her
// centre's answer, which the coordinator's centre does not see; she sets up a device for ODK
// Collect and revokes it; the coordinator closes the collection and opens it again; the demo's
// closed diagnostic shows its results across centres, its multiple-choice question's shares of the
// answers and the ages' means and medians, the words of its free remarks (as many answers as the
// API counts, none below the threshold, the most used charted), and its coordinator crosses two
// of its questions; a
// member prints a PDF report of the questions she ticks (read back with poppler's pdftotext);
// accessibility, a phone and English.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble node --test e2e/surveys.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PHONE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  newPage,
  noSidewaysScroll,
  seeHeading,
  seeText,
  settled,
  signedIn,
  startServer,
} from './support.mjs';

const NADIA = 'nadia.benali@echo.example.org';
const MARTINE = 'martine.lemaire@alma.example.org';

const SENIORS = [
  'survey,type,name,label,required,relevant',
  ',integer,age,Âge,yes,',
  ',select_one oui_non,seul,Vivez-vous seul ?,yes,',
  ",text,aidant,Qui vous aide ?,,${seul} = 'non'",
  'choices,list_name,name,label',
  ',oui_non,oui,Oui',
  ',oui_non,non,Non',
  'settings,form_title,form_id,version',
  ',Besoins des seniors,besoins_seniors,1',
  '',
].join('\n');
const BROKEN = ['survey,type,name,label', ',texte,metier,Métier', ',end group,,', ''].join('\n');

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

async function upload(page, name, content, collective) {
  await page.getByLabel('Fichier XLSForm').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  if (collective) await page.getByLabel('Collectif').selectOption({ label: collective });
  await page.getByRole('button', { name: 'Déposer' }).click();
}

describe('questionnaires', () => {
  it('the coordinator uploads an XLSForm for her collective and a member finds it', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    await page.goto('/questionnaires');
    await seeHeading(page, 'Questionnaires');
    // The demo's two questionnaires of « Bien Vieillir » are listed already.
    await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).waitFor();
    await expectAccessible(page, 'the list with the upload form');
    await upload(page, 'seniors.csv', SENIORS, 'Bien Vieillir');
    await seeHeading(page, 'Besoins des seniors');
    await seeText(page, 'Bien Vieillir');
    const link = page.getByRole('link', { name: 'Télécharger le formulaire XForm (ODK)' });
    assert.match(await link.getAttribute('href'), /^\/api\/v1\/surveys\/forms\/\d+\/xform$/);
    await expectAccessible(page, 'the questionnaire page');
    expectNoProblems(page);
    await page.context().close();

    const member = await newPage(browser, server.url);
    await signedIn(member, MARTINE);
    await member.goto('/questionnaires');
    await member.getByRole('link', { name: 'Besoins des seniors', exact: true }).waitFor();
    assert.equal(await member.getByRole('heading', { name: 'Déposer un XLSForm' }).count(), 0);

    // She answers in the page, with ODK's engine: the question of the helper shows for « Non ».
    await member.getByRole('link', { name: 'Besoins des seniors', exact: true }).click();
    await member.getByRole('heading', { name: 'Répondre', level: 2 }).waitFor();
    await seeText(member, 'Aucune réponse recueillie par votre structure pour le moment.');
    const age = member.locator('.question-container').filter({ has: member.locator('label', { hasText: 'Âge' }) }).locator('input').first();
    await age.waitFor();
    await age.click();
    await age.pressSequentially('82');
    await age.press('Tab');
    assert.equal(await member.getByText('Qui vous aide ?').count(), 0);
    await member.getByLabel('Non', { exact: true }).check();
    await member.getByText('Qui vous aide ?').waitFor();
    await member
      .locator('.question-container')
      .filter({ has: member.locator('label', { hasText: 'Qui vous aide ?' }) })
      .locator('input')
      .first()
      .fill('Sa fille');
    await member.getByRole('button', { name: 'Send' }).click();
    await seeText(member, 'Réponse enregistrée. Le formulaire est prêt pour la suivante.');
    const answers = member.getByRole('table', { name: /1 réponse recueillie par votre structure/ });
    await answers.waitFor();
    await answers.getByRole('cell', { name: 'Sa fille' }).waitFor();
    await answers.getByRole('cell', { name: '82' }).waitFor();
    await expectAccessible(member, 'the questionnaire with its answers');
    // Her centre's answers download as a workbook, with her session: the server's job writes it
    // while the page says how far it is, then offers the file, to her alone.
    await member.getByRole('button', { name: 'Télécharger les réponses (Excel, une feuille par répétition)' }).click();
    await seeText(member, 'Export prêt : 1 réponse.');
    const workbook = member.getByRole('link', { name: /^Télécharger besoins_seniors\.xlsx \(\d+ Ko\)$/ });
    await expectAccessible(member, 'the export ready to download');
    const [download] = await Promise.all([member.waitForEvent('download'), workbook.click()]);
    assert.equal(download.suggestedFilename(), 'besoins_seniors.xlsx');
    assert.equal((await download.failure()) ?? null, null);

    // She sets up the bus's tablet for ODK Collect: its address shows once; then she revokes it.
    await member.goto('/questionnaires');
    await seeText(member, 'Aucun appareil de collecte configuré pour votre structure.');
    await member.getByLabel("Nom de l'appareil").fill('Tablette du bus');
    await member.getByRole('button', { name: 'Configurer un appareil' }).click();
    const address = member.locator('code.device-url');
    await address.waitFor();
    assert.match(await address.textContent(), /^https?:\/\/[^/]+\/openrosa\/[A-Za-z0-9_-]{20,}$/);
    const devices = member.getByRole('table', { name: 'Appareils de collecte de votre structure' });
    await devices.getByText('Tablette du bus', { exact: true }).waitFor();
    await devices.getByText('Jamais utilisé').waitFor();
    await expectAccessible(member, 'the device just set up');
    await member.getByRole('button', { name: 'Révoquer Tablette du bus' }).click();
    await seeText(member, "L'appareil Tablette du bus est révoqué : il ne peut plus ni télécharger ni envoyer de questionnaire.");
    await devices.getByText(/^Révoqué le /).waitFor();
    assert.equal(await member.getByRole('button', { name: 'Révoquer Tablette du bus' }).count(), 0);
    expectNoProblems(member);
    await member.context().close();

    // ECHO designed it and reads none of Alma's answers.
    const owner = await newPage(browser, server.url);
    await signedIn(owner, NADIA);
    await owner.goto('/questionnaires');
    await owner.getByRole('link', { name: 'Besoins des seniors', exact: true }).click();
    await seeText(owner, 'Aucune réponse recueillie par votre structure pour le moment.');
    assert.equal(await owner.getByText('Sa fille').count(), 0);

    // Its coordinator closes the collection: the form to fill goes; she opens it again.
    await owner.getByRole('button', { name: 'Clore la collecte' }).click();
    await seeText(owner, 'Collecte close.');
    await seeText(owner, 'Ce questionnaire est clos : il ne reçoit plus de réponses.');
    assert.equal(await owner.getByRole('heading', { name: 'Répondre', level: 2 }).count(), 0);
    await expectAccessible(owner, 'a closed questionnaire');
    await owner.getByRole('button', { name: 'Rouvrir la collecte' }).click();
    await seeText(owner, 'Collecte rouverte : les réponses sont de nouveau reçues.');
    await owner.getByRole('heading', { name: 'Répondre', level: 2 }).waitFor();
    expectNoProblems(owner);
    await owner.context().close();
  });

  it('a file with errors is answered by sheet, row and column, on a phone', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signedIn(page, NADIA);
    await page.goto('/questionnaires');
    await seeHeading(page, 'Questionnaires');
    await upload(page, 'cassé.csv', BROKEN);
    await seeText(page, 'Le XLSForm a 2 erreurs à corriger.');
    await seeText(page, 'Le type « texte » n’existe pas en XLSForm.');
    await seeText(page, '« end group » sans « begin group » correspondant.');
    await noSidewaysScroll(page, 'the problems on a phone');
    await expectAccessible(page, 'the problems of the file');
    expectNoProblems(page);
    await page.context().close();
  });

  it('the closed diagnostic shows its results across centres, small counts hidden, on a phone too', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await signedIn(page, MARTINE);
      await page.goto('/questionnaires');
      await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).click();
      await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      await seeText(page, 'Ce questionnaire est clos : il ne reçoit plus de réponses.');
      const table = page.getByRole('table', { name: 'Vivez-vous seul·e ? : réponses par structure' });
      await table.waitFor();
      await table.getByText('Autres structures (moins de 5 réponses chacune)').waitFor();
      await table.getByText('Ensemble des structures').waitFor();
      assert.ok((await table.getByText('328').count()) >= 1, 'the grand total');
      await page.getByRole('figure').filter({ hasText: 'Vivez-vous seul·e ? : part des réponses de chaque structure' }).locator('canvas').waitFor();
      // The same counts by commune, Roubaix for every named centre and the pooled row apart.
      const byCommune = page.getByRole('table', { name: 'Vivez-vous seul·e ? : réponses par commune' });
      await byCommune.getByText('Roubaix').waitFor();
      await byCommune.getByText('Structures regroupées').waitFor();
      await byCommune.getByText('321').first().waitFor();
      if (!viewport) {
        // The tables download as the page shows them.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Télécharger les tableaux (Excel)' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'diagnostic_seniors_2026_resultats.xlsx');
      }
      // Each table says the rule it follows.
      assert.ok((await page.getByText('Les cases de moins de 5 réponses sont masquées').count()) >= 5);
      if (viewport) await noSidewaysScroll(page, 'the results on a phone');
      await expectAccessible(page, 'the results');
      expectNoProblems(page);
      await page.context().close();
    }
  });

  it("the closed diagnostic's multiple-choice question and its ages, on a 360 px phone too, and in English", async () => {
    const cellTexts = async (row) => (await row.locator('td .cell-value').allTextContents()).map((text) => text.trim());
    const lineOf = (table, label) => table.locator('tbody tr').filter({ has: table.page().locator('th', { hasText: label }) });
    for (const viewport of [undefined, { ...PHONE, viewport: { width: 360, height: 740 } }]) {
      const page = await newPage(browser, server.url, viewport);
      await signedIn(page, MARTINE);
      await page.goto('/questionnaires');
      await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).click();
      await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      await settled(page);

      // « Qui vous aide au quotidien ? »: several answers possible, said above its table.
      const helpers = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Qui vous aide au quotidien ?', level: 3 }) });
      await helpers
        .getByText('Plusieurs réponses possibles : les pourcentages se rapportent aux réponses reçues, leur somme peut dépasser 100 %.')
        .waitFor();
      const counts = helpers.getByRole('table', { name: 'Qui vous aide au quotidien ? : réponses par structure' });
      await counts.waitFor();
      // No column of the unanswered: the five choices, the structure and the answers.
      const headers = (await counts.locator('thead th').allTextContents()).map((text) => text.trim());
      assert.equal(headers.length, 7, `headers: ${headers.join(' | ')}`);
      assert.ok(!headers.includes('Sans réponse'), `headers: ${headers.join(' | ')}`);
      const almaCounts = (await cellTexts(lineOf(counts, 'Centre social Alma'))).map(Number);
      const almaAnswers = almaCounts.pop();
      assert.ok(almaCounts.every((count) => Number.isInteger(count)), `Alma: ${almaCounts.join(' | ')}`);
      // An answer counts in each choice it gives: Alma's choices are more than its answers.
      assert.ok(almaCounts.reduce((sum, count) => sum + count, 0) > almaAnswers, `Alma: ${almaCounts.join(' | ')} for ${almaAnswers}`);
      // Its chart: each choice's share of the row's answers, not of the choices given.
      const chartTitle = 'Qui vous aide au quotidien ? : part des réponses de chaque structure qui donnent chaque choix';
      const figure = helpers.getByRole('figure').filter({ hasText: chartTitle });
      await figure.locator('canvas').waitFor();
      const shares = figure.getByRole('table', { name: `Données du graphique : ${chartTitle}` });
      assert.deepEqual(
        await cellTexts(lineOf(shares, 'Centre social Alma')),
        // « 50 % », a non-breaking space before the sign.
        almaCounts.map((count) => `${Math.round((100 * count) / almaAnswers)}\u00a0%`),
      );
      const allShares = (await cellTexts(lineOf(shares, 'Ensemble des structures'))).map((text) => Number.parseInt(text, 10));
      assert.ok(allShares.reduce((sum, share) => sum + share, 0) > 100, `all structures: ${allShares.join(' | ')}`);
      // The cross table crosses single-choice questions only.
      assert.equal(await page.getByLabel('Question en lignes').locator('option', { hasText: 'Qui vous aide au quotidien ?' }).count(), 0);

      // « Quel âge avez-vous ? »: answers, mean and median by structure, with one decimal, checked
      // against the statistics the API publishes to Martine.
      const formId = new URL(page.url()).pathname.split('/').pop();
      const published = await page.evaluate((id) =>
        fetch(`/api/v1/surveys/forms/${id}/results`, { headers: { Accept: 'application/json' } }).then((response) => response.json()),
      formId);
      const age = published.numbers.find((question) => question.name === 'age');
      assert.ok(age, 'the age is a number question of the results');
      const decimal = (value) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
      const almaIndex = published.rows.findIndex((row) => row.label === 'Centre social Alma');
      const almaAge = age.rows[almaIndex];
      assert.ok(almaAge.answers !== null && almaAge.mean !== null, 'Alma’s ages are published');
      const ages = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Quel âge avez-vous ?', level: 3 }) });
      const ageTable = ages.getByRole('table', { name: 'Quel âge avez-vous ? : réponses, moyenne et médiane par structure' });
      await ageTable.waitFor();
      const ageHeaders = (await ageTable.locator('thead th').allTextContents()).map((text) => text.trim());
      assert.deepEqual(ageHeaders, ['Structure', 'Réponses', 'Moyenne', 'Médiane']);
      const almaLine = await cellTexts(lineOf(ageTable, 'Centre social Alma'));
      assert.deepEqual(almaLine, [String(almaAge.answers), decimal(almaAge.mean), decimal(almaAge.median)]);
      assert.match(almaLine[1], /^\d+,\d$/, 'a French decimal comma');
      const totalLine = await cellTexts(lineOf(ageTable, 'Ensemble des structures'));
      assert.deepEqual(totalLine, [String(age.total.answers), decimal(age.total.mean), decimal(age.total.median)]);
      assert.equal(age.total.answers, 328);
      // Every line prints its figures or its marker.
      for (const cell of await cellTexts(ageTable.locator('tbody'))) assert.match(cell, /^(\d+(,\d)?|< \d+|s|Aucune réponse)$/);
      assert.match(await ages.locator('p.rule').first().textContent(), /^Moyennes et médianes/);
      const ageChart = ages.getByRole('figure').filter({ hasText: 'Quel âge avez-vous ? : moyenne par structure' });
      await ageChart.locator('canvas').waitFor();
      assert.equal(
        (await cellTexts(lineOf(ageChart.getByRole('table'), 'Centre social Alma')))[0],
        decimal(almaAge.mean),
        'the chart’s table gives Alma’s mean',
      );

      if (viewport) await noSidewaysScroll(page, 'the results on a 360 px phone');
      await expectAccessible(page, 'the results with their multiple-choice question and ages');

      if (!viewport) {
        // In English: the note, the columns and the decimal point; the rule from the server.
        await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Results across structures', level: 2 }).waitFor();
        await settled(page);
        await page
          .getByText('Several answers possible: the percentages are of the answers received, and may add up to more than 100%.')
          .waitFor();
        const englishAges = page.getByRole('table', { name: 'Quel âge avez-vous ?: answers, mean and median by structure' });
        await englishAges.waitFor();
        assert.deepEqual((await englishAges.locator('thead th').allTextContents()).map((text) => text.trim()), [
          'Structure',
          'Answers',
          'Mean',
          'Median',
        ]);
        const english = (value) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
        assert.deepEqual(await cellTexts(lineOf(englishAges, 'Centre social Alma')), [
          String(almaAge.answers),
          english(almaAge.mean),
          english(almaAge.median),
        ]);
        await lineOf(englishAges, 'All structures').waitFor();
        await page.getByText(/^Means and medians/).first().waitFor();
        // Back to French: her account keeps the language chosen.
        await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
        await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      }
      expectNoProblems(page);
      await page.context().close();
    }
  });

  it("the closed diagnostic's free remarks by their words, on a 360 px phone too, and in English", async () => {
    const cellTexts = async (locator) => (await locator.allTextContents()).map((text) => text.trim());
    const count = (text) => Number(text.replace(/\s/g, ''));
    for (const viewport of [undefined, { ...PHONE, viewport: { width: 360, height: 740 } }]) {
      const page = await newPage(browser, server.url, viewport);
      await signedIn(page, MARTINE);
      await page.goto('/questionnaires');
      await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).click();
      await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      await settled(page);

      // The words the API publishes to Martine for « Voulez-vous ajouter quelque chose ? ».
      const formId = new URL(page.url()).pathname.split('/').pop();
      const published = await page.evaluate(
        (id) => fetch(`/api/v1/surveys/forms/${id}/results`, { headers: { Accept: 'application/json' } }).then((response) => response.json()),
        formId,
      );
      const remarks = published.texts?.find((question) => question.name === 'remarque');
      assert.ok(remarks, 'the remarks are a free-text question of the results');
      const { threshold } = published;
      assert.ok(remarks.words.length >= 3, `the demo's remarks share words: ${JSON.stringify(remarks.words)}`);
      assert.ok(remarks.words.length <= 50);

      const section = page.getByRole('article').filter({ has: page.getByRole('heading', { name: remarks.label, level: 3 }) });
      await section.getByText(`Les mots employés dans au moins ${threshold} réponses`).waitFor();
      const table = section.getByRole('table', { name: `${remarks.label} : mots employés et réponses qui les emploient` });
      await table.waitFor();
      assert.deepEqual(await cellTexts(table.locator('thead th')), ['Mot', 'Réponses']);
      // A line per word the API publishes, in its order, with its count of answers.
      const words = await cellTexts(table.locator('tbody th .cell-value'));
      const counts = (await cellTexts(table.locator('tbody td .cell-value'))).map(count);
      assert.equal(words.length, remarks.words.length);
      const first = Math.min(5, remarks.words.length);
      assert.deepEqual(
        words.slice(0, first).map((word, i) => [word, counts[i]]),
        remarks.words.slice(0, first).map((word) => [word.word, word.answers]),
      );
      // No word fewer answers use than the threshold is shown; the most used first.
      for (const shown of counts) assert.ok(Number.isInteger(shown) && shown >= threshold, `${shown} < ${threshold}`);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
      // The chart of the 15 most used at most, its data table beside it.
      const drawn = Math.min(15, remarks.words.length);
      const chartTitle = `${remarks.label} : réponses qui emploient chacun des ${drawn} mots les plus employés`;
      const figure = section.getByRole('figure').filter({ hasText: chartTitle });
      await figure.locator('canvas').waitFor();
      const chartData = figure.getByRole('table', { name: `Données du graphique : ${chartTitle}` });
      assert.deepEqual(
        await cellTexts(chartData.locator('tbody th .cell-value')),
        remarks.words.slice(0, drawn).map((word) => word.word),
      );
      // The rule under them, from the server.
      assert.equal((await section.locator('p.rule').textContent()).trim(), published.word_rule);
      assert.equal(await section.getByText('Aucun mot n’est employé par assez de réponses pour être montré.').count(), 0);
      // The words are offered to the printable report too.
      const report = page.getByRole('group', { name: 'Rapport imprimable (PDF)' });
      assert.equal(await report.getByRole('checkbox', { name: remarks.label, exact: true }).count(), 1);

      if (viewport) await noSidewaysScroll(page, 'the words on a 360 px phone');
      await expectAccessible(page, 'the results with the words of the remarks');

      if (!viewport) {
        await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Results across structures', level: 2 }).waitFor();
        await settled(page);
        await section.getByText(`The words used in at least ${threshold} answers`).waitFor();
        const english = section.getByRole('table', { name: `${remarks.label}: words used and the answers that use them` });
        await english.waitFor();
        assert.deepEqual(await cellTexts(english.locator('thead th')), ['Word', 'Answers']);
        await section.getByRole('figure').filter({ hasText: `${remarks.label}: answers that use each of the ${drawn} most used words` }).waitFor();
        await section.locator('p.rule').filter({ hasText: /^Words of the free answers/ }).waitFor();
        await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
        await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      }
      expectNoProblems(page);
      await page.context().close();
    }
  });

  it('a member prints a PDF report of the questions she ticks, in the page’s order, on a 360 px phone too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensemble-report-'));
    try {
      for (const viewport of [undefined, { ...PHONE, viewport: { width: 360, height: 740 } }]) {
        const page = await newPage(browser, server.url, viewport);
        await signedIn(page, MARTINE);
        await page.goto('/questionnaires');
        await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).click();
        await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
        await settled(page);
        const formId = new URL(page.url()).pathname.split('/').pop();
        const published = await page.evaluate(
          (id) => fetch(`/api/v1/surveys/forms/${id}/results`, { headers: { Accept: 'application/json' } }).then((response) => response.json()),
          formId,
        );
        const questions = [...published.questions, ...published.numbers, ...published.texts];
        const nameOf = (label) => questions.find((question) => question.label === label)?.name;
        const [alone, age, internet] = ['Vivez-vous seul·e ?', 'Quel âge avez-vous ?', 'Utilisez-vous internet ?'];
        assert.ok(nameOf(alone) && nameOf(age) && nameOf(internet), 'the demo’s questions are in the results');

        // A box per question, the choice questions then the numbers as the page shows them, all ticked.
        const report = page.getByRole('group', { name: 'Rapport imprimable (PDF)' });
        await report.waitFor();
        const boxes = report.getByRole('checkbox');
        assert.deepEqual(
          (await report.locator('.report-questions label').allTextContents()).map((text) => text.trim()),
          questions.map((question) => question.label),
        );
        for (const box of await boxes.all()) assert.equal(await box.isChecked(), true);
        const link = page.getByRole('link', { name: 'Télécharger le rapport PDF' });
        const path = (names) => `/api/v1/surveys/forms/${formId}/report.pdf?questions=${names.map(encodeURIComponent).join(',')}`;
        assert.equal(await link.getAttribute('href'), path(questions.map((question) => question.name)));

        // Nothing ticked: no report to download, and the page says why.
        await report.getByRole('button', { name: 'Tout décocher', exact: true }).click();
        for (const box of await boxes.all()) assert.equal(await box.isChecked(), false);
        await page.getByRole('status').filter({ hasText: 'Choisissez au moins une question.' }).waitFor();
        assert.equal(await link.count(), 0);
        if (viewport) await noSidewaysScroll(page, 'the report’s questions on a 360 px phone');
        await expectAccessible(page, 'the report with no question ticked');
        await report.getByRole('button', { name: 'Tout cocher', exact: true }).click();
        await link.waitFor();
        assert.equal(await page.getByText('Choisissez au moins une question.').count(), 0);
        for (const box of await boxes.all()) assert.equal(await box.isChecked(), true);

        // The age ticked first, then whether one lives alone: the report keeps the page's order.
        await report.getByRole('button', { name: 'Tout décocher', exact: true }).click();
        await report.getByRole('checkbox', { name: age, exact: true }).check();
        await report.getByRole('checkbox', { name: alone, exact: true }).check();
        assert.equal(await link.getAttribute('href'), path([nameOf(alone), nameOf(age)]));
        await expectAccessible(page, 'the report with two questions ticked');

        if (!viewport) {
          const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
          assert.equal(download.suggestedFilename(), 'diagnostic_seniors_2026_rapport.pdf');
          assert.equal((await download.failure()) ?? null, null);
          const file = join(dir, download.suggestedFilename());
          await download.saveAs(file);
          // Its text, as poppler reads it: the two questions chosen, in that order, and not the others.
          const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
          assert.ok(text.includes(alone), `« ${alone} » in the report:\n${text}`);
          assert.ok(text.includes(age), `« ${age} » in the report:\n${text}`);
          assert.ok(text.indexOf(alone) < text.indexOf(age), 'the page’s order');
          assert.ok(!text.includes(internet), `no « ${internet} » in the report:\n${text}`);
          assert.ok(!text.includes('Qui vous aide au quotidien ?'), 'no question left unticked');

          // In English; back to French, which her account keeps.
          await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
          const english = page.getByRole('group', { name: 'Printable report (PDF)' });
          await english.getByRole('button', { name: 'Untick all', exact: true }).click();
          await page.getByRole('status').filter({ hasText: 'Choose at least one question.' }).waitFor();
          await english.getByRole('button', { name: 'Tick all', exact: true }).click();
          await page.getByRole('link', { name: 'Download the PDF report' }).waitFor();
          await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
          await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
        }
        expectNoProblems(page);
        await page.context().close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the coordinator crosses two questions of the closed diagnostic, on a phone too', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await signedIn(page, NADIA);
      await page.goto('/questionnaires');
      await page.getByRole('link', { name: 'Diagnostic des besoins des seniors' }).click();
      await page.getByRole('heading', { name: 'Résultats croisés', level: 2 }).waitFor();
      const section = page.getByRole('region', { name: 'Croiser deux questions' });
      await section.getByRole('heading', { name: 'Croiser deux questions', level: 3 }).waitFor();
      await settled(page);
      // Two different questions: the one chosen for the rows is not offered for the columns.
      await section.getByLabel('Question en lignes').selectOption({ label: 'Vivez-vous seul·e ?' });
      const columns = section.getByLabel('Question en colonnes');
      assert.equal(await columns.locator('option', { hasText: 'Vivez-vous seul·e ?' }).count(), 0);
      await columns.selectOption({ label: 'Utilisez-vous internet ?' });

      const table = section.getByRole('table', { name: 'Vivez-vous seul·e ? croisé avec Utilisez-vous internet ?' });
      await table.waitFor();
      await settled(page);
      const caption = await table.locator('caption').textContent();
      assert.ok(caption.includes('Vivez-vous seul·e ?') && caption.includes('Utilisez-vous internet ?'), caption);
      // A line per choice of the rows question, then the totals: all 328 answers.
      const lines = table.locator('tbody tr');
      assert.ok((await lines.count()) >= 3, 'the two choices and the totals');
      const totals = lines.last();
      assert.equal((await totals.locator('th .cell-value').textContent()).trim(), 'Total');
      await totals.getByText('328', { exact: true }).waitFor();
      // Each cell prints its count or its marker, and some count is published.
      const cells = (await table.locator('tbody td .cell-value').allTextContents()).map((text) => text.trim());
      assert.ok(cells.length >= 3 * 4, `cells: ${cells.join(' | ')}`);
      for (const cell of cells) assert.match(cell, /^(\d[\d\s\u202f]*|< \d+|s)$/);
      assert.ok(cells.some((cell) => /^\d+$/.test(cell) && cell !== '0'), `cells: ${cells.join(' | ')}`);
      // The rule it follows, under it.
      assert.match(await section.locator('p.rule').first().textContent(), /Les cases de moins de \d+ réponses sont masquées/);
      await section
        .getByRole('figure')
        .filter({ hasText: 'Vivez-vous seul·e ? : part de chaque réponse à « Utilisez-vous internet ? »' })
        .locator('canvas')
        .waitFor();
      if (!viewport) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          section.getByRole('link', { name: 'Télécharger le tableau croisé (Excel)' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'diagnostic_seniors_2026_tableau_croise_seul_internet.xlsx');
      }
      // On a phone the table's lines are cards: nothing but a table's own scroller may be wider than the screen.
      if (viewport) await noSidewaysScroll(page, 'the cross table on a phone');
      await expectAccessible(page, 'the cross table');
      expectNoProblems(page);
      await page.context().close();
    }
  });

  it('speaks English', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    await page.goto('/questionnaires');
    await seeHeading(page, 'Questionnaires');
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Upload an XLSForm' }).waitFor();
    await seeText(page, 'Designed by');
    await expectAccessible(page, 'the questionnaires in English');
    expectNoProblems(page);
    await page.context().close();
  });
});
