// Browser tests of a collective's disclosure threshold against the real server and its demo:
// the coordinating structure's coordinator (Nadia Benali, Centre social ECHO, for « Bien
// Vieillir ») sets it and sees it kept after a reload, is told beside the field when the value is
// out of bounds, and reads the page in English and on a phone; the director of another member
// (Claire Dumont, Alma) sees the threshold but no form, and the API refuses her with 403 (and a
// structure outside the collective with 404).
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e -- e2e/collective-threshold.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  PHONE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  newPage,
  noSidewaysScroll,
  seeHeading,
  signedIn,
  startServer,
} from './support.mjs';

const NADIA = 'nadia.benali@echo.example.org';
const OLIVIER = 'olivier.carpentier@federation.example.org';
const COLLECTIVE = 'Bien Vieillir';
const FIELD = 'Nouveau seuil, de 3 à 50 réponses';
const FORM_HEADING = 'Régler le seuil de diffusion';

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

/** The id of « Bien Vieillir », from the collectives the signed-in person's structure is in. */
async function collectiveId(page) {
  const answer = await page.request.get('/api/v1/collectives');
  assert.equal(answer.status(), 200);
  const found = (await answer.json()).items.find((collective) => collective.name === COLLECTIVE);
  assert.ok(found, `${COLLECTIVE} is among the collectives`);
  return found.id;
}

async function openCollective(page, id) {
  await page.goto(`/collectifs/${id}`);
  await seeHeading(page, COLLECTIVE);
}

/** The facts entry « Seuil de diffusion » (or its English name): its dt and dd. */
function thresholdFact(page, name = 'Seuil de diffusion') {
  return page.locator('dl.facts > div').filter({ has: page.locator('dt', { hasText: name }) });
}

/** Waits until the facts show this threshold, and checks it is all the value says. */
async function seeThreshold(page, value, name) {
  const shown = thresholdFact(page, name).locator('dd').first();
  await shown.filter({ hasText: value }).waitFor();
  assert.equal((await shown.textContent()).trim(), value);
}

/** PUTs a threshold with the page's session, its anti-forgery token as the pages send it. */
async function putThreshold(page, id, threshold) {
  const session = await (await page.request.get('/api/v1/session')).json();
  const answer = await page.request.put(`/api/v1/collectives/${id}/disclosure`, {
    headers: { 'X-CSRF-Token': session.csrf_token, Accept: 'application/json' },
    data: { threshold },
  });
  return { status: answer.status(), body: await answer.json() };
}

describe('the coordinating structure', () => {
  it('sets the threshold, keeps it after a reload, and is told beside the field of a refused value', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    const id = await collectiveId(page);
    await openCollective(page, id);

    await seeThreshold(page, '5 réponses');
    assert.match(await thresholdFact(page).textContent(), /inférieur à ce seuil est masqué/);
    await page.getByRole('heading', { level: 2, name: FORM_HEADING }).waitFor();
    const field = page.getByLabel(FIELD, { exact: true });
    assert.equal(await field.inputValue(), '5');
    // The hint says that questionnaires already created keep theirs, and the field is tied to it.
    const hint = page.locator('#threshold-threshold-hint');
    assert.match(await hint.textContent(), /déjà créés pour le collectif gardent leur propre seuil/);
    assert.equal(await field.getAttribute('aria-describedby'), 'threshold-threshold-hint');
    await expectAccessible(page, 'the collective with its threshold form');

    await field.fill('7');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const saved = page.getByRole('status').filter({ hasText: /Seuil enregistré\s:/ });
    await saved.waitFor();
    assert.match(await saved.textContent(), /les prochains questionnaires du collectif l’appliqueront/);
    await seeThreshold(page, '7 réponses');
    await expectAccessible(page, 'the collective after saving its threshold');

    await page.reload();
    await seeHeading(page, COLLECTIVE);
    await seeThreshold(page, '7 réponses');
    assert.equal(await page.getByLabel(FIELD, { exact: true }).inputValue(), '7');

    // Under the bounds: the error beside the field, tied to it, and the focus on it.
    await page.getByLabel(FIELD, { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('#threshold-threshold[aria-invalid="true"]').waitFor();
    const error = page.locator('#threshold-threshold-error');
    assert.equal((await error.textContent()).trim(), 'Saisissez un nombre entier de 3 à 50.');
    assert.equal(
      await page.locator('#threshold-threshold').getAttribute('aria-describedby'),
      'threshold-threshold-hint threshold-threshold-error',
    );
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'threshold-threshold');
    assert.equal(await page.getByRole('status').filter({ hasText: /Seuil enregistré/ }).count(), 0);
    await expectAccessible(page, 'the threshold form with a refused value');

    // The server refuses it too, naming the field, and keeps 7.
    const refused = await putThreshold(page, id, 2);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'invalid_argument');
    assert.equal(refused.body.error.field, 'threshold');
    await page.reload();
    await seeHeading(page, COLLECTIVE);
    await seeThreshold(page, '7 réponses');

    // In English.
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await seeThreshold(page, '7 answers', 'Disclosure threshold');
    await page.getByRole('heading', { level: 2, name: 'Set the disclosure threshold' }).waitFor();
    assert.equal(await page.getByLabel('New threshold, from 3 to 50 answers', { exact: true }).inputValue(), '7');
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
    await expectAccessible(page, 'the collective’s threshold in English');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeThreshold(page, '7 réponses');
    expectNoProblems(page);
    await page.context().close();
  });

  it('sets the threshold on a phone without scrolling sideways', async () => {
    const page = await newPage(browser, server.url, { ...PHONE, viewport: { width: 360, height: 740 } });
    await signedIn(page, NADIA);
    await openCollective(page, await collectiveId(page));
    const field = page.getByLabel(FIELD, { exact: true });
    await field.waitFor();
    await noSidewaysScroll(page, 'the collective on a phone');
    const button = page.getByRole('button', { name: 'Enregistrer', exact: true });
    const box = await button.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the button fits the screen: ${JSON.stringify(box)}`);

    await field.fill('51');
    await button.click();
    await page.locator('#threshold-threshold-error').filter({ hasText: 'Saisissez un nombre entier de 3 à 50.' }).waitFor();
    await noSidewaysScroll(page, 'the threshold form with an error on a phone');
    await expectAccessible(page, 'the threshold form on a phone');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('another member of the collective', () => {
  it('sees the threshold but no form, and the API refuses her', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, CLAIRE);
    const id = await collectiveId(page);
    const collective = await (await page.request.get(`/api/v1/collectives/${id}`)).json();
    assert.deepEqual(collective.actions, []);
    await openCollective(page, id);
    await seeThreshold(page, `${collective.disclosure_threshold} réponses`);
    assert.match(await thresholdFact(page).textContent(), /inférieur à ce seuil est masqué/);
    assert.equal(await page.getByRole('heading', { name: FORM_HEADING }).count(), 0);
    assert.equal(await page.getByLabel(FIELD).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Enregistrer', exact: true }).count(), 0);
    await expectAccessible(page, 'the collective seen by another member');

    // Refused for her role in another structure (not for a missing token), and nothing changed.
    const refused = await putThreshold(page, id, 9);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'permission_denied');
    const kept = await (await page.request.get(`/api/v1/collectives/${id}`)).json();
    assert.equal(kept.disclosure_threshold, collective.disclosure_threshold);
    expectNoProblems(page);
    await page.context().close();
  });

  it('is hidden from a structure outside the collective', async () => {
    const page = await newPage(browser, server.url);
    await signedIn(page, NADIA);
    const id = await collectiveId(page);
    await page.context().close();

    const outsider = await newPage(browser, server.url);
    await signedIn(outsider, OLIVIER);
    const refused = await putThreshold(outsider, id, 9);
    assert.equal(refused.status, 404);
    expectNoProblems(outsider);
    await outsider.context().close();
  });
});
