// Browser tests of the questionnaire editor against the real server and its demo: the « Bien
// Vieillir » coordinator builds a questionnaire in the page (a text, an integer with its bounds, a
// single choice of three, a multiple choice with a comma in a choice, a question shown on the
// single choice's answer), finds her draft again after a reload, reads the server's problem beside
// the question it is about, saves, lands on its page, finds it in the list, and downloads it as
// an XLSForm workbook that openpyxl reads back; she opens the demo's diagnostic as a model and
// saves a copy under a new form_id; the editor on a 360 px phone; axe-core and the CSP throughout.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble node --test e2e/surveys-editor.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  signedIn,
  startServer,
} from './support.mjs';

const NADIA = 'nadia.benali@echo.example.org';
const DRAFT_KEY = 'ensemble.surveys.editor.draft';
const TITLE = 'Atelier cuisine des familles';

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

/** The fieldset of the question numbered `number` (« Question 3 — Venez-vous… »). */
const questionBox = (page, number) => page.getByRole('group', { name: new RegExp(`^Question ${number}(?!\\d)`) });

async function addQuestion(page, number, type, label) {
  await page.getByRole('button', { name: 'Ajouter une question', exact: true }).click();
  const box = questionBox(page, number);
  // The new question's type takes the focus.
  await box.getByLabel('Type de question').waitFor();
  assert.equal(await box.getByLabel('Type de question').evaluate((element) => element === document.activeElement), true);
  await box.getByLabel('Type de question').selectOption(type);
  await box.getByLabel('Libellé en français', { exact: true }).fill(label);
  return questionBox(page, number);
}

async function fillChoices(box, labels) {
  for (const [index, label] of labels.entries()) {
    if (index > 0) await box.getByRole('button', { name: 'Ajouter un choix' }).click();
    await box.getByLabel(`Choix ${index + 1} en français`).fill(label);
  }
}

/** The sheets of an .xlsx as lists of rows, read by openpyxl. */
function readWorkbook(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-xlsform-'));
  try {
    const file = join(dir, 'form.xlsx');
    writeFileSync(file, bytes);
    const script = [
      'import json, sys, openpyxl',
      'book = openpyxl.load_workbook(sys.argv[1], read_only=True)',
      'print(json.dumps({sheet.title: [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}))',
    ].join('\n');
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sheet's rows as objects by header. */
function records(rows) {
  const [header, ...rest] = rows;
  return rest.filter((row) => row.some((cell) => cell !== '')).map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

describe('the questionnaire editor', () => {
  it('the coordinator builds a questionnaire, saves it, and downloads it as an XLSForm', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    await page.goto('/questionnaires');
    await seeHeading(page, 'Questionnaires');
    await page.getByRole('link', { name: 'Créer dans Ensemble' }).click();
    await seeHeading(page, 'Créer un questionnaire');
    assert.equal(new URL(page.url()).pathname, '/questionnaires/nouveau');

    // Sent empty, the page says what to fix, beside each field.
    await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
    await seeText(page, 'Le questionnaire a 2 problèmes à corriger, signalés chacun à son endroit.');
    await seeText(page, 'Donnez un titre au questionnaire.');
    await seeText(page, 'Donnez un libellé en français à la question.');
    assert.equal(await page.getByLabel('Titre du questionnaire').evaluate((element) => element === document.activeElement), true);
    await expectAccessible(page, 'the editor with its errors');

    await page.getByLabel('Titre du questionnaire').fill(TITLE);
    assert.equal(await page.getByText('Laissé vide : atelier_cuisine_des_familles, tiré du titre.', { exact: false }).count(), 1);
    await page.getByLabel('Collectif').selectOption({ label: 'Bien Vieillir' });
    const first = questionBox(page, 1);
    await first.getByLabel('Libellé en français', { exact: true }).fill('Votre prénom');
    await first.getByLabel('Libellé en anglais', { exact: true }).fill('Your first name');
    await first.getByText('Laissé vide : votre_prenom, tiré du libellé.').waitFor();

    const age = await addQuestion(page, 2, 'integer', 'Votre âge');
    await age.getByLabel('Réponse obligatoire').check();
    await age.getByLabel('Minimum').fill('0');
    await age.getByLabel('Maximum').fill('120');
    await age.getByText('. >= 0 and . <= 120').waitFor();

    const family = await addQuestion(page, 3, 'select_one', 'Venez-vous en famille ?');
    await fillChoices(family, ['Oui', 'Non', 'Parfois']);

    const dishes = await addQuestion(page, 4, 'select_multiple', 'Quels plats aimez-vous ?');
    await fillChoices(dishes, ['Soupes, potages', 'Desserts']);

    const children = await addQuestion(page, 5, 'integer', 'Combien d’enfants vous accompagnent ?');
    await children.getByLabel('Afficher', { exact: true }).selectOption('if');
    await children.getByLabel('Question précédente').selectOption({ label: '3. Venez-vous en famille ?' });
    await children.getByLabel('Condition', { exact: true }).selectOption({ label: 'est égale à' });
    await children.getByLabel('Choix', { exact: true }).selectOption({ label: 'Oui' });
    await children.getByText("${venez_vous_en_famille} = 'oui'").waitFor();
    // The fourth question moves up and back: the focus stays on its button.
    await dishes.getByRole('button', { name: 'Monter la question 4' }).click();
    await questionBox(page, 3).getByText('Quels plats aimez-vous ?').first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Monter la question 3');
    await questionBox(page, 3).getByRole('button', { name: 'Descendre la question 3' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Descendre la question 4');
    assert.equal(await questionBox(page, 4).getByLabel('Libellé en français', { exact: true }).inputValue(), 'Quels plats aimez-vous ?');
    await expectAccessible(page, 'the editor with five questions');

    // The draft is kept in the browser: a reload finds it.
    assert.ok(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), 'the draft is stored');
    await page.reload();
    await seeHeading(page, 'Créer un questionnaire');
    await seeText(page, 'Votre brouillon gardé dans ce navigateur est repris.');
    assert.equal(await page.getByLabel('Titre du questionnaire').inputValue(), TITLE);
    assert.equal(await questionBox(page, 5).getByLabel('Libellé en français', { exact: true }).inputValue(), 'Combien d’enfants vous accompagnent ?');
    await page.getByLabel('Collectif').selectOption({ label: 'Bien Vieillir' });

    // A reference the page does not check is the server's to find: shown beside its question.
    await questionBox(page, 1).getByLabel('Aide en français').fill('Comme ${surnom}');
    await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
    await seeText(page, 'Le XLSForm a une erreur à corriger.');
    await page.getByRole('table', { name: 'Erreurs à corriger dans le fichier' }).waitFor();
    await questionBox(page, 1).locator('.editor-problems').getByText('${surnom} ne désigne aucune question du formulaire.').waitFor();
    assert.match(await questionBox(page, 1).getAttribute('class'), /editor-item-problem/);
    await expectAccessible(page, 'the editor with the server’s problem');
    await questionBox(page, 1).getByLabel('Aide en français').fill('Comme on vous appelle');

    await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
    await seeHeading(page, TITLE);
    const id = /^\/questionnaires\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
    assert.ok(id, `the form's page: ${page.url()}`);
    await seeText(page, 'Bien Vieillir');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null, 'the draft is cleared');
    const download = page.getByRole('link', { name: 'Télécharger en XLSForm (.xlsx)' });
    assert.equal(await download.getAttribute('href'), `/api/v1/surveys/forms/${id}/xlsform.xlsx`);
    await expectAccessible(page, 'the new questionnaire’s page');

    // The workbook the server writes back holds the questions as the editor wrote them.
    const response = await page.request.get(`/api/v1/surveys/forms/${id}/xlsform.xlsx`);
    assert.equal(response.status(), 200);
    const book = readWorkbook(await response.body());
    const survey = records(book.survey);
    assert.deepEqual(
      survey.map((row) => [row.type, row.name, row['label::Français (fr)']]),
      [
        ['text', 'votre_prenom', 'Votre prénom'],
        ['integer', 'votre_age', 'Votre âge'],
        ['select_one venez_vous_en_famille', 'venez_vous_en_famille', 'Venez-vous en famille ?'],
        ['select_multiple quels_plats_aimez_vous', 'quels_plats_aimez_vous', 'Quels plats aimez-vous ?'],
        ['integer', 'combien_d_enfants_vous', 'Combien d’enfants vous accompagnent ?'],
      ],
    );
    assert.equal(survey[0]['label::English (en)'], 'Your first name');
    assert.equal(survey[0]['hint::Français (fr)'], 'Comme on vous appelle');
    assert.equal(survey[1].required, 'yes');
    assert.equal(survey[1].constraint, '. >= 0 and . <= 120');
    assert.equal(survey[4].relevant, "${venez_vous_en_famille} = 'oui'");
    assert.deepEqual(
      records(book.choices).map((row) => [row.list_name, row.name, row['label::Français (fr)']]),
      [
        ['venez_vous_en_famille', 'oui', 'Oui'],
        ['venez_vous_en_famille', 'non', 'Non'],
        ['venez_vous_en_famille', 'parfois', 'Parfois'],
        ['quels_plats_aimez_vous', 'soupes_potages', 'Soupes, potages'],
        ['quels_plats_aimez_vous', 'desserts', 'Desserts'],
      ],
    );
    assert.deepEqual(records(book.settings)[0], {
      form_title: TITLE,
      form_id: 'atelier_cuisine_des_familles',
      version: '1',
      default_language: 'Français (fr)',
    });

    await page.goto('/questionnaires');
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    expectNoProblems(page);
    await page.context().close();
  });

  it('opens the demo’s diagnostic as a model and saves a copy under a new form_id', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    await page.goto('/questionnaires/nouveau');
    await seeHeading(page, 'Créer un questionnaire');
    await page.getByLabel('Questionnaire modèle').selectOption({ label: 'Diagnostic des besoins des seniors' });
    await page.getByRole('button', { name: 'Ouvrir comme modèle' }).click();
    await seeText(page, '« Diagnostic des besoins des seniors » est ouvert comme modèle');
    assert.equal(await page.getByLabel('Identifiant (form_id)').inputValue(), 'diagnostic_seniors_2026_copie');
    const ages = questionBox(page, 1);
    assert.equal(await ages.getByLabel('Libellé en français', { exact: true }).inputValue(), 'Quel âge avez-vous ?');
    assert.equal(await ages.getByLabel('Minimum').inputValue(), '60');
    assert.equal(await ages.getByLabel('Maximum').inputValue(), '110');
    assert.equal(await questionBox(page, 7).getByLabel('Choix 5 en français').inputValue(), 'Personne');
    await expectAccessible(page, 'the editor with a model open');

    // Another questionnaire's form_id is refused beside the field.
    await page.getByLabel('Identifiant (form_id)').fill('partenaires_2026');
    await page.getByLabel('Titre du questionnaire').fill('Diagnostic des seniors, 2027');
    await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
    await seeText(page, 'Un autre questionnaire porte déjà l’identifiant « partenaires_2026 »');
    assert.equal(await page.getByLabel('Identifiant (form_id)').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Identifiant (form_id)').fill('diagnostic_seniors_2026_copie');
    await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
    await seeHeading(page, 'Diagnostic des seniors, 2027');
    const id = /^\/questionnaires\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
    const form = await page.evaluate((formId) => fetch(`/api/v1/surveys/forms/${formId}`, { headers: { Accept: 'application/json' } }).then((r) => r.json()), id);
    assert.equal(form.xform_id, 'diagnostic_seniors_2026_copie');
    // « Nouveau brouillon » starts afresh.
    await page.goto('/questionnaires/nouveau');
    await seeHeading(page, 'Créer un questionnaire');
    await page.getByRole('button', { name: 'Nouveau brouillon' }).click();
    assert.equal(await page.getByLabel('Titre du questionnaire').inputValue(), '');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null);
    expectNoProblems(page);
    await page.context().close();
  });

  it('fits a 360 px phone', async () => {
    const page = await newPage(browser, server.url, { ...PHONE, viewport: { width: 360, height: 740 } });
    await signedIn(page, NADIA);
    await page.goto('/questionnaires/nouveau');
    await seeHeading(page, 'Créer un questionnaire');
    await page.getByLabel('Titre du questionnaire').fill('Un questionnaire au titre assez long pour un téléphone');
    await questionBox(page, 1).getByLabel('Libellé en français', { exact: true }).fill('Vivez-vous seul·e dans votre logement depuis plus de six mois ?');
    await questionBox(page, 1).getByLabel('Type de question').selectOption('select_one');
    await fillChoices(questionBox(page, 1), ['Oui', 'Non, avec ma famille ou des proches qui vivent sous le même toit']);
    await page.getByRole('button', { name: 'Ajouter un groupe' }).click();
    await page.getByRole('group', { name: /^Groupe 1/ }).getByLabel('Titre du groupe en français').fill('Votre entourage');
    const inGroup = questionBox(page, 2);
    await inGroup.getByLabel('Libellé en français', { exact: true }).fill('Qui vous aide ?');
    await inGroup.getByLabel('Afficher', { exact: true }).selectOption('if');
    await inGroup.getByLabel('Question précédente').selectOption({ index: 1 });
    await inGroup.getByLabel('Choix', { exact: true }).selectOption({ index: 2 });
    await inGroup.getByText("${vivez_vous_seul_e_dans_votre} = 'non_avec_ma_famille_ou_des'").waitFor();
    await noSidewaysScroll(page, 'the editor on a 360 px phone');
    await expectAccessible(page, 'the editor on a phone');
    expectNoProblems(page);
    await page.context().close();
  });
});
