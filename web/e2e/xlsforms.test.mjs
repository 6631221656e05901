// The XLSForms of tests/surveys/xlsforms/ (written by its make.py) against the ecosystem: ECHO's
// coordinator uploads each to the real server, whose XForm is then (a) filled in the
// questionnaire's page with ODK's engine (@getodk/web-forms) — no error state, no
// Content-Security-Policy violation, each relevant, constraint, choice filter, calculation,
// repeat_count and trigger doing what the form says — sent, and read back through the API; and
// (b) transformed by enketo-transformer's browser build in the same chromium, into a form whose
// every question is there and a model with the instance. The field visit's page reads the
// browser's location (Permissions-Policy: geolocation=(self)), previews its photo as a blob:
// image, and its maps ask for no tile without an operator's tile server (vite.odk-plugin.ts).
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble node --test e2e/xlsforms.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPage, seeText, signedIn, startServer, todayInParis } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(here, '../../tests/surveys/xlsforms');
const ENKETO = resolve(here, '../node_modules/enketo-transformer/dist/enketo-transformer/web/transformer.js');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NADIA = 'nadia.benali@echo.example.org'; // ECHO's coordinator: designs and collects
const FORMS = ['partenaires_sante', 'enquete_menages', 'visite_terrain', 'satisfaction_ateliers'];
// Where the field visit's geopoint is taken: the Centre social Alma, Roubaix.
const ALMA = { latitude: 50.6916, longitude: 3.1746, accuracy: 5 };

let server;
let browser;
let enketo;
const uploaded = {}; // name -> { id, xform, questions }
// A 1×1 PNG: the façade's photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Serves enketo-transformer's browser build and a page that imports it. No CSP here: the
 * transformation is not one of Ensemble's pages, and it styles the nodes it builds inline.
 */
function serveEnketo() {
  const files = {
    '/': ['text/html; charset=utf-8', '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>enketo-transformer</title><script type="module" src="/main.js"></script></head><body></body></html>'],
    '/main.js': [
      'text/javascript; charset=utf-8',
      "import { transform, version } from '/transformer.js';\nwindow.enketo = { transform, version };\ndocument.body.dataset.ready = 'yes';\n",
    ],
    '/transformer.js': ['text/javascript; charset=utf-8', readFileSync(ENKETO)],
    '/favicon.ico': ['image/x-icon', ''],
  };
  const http = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://localhost').pathname];
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': file[0] });
    response.end(file[1]);
  });
  return new Promise((done) => {
    http.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${http.address().port}`, close: () => new Promise((c) => http.close(c)) }));
  });
}

/** A page of the app whose CSP violations are kept from its first byte (page.violations()). */
async function formPage(options = {}) {
  const page = await newPage(browser, server.url, options);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  // The bodies the page posts to the submissions API (a Blob, which the DevTools protocol does
  // not hand to playwright), as text.
  await page.addInitScript(() => {
    window.__posted = [];
    const original = window.fetch;
    window.fetch = async (resource, init) => {
      if (init?.method === 'POST' && /\/submissions$/.test(String(resource)) && init.body instanceof Blob) {
        window.__posted.push(await init.body.text());
      }
      return original(resource, init);
    };
  });
  page.violations = () => page.evaluate(() => window.__violations);
  return page;
}

async function csrf(page) {
  return (await (await page.request.get('/api/v1/session')).json()).csrf_token;
}

/** Opens the questionnaire's page and waits for ODK's engine to show the form, not its error state. */
async function openForm(page, name) {
  await page.goto(`/questionnaires/${uploaded[name].id}`);
  await page.getByRole('heading', { name: 'Répondre', level: 2 }).waitFor();
  const status = page.locator('.form-initialization-status');
  await page.waitForFunction(
    () => /\b(ready|error)\b/.test(document.querySelector('.form-initialization-status')?.className ?? ''),
    null,
    { timeout: 30_000 },
  );
  assert.match(await status.getAttribute('class'), /\bready\b/, `${name}: the engine's error state`);
  assert.equal(await page.locator('.form-load-failure-dialog').count(), 0);
  assert.equal(await page.getByText('Le formulaire n’a pas pu être chargé').count(), 0);
}

/** The question whose label has this text, and its first input. */
const question = (scope, label) =>
  scope.locator('.question-container').filter({ has: (scope.page?.() ?? scope).locator('label', { hasText: label }) });
const input = (scope, label) => question(scope, label).locator('input, textarea').first();

/**
 * Types into PrimeVue's InputNumber key by key (fill() bypasses its key handling) and leaves it
 * (by blur, not Tab: a date question next would open its calendar over the form).
 */
async function typeNumber(locator, value) {
  await locator.click();
  await locator.press('Control+A');
  await locator.press('Backspace');
  await locator.pressSequentially(value);
  await locator.blur();
}

/** The error shown under a question, once the form was sent with it wrong. */
const shows = (scope, label, message) => question(scope, label).getByText(message).waitFor();
const showsNot = (scope, label, message) => question(scope, label).getByText(message).waitFor({ state: 'hidden' });

/** Sends the form and returns the instance XML the page posted (kept by formPage's fetch). */
async function send(page) {
  const before = await page.evaluate(() => window.__posted.length);
  await page.getByRole('button', { name: 'Send' }).click();
  await seeText(page, 'Réponse enregistrée. Le formulaire est prêt pour la suivante.');
  const posted = await page.evaluate(() => window.__posted);
  assert.equal(posted.length, before + 1, 'one submission posted');
  const xml = /<data [\s\S]*<\/data>/.exec(posted.at(-1));
  assert.ok(xml, `no instance in the posted body:\n${posted.at(-1).slice(0, 500)}`);
  return xml[0];
}

/** Clicks Send on a form with errors: nothing is posted, the engine counts the questions. */
async function sendRefused(page) {
  const before = await page.evaluate(() => window.__posted.length);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/\d+ questions? with errors?\./).waitFor();
  assert.equal(await page.evaluate(() => window.__posted.length), before, 'a form with errors was posted');
}

/** The one answer stored for the form, read back through the API. */
async function storedAnswer(page, name) {
  const answer = await page.request.get(`/api/v1/surveys/forms/${uploaded[name].id}/submissions`);
  assert.equal(answer.status(), 200);
  const list = await answer.json();
  assert.equal(list.items.length, 1, `${name}: one answer stored`);
  return list.items[0];
}

async function expectClean(page, what) {
  assert.deepEqual(await page.violations(), [], `CSP violations on ${what}`);
  assert.deepEqual(page.problems, [], `console errors on ${what}`);
}

before(async () => {
  [server, browser, enketo] = await Promise.all([startServer(), launchBrowser(), serveEnketo()]);
  const page = await newPage(browser, server.url);
  await signedIn(page, NADIA);
  const token = await csrf(page);
  for (const name of FORMS) {
    const answer = await page.request.post(`/api/v1/surveys/forms?file_name=${name}.xlsx`, {
      headers: { 'Content-Type': XLSX, 'X-CSRF-Token': token },
      data: readFileSync(resolve(FIXTURES, `${name}.xlsx`)),
    });
    const body = await answer.json();
    assert.equal(answer.status(), 201, `${name}.xlsx refused: ${JSON.stringify(body)}`);
    assert.deepEqual(body.warnings, [], `${name}.xlsx: warnings`);
    assert.equal(body.xform_id, name);
    const xform = await page.request.get(`/api/v1/surveys/forms/${body.id}/xform`);
    assert.equal(xform.status(), 200);
    const questions = (await (await page.request.get(`/api/v1/surveys/forms/${body.id}/submissions`)).json()).questions;
    uploaded[name] = { id: body.id, xform: await xform.text(), questions };
  }
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), enketo?.close()]);
});

describe('XLSForms of the kind people publish, filled with ODK Web Forms in the page', () => {
  it('the partners questionnaire: languages, choice filter, constraints, required messages, a calculation', async () => {
    const page = await formPage();
    await signedIn(page, NADIA);
    await openForm(page, 'partenaires_sante');
    const form = page.locator('.survey-fill-form');
    // The default language is French; the read-only reference shows its default.
    await form.getByText('Ce questionnaire recueille l\'avis des professionnels de santé').waitFor();
    await question(form, 'Référence de l\'enquête').getByText('BV-2026').waitFor();

    // choice_filter: the practice types of the chosen profession only; relevant both ways.
    const specialite = question(form, 'Votre exercice');
    assert.equal(await specialite.count(), 0);
    await form.getByLabel('Médecin', { exact: true }).check();
    await specialite.waitFor();
    assert.deepEqual(await specialite.locator('.value-option').allTextContents(), ['Médecine générale', 'Gériatrie']);
    assert.equal(await question(form, 'Précisez votre profession').count(), 0);
    await form.getByLabel('Autre profession', { exact: true }).check();
    await question(form, 'Précisez votre profession').waitFor();
    await specialite.waitFor({ state: 'detached' });
    await form.getByLabel('Pharmacien·ne', { exact: true }).check();
    await question(form, 'Précisez votre profession').waitFor({ state: 'detached' });
    assert.deepEqual(await specialite.locator('.value-option').allTextContents(), ['Officine', 'Pharmacie hospitalière']);
    await form.getByLabel('Officine', { exact: true }).check();
    await input(form, 'Nom de la pharmacie ou du cabinet').fill('Pharmacie du Pile');

    // Wrong answers everywhere, then one Send: each constraint and required message shows.
    await input(form, 'Téléphone du cabinet').fill('0320');
    await typeNumber(input(form, 'Combien de patients de plus de 60 ans'), '600');
    assert.equal(await form.getByText('Soit environ').count(), 0, 'the note waits for the share');
    await typeNumber(input(form, 'Part de ces patients qui vivent seuls'), '25');
    await form.getByLabel('Aucune', { exact: true }).check();
    await form.getByLabel('Se déplacer', { exact: true }).check();
    assert.equal(await question(form, 'Combien de patients avez-vous orientés').count(), 0);
    await form.getByLabel('Oui', { exact: true }).check();
    await question(form, 'Combien de patients avez-vous orientés').waitFor();
    await sendRefused(page);
    await shows(form, 'Téléphone du cabinet', 'Un numéro à 10 chiffres, par exemple 03 20 00 00 00');
    await shows(form, 'Combien de patients de plus de 60 ans', 'Entre 0 et 500 patients');
    await shows(form, 'Quelles difficultés observez-vous', '« Aucune » ne se combine pas avec une autre réponse');
    await shows(form, 'Combien de patients avez-vous orientés', 'Indiquez le nombre de patients orientés');

    // Fixed: the messages go, the calculation follows both numbers.
    await input(form, 'Téléphone du cabinet').fill('03 20 45 67 89');
    await showsNot(form, 'Téléphone du cabinet', 'Un numéro à 10 chiffres');
    await typeNumber(input(form, 'Combien de patients de plus de 60 ans'), '40');
    await form.getByText('Soit environ 10 patients isolés par semaine.').waitFor();
    await typeNumber(input(form, 'Part de ces patients qui vivent seuls'), '12,5'); // the French decimal comma
    await form.getByText('Soit environ 5 patients isolés par semaine.').waitFor();
    await form.getByLabel('Aucune', { exact: true }).uncheck();
    await form.getByLabel('Isolement', { exact: true }).check();
    await showsNot(form, 'Quelles difficultés observez-vous', '« Aucune »');
    await typeNumber(input(form, 'Combien de patients avez-vous orientés'), '3');
    await input(form, 'Vos remarques').fill('Beaucoup de patients ne savent pas à qui s’adresser.\nUne permanence serait utile.');
    await question(form, 'J\'accepte que mes réponses soient partagées').locator('input[type="checkbox"]').check();

    const xml = await send(page);
    const today = todayInParis();
    assert.ok(xml.includes(`<instanceName>Pharmacie du Pile — ${today}</instanceName>`), xml);
    const stored = await storedAnswer(page, 'partenaires_sante');
    assert.deepEqual(
      pick(stored.answers, [
        '/data/reference',
        '/data/structure/profession',
        '/data/structure/specialite',
        '/data/structure/profession_autre',
        '/data/structure/structure_nom',
        '/data/structure/telephone',
        '/data/patientele/patients_semaine',
        '/data/patientele/part_isoles',
        '/data/patientele/isoles_semaine',
        '/data/patientele/difficultes',
        '/data/orientation/oriente',
        '/data/orientation/nb_orientations',
        '/data/orientation/date_entretien',
        '/data/orientation/consentement',
      ]),
      {
        '/data/reference': 'BV-2026',
        '/data/structure/profession': 'pharmacien',
        '/data/structure/specialite': 'officine',
        '/data/structure/profession_autre': undefined, // not relevant: not stored
        '/data/structure/structure_nom': 'Pharmacie du Pile',
        '/data/structure/telephone': '03 20 45 67 89',
        '/data/patientele/patients_semaine': '40',
        '/data/patientele/part_isoles': '12.5',
        '/data/patientele/isoles_semaine': '5',
        '/data/patientele/difficultes': 'mobilite isolement',
        '/data/orientation/oriente': 'oui',
        '/data/orientation/nb_orientations': '3',
        '/data/orientation/date_entretien': today,
        '/data/orientation/consentement': 'OK',
      },
    );
    assert.match(stored.answers['/data/orientation/commentaire'], /^Beaucoup de patients[\s\S]*permanence serait utile\.$/);
    await expectClean(page, 'the partners questionnaire');
    await page.context().close();
  });

  it('the household survey: a repeat of members driven by repeat_count, sums across it', async () => {
    const page = await formPage();
    await signedIn(page, NADIA);
    await openForm(page, 'enquete_menages');
    const form = page.locator('.survey-fill-form');
    await input(form, 'Adresse du logement').fill("12 rue de l'Alma");
    const members = form.locator('.p-panel.is-repeat'); // one panel per member
    // repeat_count: as many members as people said, and no button to add one by hand.
    await typeNumber(input(form, 'Combien de personnes vivent'), '15');
    await sendRefused(page);
    await shows(form, 'Combien de personnes vivent', 'Entre 1 et 12 personnes');
    await typeNumber(input(form, 'Combien de personnes vivent'), '3');
    await members.nth(2).waitFor();
    assert.equal(await members.count(), 3);
    assert.equal(await form.getByRole('button', { name: /^Add/ }).count(), 0);
    const people = [
      ['Josette', '72', 'Personne de référence'],
      ['Malik', '45', 'Enfant'],
      ['Inès', '9', 'Autre'],
    ];
    for (const [index, [name, age, link]] of people.entries()) {
      const member = members.nth(index);
      await input(member, 'Prénom').fill(name);
      // The label follows the name: « Âge de Josette ».
      await typeNumber(input(member, `Âge de ${name}`), age);
      await member.getByLabel(link, { exact: true }).check();
    }
    // relevant inside the repeat, relative to each member: the schooling question for Inès only.
    await question(members.nth(2), 'Inès est-il ou elle scolarisé·e ?').waitFor();
    for (const index of [0, 1]) assert.equal(await members.nth(index).getByText('scolarisé·e').count(), 0);
    await members.nth(2).getByLabel('Oui', { exact: true }).check();
    // The sums over the repeat, in the note and in relevance.
    await form.getByText('Ce ménage compte 1 personne(s) de 60 ans ou plus et 1 mineur(s).').waitFor();
    await question(form, 'Une personne âgée du ménage reçoit-elle une aide').waitFor();
    // A constraint inside the repeat.
    await typeNumber(input(members.nth(0), 'Âge de Josette'), '130');
    await sendRefused(page);
    await shows(members.nth(0), 'Âge de Josette', 'Un âge entre 0 et 110 ans');
    await typeNumber(input(members.nth(0), 'Âge de Josette'), '82');
    await showsNot(members.nth(0), 'Âge de Josette', 'Un âge entre 0 et 110 ans');
    // Fewer people: the last member goes, and the sums follow.
    await typeNumber(input(form, 'Combien de personnes vivent'), '2');
    await members.nth(2).waitFor({ state: 'detached' });
    await form.getByText('Ce ménage compte 1 personne(s) de 60 ans ou plus et 0 mineur(s).').waitFor();
    await question(form, 'Une personne âgée du ménage reçoit-elle une aide').getByLabel('Non', { exact: true }).check();
    await form.getByLabel('APL', { exact: true }).check();
    await form.getByLabel('ASPA', { exact: true }).check();
    await typeNumber(input(form, 'Loyer mensuel'), '-5');
    await sendRefused(page);
    await shows(form, 'Loyer mensuel', 'Un loyer positif');
    await typeNumber(input(form, 'Loyer mensuel'), '452,50');

    const xml = await send(page);
    assert.ok(xml.includes("<instanceName>menage-12 rue de l'Alma</instanceName>") || xml.includes('<instanceName>menage-12 rue de l&apos;Alma</instanceName>'), xml);
    const stored = await storedAnswer(page, 'enquete_menages');
    assert.deepEqual(
      pick(stored.answers, [
        '/data/adresse',
        '/data/nb_personnes',
        '/data/membre[1]/prenom',
        '/data/membre[1]/age',
        '/data/membre[1]/lien',
        '/data/membre[1]/senior',
        '/data/membre[2]/prenom',
        '/data/membre[2]/age',
        '/data/membre[2]/lien',
        '/data/membre[2]/senior',
        '/data/membre[2]/scolarise',
        '/data/membre[3]/prenom',
        '/data/nb_seniors',
        '/data/nb_mineurs',
        '/data/aide_domicile',
        '/data/aides',
        '/data/loyer',
        '/data/equipe',
      ]),
      {
        '/data/adresse': "12 rue de l'Alma",
        '/data/nb_personnes': '2',
        '/data/membre[1]/prenom': 'Josette',
        '/data/membre[1]/age': '82',
        '/data/membre[1]/lien': 'reference',
        '/data/membre[1]/senior': '1',
        '/data/membre[2]/prenom': 'Malik',
        '/data/membre[2]/age': '45',
        '/data/membre[2]/lien': 'enfant',
        '/data/membre[2]/senior': '0',
        '/data/membre[2]/scolarise': undefined,
        '/data/membre[3]/prenom': undefined,
        '/data/nb_seniors': '1',
        '/data/nb_mineurs': '0',
        '/data/aide_domicile': 'non',
        '/data/aides': 'apl aspa',
        '/data/loyer': '452.5',
        '/data/equipe': 'alma-quartier',
      },
    );
    // The CSV export has the questions outside the repeat, one row for the answer.
    const csv = await page.request.get(`/api/v1/surveys/forms/${uploaded.enquete_menages.id}/submissions.csv`);
    assert.equal(csv.status(), 200);
    const [header, row, ...rest] = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    assert.deepEqual(rest, []);
    const columns = header.split(',');
    const cells = row.split(',');
    const cell = (name) => cells[columns.indexOf(name)];
    for (const name of ['adresse', 'nb_personnes', 'nb_seniors', 'nb_mineurs', 'aides', 'equipe']) {
      assert.ok(columns.includes(name), `${name} in ${header}`);
    }
    assert.ok(!columns.some((name) => name.includes('prenom')), 'the repeat is not in the CSV');
    assert.equal(cell('nb_seniors'), '1');
    assert.equal(cell('aides'), 'apl aspa');
    await expectClean(page, 'the household survey');
    await page.context().close();
  });

  it('the field visit: geopoint, photo, metadata, media in two languages', async () => {
    const page = await formPage({ geolocation: ALMA, permissions: ['geolocation'] });
    await signedIn(page, NADIA);
    await openForm(page, 'visite_terrain');
    const form = page.locator('.survey-fill-form');
    // Media by language: the French picture and recording of the instructions (the form ships
    // none, so the engine says it could not load them, and goes on).
    await form.getByText('Présentez-vous, montrez votre badge').waitFor();
    await form.getByText('jr://images/badge-fr.png').waitFor();
    await form.getByText('jr://audio/consignes-fr.mp3').waitFor();
    // Required, with the form's message.
    await sendRefused(page);
    await shows(form, 'Position du logement', "Relevez la position devant l'entrée");
    await shows(form, 'Observations', 'Notez au moins une observation');
    // The geopoint from the browser's location (granted to the page, at the Centre social Alma).
    const geopoint = question(form, 'Position du logement');
    await geopoint.getByRole('button', { name: 'Get location' }).click();
    const save = page.getByRole('button', { name: 'Save location' });
    const refused = geopoint.getByText('Cannot access location');
    await save.or(refused).first().waitFor();
    assert.equal(await refused.count(), 0, 'the page may read the location (Permissions-Policy: geolocation=(self))');
    await save.click();
    await showsNot(form, 'Position du logement', "Relevez la position devant l'entrée");
    // A choice with its picture (missing too): the label holds both.
    await question(form, 'État du logement').locator('label.value-option').filter({ hasText: 'Dégradé' }).locator('input').check();
    // A relevant note and a constraint on the same number.
    await typeNumber(input(form, 'Nombre de marches'), '5');
    await showsNot(form, 'Nombre de marches', 'Entre 0 et 200 marches');
    assert.equal(await form.getByText('Plus de 10 marches').count(), 0);
    await typeNumber(input(form, 'Nombre de marches'), '250');
    await sendRefused(page);
    await shows(form, 'Nombre de marches', 'Entre 0 et 200 marches');
    await typeNumber(input(form, 'Nombre de marches'), '14');
    await showsNot(form, 'Nombre de marches', 'Entre 0 et 200 marches');
    await form.getByText('Plus de 10 marches : signalez le logement au référent mobilité.').waitFor();
    // The photo only with the person's agreement.
    assert.equal(await question(form, /^Photo de la façade/).count(), 0);
    await question(form, 'La personne accepte-t-elle une photo').getByLabel('Non', { exact: true }).check();
    assert.equal(await question(form, /^Photo de la façade/).count(), 0);
    await question(form, 'La personne accepte-t-elle une photo').getByLabel('Oui', { exact: true }).check();
    await question(form, /^Photo de la façade/).locator('input[type="file"]').setInputFiles({ name: 'facade.png', mimeType: 'image/png', buffer: PNG });
    await input(form, 'Code de la boîte aux lettres').fill('LMH-59100-0042');
    await input(form, 'Observations').fill('Personne seule, ne sort plus depuis l’hiver.');

    const xml = await send(page);
    const today = todayInParis();
    assert.ok(xml.includes(`<instanceName>visite-${today}</instanceName>`), xml);
    assert.match(xml, /<debut>\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(xml, /<fin>\d{4}-\d\d-\d\dT\d\d:\d\d/);
    const stored = await storedAnswer(page, 'visite_terrain');
    const answers = stored.answers;
    assert.equal(answers['/data/jour'], today);
    assert.equal(answers['/data/date_visite'], today);
    const [latitude, longitude] = answers['/data/position'].split(' ').map(Number);
    assert.ok(Math.abs(latitude - ALMA.latitude) < 1e-6 && Math.abs(longitude - ALMA.longitude) < 1e-6, answers['/data/position']);
    assert.equal(answers['/data/etat_logement'], 'degrade');
    assert.equal(answers['/data/marches'], '14');
    assert.equal(answers['/data/accord_photo'], 'oui');
    assert.equal(answers['/data/code_boite'], 'LMH-59100-0042');
    const photo = answers['/data/photo_facade'];
    assert.match(photo, /\.png$/);
    assert.deepEqual(
      stored.files.map((file) => ({ name: file.name, content_type: file.content_type, bytes: file.bytes })),
      [{ name: photo, content_type: 'image/png', bytes: PNG.length }],
    );
    const file = await page.request.get(`/api/v1/surveys/forms/${uploaded.visite_terrain.id}/submissions/${stored.id}/files/${encodeURIComponent(photo)}`);
    assert.equal(file.status(), 200);
    assert.deepEqual(Buffer.from(await file.body()), PNG);
    // No CSP violation: the maps' tiles are the operator's (none here: no request), and the
    // photo's preview is a blob: image of the page's own.
    assert.deepEqual(await page.violations(), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('the satisfaction form: likert, range, rank, a trigger, defaults', async () => {
    const page = await formPage();
    await signedIn(page, NADIA);
    await openForm(page, 'satisfaction_ateliers');
    const form = page.locator('.survey-fill-form');
    // A dropdown (appearance minimal).
    await question(form, 'Quel atelier avez-vous suivi').locator('.p-select').click();
    await page.getByRole('option', { name: 'Atelier numérique' }).click();
    await form.getByLabel("Plutôt d'accord", { exact: true }).check();
    // The trigger: note_sur_20 is set when the range changes, and follows it.
    assert.equal(await form.getByText(/Soit .* sur 20\./).count(), 0);
    const slider = question(form, "Note de l'animation").getByRole('slider');
    await slider.focus();
    for (let i = 0; i < 8; i += 1) await slider.press('ArrowRight');
    await form.getByText('Soit 16 sur 20.').waitFor();
    await slider.press('ArrowRight');
    await form.getByText('Soit 18 sur 20.').waitFor();
    // Rank: the order is an answer once asked; Transport first.
    const rank = question(form, 'Classez ces sujets');
    await rank.getByRole('button', { name: 'Rank items' }).click();
    await rank.locator('.rank-option#sante .rank-buttons button').nth(1).click();
    assert.deepEqual(await rank.locator('.rank-option .rank-label').allTextContents(), ['Transport', 'Santé', 'Loisirs']);
    // The default « Oui »: « Pourquoi ? » comes with « Non », required.
    assert.equal(await question(form, 'Pourquoi ?').count(), 0);
    await question(form, 'Recommanderiez-vous').getByLabel('Non', { exact: true }).check();
    await question(form, 'Pourquoi ?').waitFor();
    await typeNumber(input(form, 'À combien de séances'), '40');
    await sendRefused(page);
    await shows(form, 'À combien de séances', 'Entre 1 et 30 séances');
    assert.ok((await question(form, 'Pourquoi ?').locator('.validation-message').textContent()).trim().length > 0);
    await typeNumber(input(form, 'À combien de séances'), '6');
    await input(form, 'Pourquoi ?').fill('Les séances commencent trop tôt.');
    await question(form, 'Saison').getByText('2026-2027').waitFor();
    await question(form, 'Merci !').locator('input[type="checkbox"]').check();

    const xml = await send(page);
    assert.ok(xml.includes('<instanceName>numerique-plutot_oui</instanceName>'), xml);
    const stored = await storedAnswer(page, 'satisfaction_ateliers');
    assert.deepEqual(
      pick(stored.answers, [
        '/data/atelier',
        '/data/satisfaction',
        '/data/note_animation',
        '/data/note_sur_20',
        '/data/duree_ideale',
        '/data/priorites',
        '/data/premier_sujet',
        '/data/recommande',
        '/data/pourquoi',
        '/data/seances',
        '/data/saison',
        '/data/merci',
      ]),
      {
        '/data/atelier': 'numerique',
        '/data/satisfaction': 'plutot_oui',
        '/data/note_animation': '9',
        '/data/note_sur_20': '18',
        '/data/duree_ideale': '1.5',
        '/data/priorites': 'transport sante loisirs',
        '/data/premier_sujet': 'transport',
        '/data/recommande': 'non',
        '/data/pourquoi': 'Les séances commencent trop tôt.',
        '/data/seances': '6',
        '/data/saison': '2026-2027',
        '/data/merci': 'OK',
      },
    );
    await expectClean(page, 'the satisfaction form');
    await page.context().close();
  });
});

describe('the same XForms transformed by enketo-transformer in the browser', () => {
  it('each becomes an Enketo form with every question and the model with its instance', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(enketo.url);
    await page.waitForFunction(() => document.body.dataset.ready === 'yes');
    // `version` is a hash of its style sheets; each result names the package's version.
    assert.match(await page.evaluate(() => window.enketo.version), /^[0-9a-f]{32}$/);
    const { version } = JSON.parse(readFileSync(resolve(here, '../node_modules/enketo-transformer/package.json'), 'utf8'));
    assert.match(version, /^4\.1\./);
    for (const name of FORMS) {
      const { xform, questions } = uploaded[name];
      const result = await page.evaluate(async (xml) => {
        try {
          const out = await window.enketo.transform({ xform: xml });
          const form = new DOMParser().parseFromString(out.form, 'text/html').querySelector('form');
          const model = new DOMParser().parseFromString(out.model, 'text/xml');
          const instance = model.querySelector('model > instance > *');
          return {
            formClass: form?.getAttribute('class') ?? null,
            formId: form?.dataset.formId ?? null,
            title: form?.querySelector('#form-title')?.textContent ?? null,
            names: [...(form?.querySelectorAll('[name]') ?? [])].map((element) => element.getAttribute('name')),
            languages: [...(form?.querySelectorAll('#form-languages option') ?? [])].map((option) => option.value),
            modelError: model.querySelector('parsererror')?.textContent ?? null,
            instanceRoot: instance ? { name: instance.localName, id: instance.getAttribute('id') } : null,
            instanceText: out.model,
            formText: out.form,
            languageMap: out.languageMap,
            transformerVersion: out.transformerVersion,
          };
        } catch (error) {
          return { error: String(error?.stack ?? error) };
        }
      }, xform);
      assert.equal(result.error, undefined, `${name}: the transformation threw`);
      assert.equal(result.formId, name);
      assert.equal(result.modelError, null, `${name}: the model is XML`);
      assert.deepEqual(result.instanceRoot, { name: 'data', id: name });
      assert.equal(result.transformerVersion, version);
      // Every question people answer or the form computes has its control, by its path.
      const names = new Set(result.names);
      for (const q of questions) {
        if (['start', 'end', 'today', 'deviceid', 'username', 'phonenumber', 'email', 'audit', 'hidden'].includes(q.type)) continue;
        if (q.type === 'note' || q.type === 'begin_group' || q.type === 'group' || q.type === 'repeat') continue;
        assert.ok(names.has(q.path), `${name}: no control named ${q.path} (${q.type}) in the Enketo form`);
      }
      // What the device fills, and a hidden value, stay in the model only.
      for (const q of questions.filter((q) => ['start', 'end', 'today', 'deviceid', 'username', 'hidden'].includes(q.type))) {
        assert.ok(result.instanceText.includes(`<${q.name}`), `${name}: ${q.name} not in the model`);
      }
      uploaded[name].enketo = result;
    }
    // The repeat keeps its count, the select its filter, the range and rank their widgets.
    const html = (name) => uploaded[name].enketo.formText;
    assert.match(html('enquete_menages'), /data-repeat-count="\s*\/data\/nb_personnes\s*"/);
    assert.match(html('partenaires_sante'), /data-items-path="instance\('specialites'\)\/root\/item\[profession =\s*\/data\/structure\/profession\s*\]"/);
    assert.match(html('satisfaction_ateliers'), /name="\/data\/note_animation"[^>]*data-type-xml="int"|data-type-xml="int"[^>]*name="\/data\/note_animation"/);
    assert.match(html('satisfaction_ateliers'), /data-type-xml="odk:rank"|data-type-xml="rank"/);
    assert.match(html('satisfaction_ateliers'), /or-appearance-likert/);
    // The settings reach the form: its style, its languages.
    assert.match(uploaded.satisfaction_ateliers.enketo.formClass, /\btheme-grid\b/);
    assert.match(uploaded.partenaires_sante.enketo.formClass, /\bpages\b/);
    assert.deepEqual(uploaded.partenaires_sante.enketo.languages, ['fr', 'en']);
    assert.deepEqual(uploaded.visite_terrain.enketo.languages, ['fr', 'en']);
    assert.deepEqual(problems, [], 'errors in the transformer page');
    await context.close();
  });
});

/** The entries of `object` at `keys`, absent ones as undefined, for one deepEqual. */
function pick(object, keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}
