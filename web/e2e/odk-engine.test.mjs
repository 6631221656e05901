// ODK's own engine (@getodk/web-forms through src/modules/surveys/odk/mount.ts) filling
// hand-written XForms in Debian's chromium, under the C++ server's Content-Security-Policy.
// Needs no ENSEMBLE_BIN: builds the harness page (vite.odk-harness.config.ts) when
// dist-odk-harness/ is missing or stale and serves it itself. Run: node --test e2e/odk-engine.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CSP, FORM_CSP, buildHarnessIfStale, serveHarness } from './odk-harness/serve.mjs';

let browser;
let strict; // the exact policy of the server
let forms; // the same plus 'wasm-unsafe-eval'

before(async () => {
  const { built, ms } = await buildHarnessIfStale();
  if (built) console.log(`# harness built in ${ms} ms`);
  [strict, forms] = await Promise.all([serveHarness({ csp: CSP }), serveHarness({ csp: FORM_CSP })]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([strict?.close(), forms?.close()]);
});

/** A page whose CSP violations (from its first byte), console errors and uncaught errors are kept. */
async function openPage() {
  const context = await browser.newContext({ locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('pageerror', (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || message.type() === 'warning' || /Content Security Policy|Refused to/.test(text)) {
      page.problems.push(`console ${message.type()}: ${text}`);
    }
  });
  return page;
}

async function expectClean(page) {
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'CSP violations on the form page');
  assert.deepEqual(page.problems, [], 'console errors or uncaught errors on the form page');
}

async function openForm(name, query = '') {
  const page = await openPage();
  await page.goto(`${forms.url}/?form=${name}${query}`);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.odkStatus), null, { timeout: 30_000 });
  const status = await page.evaluate(() => document.body.dataset.odkStatus);
  assert.equal(status, 'ready', `the form ${name} did not load: ${JSON.stringify(await page.evaluate(() => window.odkHarness.error))}`);
  assert.equal(await page.locator('.form-initialization-status.error').count(), 0);
  assert.equal(await page.locator('.form-load-failure-dialog').count(), 0);
  return page;
}

/** The input of the question whose label is `label` (the integer widget's label points to a wrapper). */
const question = (page, label) => page.locator('.question-container').filter({ has: page.locator('label', { hasText: label }) });
const input = (page, label) => question(page, label).locator('input').first();

/** Types into PrimeVue's InputNumber key by key (fill() bypasses its key handling) and leaves it. */
async function typeNumber(locator, value) {
  await locator.click();
  await locator.press('Control+A');
  await locator.press('Backspace');
  await locator.pressSequentially(value);
  await locator.press('Tab');
}

const submissions = (page) => page.evaluate(() => window.odkHarness.submissions.map((s) => ({ xml: s.xml, meta: s.meta, files: s.attachments.length })));

describe('ODK web forms under our CSP', () => {
  test("the exact policy refuses the engine's WebAssembly, and mountOdkForm says so", async () => {
    const page = await openPage();
    await page.goto(`${strict.url}/?form=simple`);
    await page.waitForFunction(() => document.body.dataset.odkStatus === 'error', null, { timeout: 30_000 });
    const error = await page.evaluate(() => window.odkHarness.error);
    assert.match(error.message, /wasm-unsafe-eval/);
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.length > 0 && violations.every((v) => /^script-src blocked wasm-eval/.test(v)), violations.join('\n'));
    await page.context().close();
  });

  test('simple form: relevant, constraint, calculate, submission', async () => {
    const page = await openForm('simple');
    await page.getByText('Ensemble simple survey').first().waitFor();

    // relevant: "Which fruit?" only when likes_fruit = yes
    assert.equal(await page.getByText('Which fruit?').count(), 0);
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByText('Which fruit?').waitFor();
    await page.getByLabel('No', { exact: true }).check();
    await page.getByText('Which fruit?').waitFor({ state: 'detached' });
    await page.getByLabel('Yes', { exact: true }).check();
    await input(page, 'Which fruit?').fill('Mango');

    await page.getByLabel('Your name').fill('Claire');

    // constraint: 150 is refused with the form's message, and blocks the submission
    await typeNumber(input(page, 'Your age in years'), '150');
    await page.getByRole('button', { name: 'Send' }).click();
    await question(page, 'Your age in years').getByText('The age must be between 0 and 120').waitFor();
    await page.getByText('1 question with error.').waitFor();
    assert.deepEqual(await submissions(page), []);

    // calculate: age_months follows age, shown through <output>
    await typeNumber(input(page, 'Your age in years'), '42');
    await page.getByText('That is 504 months').waitFor();
    await question(page, 'Your age in years').getByText('The age must be between 0 and 120').waitFor({ state: 'hidden' });

    // a draft: the instance as it is, before sending
    const draft = await page.evaluate(() => window.odkHarness.currentXml());
    assert.match(draft, /<name>Claire<\/name>/);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForFunction(() => window.odkHarness.submissions.length === 1);
    const [sent] = await submissions(page);
    assert.equal(sent.meta.encryptionKey, null);
    assert.equal(sent.files, 0);
    assert.match(sent.xml, /^<data id="ensemble_simple" version="2026120401">/);
    for (const part of [
      '<name>Claire</name>',
      '<age>42</age>',
      '<likes_fruit>yes</likes_fruit>',
      '<fruit>Mango</fruit>',
      '<age_months>504</age_months>',
    ]) {
      assert.ok(sent.xml.includes(part), `${part} missing from ${sent.xml}`);
    }
    assert.match(sent.xml, /<meta><instanceID>uuid:[0-9a-f-]{36}<\/instanceID><\/meta>/);
    // mountOdkForm starts a blank form after a submission
    await page.waitForFunction(() => document.querySelector('.question-container input')?.value === '');
    await expectClean(page);
    await page.context().close();
  });

  test('simple form in French, by the language option', async () => {
    const page = await openForm('simple', '&lang=fr');
    await page.getByText('Votre nom').waitFor();
    await page.getByText('Aimez-vous les fruits ?').waitFor();
    await expectClean(page);
    await page.context().close();
  });

  test('household form: group and repeat', async () => {
    const page = await openForm('household');
    await page.getByText('Household', { exact: true }).waitFor();
    await input(page, 'Address').fill('12 rue des Lilas');
    const add = page.getByRole('button', { name: 'Add Members' });
    await add.click();
    await add.click();
    const names = page.locator('.question-container').filter({ has: page.locator('label', { hasText: 'Member name' }) });
    await names.nth(1).waitFor();
    assert.equal(await names.count(), 2);
    await names.nth(0).locator('input').fill('Ana');
    await names.nth(1).locator('input').fill('Bo');
    const ages = page.locator('.question-container').filter({ has: page.locator('label', { hasText: 'Member age' }) });
    await typeNumber(ages.nth(0).locator('input'), '34');

    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForFunction(() => window.odkHarness.submissions.length === 1);
    const [sent] = await submissions(page);
    assert.ok(sent.xml.includes('<household><address>12 rue des Lilas</address><phone/></household>'), sent.xml);
    assert.ok(
      sent.xml.includes('<member><member_name>Ana</member_name><member_age>34</member_age></member><member><member_name>Bo</member_name><member_age/></member>'),
      sent.xml,
    );
    assert.ok(sent.xml.includes('<member_count>2</member_count>'), sent.xml);
    await expectClean(page);
    await page.context().close();
  });

  test("a broken form shows the engine's error state", async () => {
    const page = await openPage();
    await page.goto(forms.url);
    await page.waitForFunction(() => document.body.dataset.odkStatus === 'idle');
    await page.evaluate(() => window.odkHarness.load('<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:head/></h:html>'));
    assert.equal(await page.evaluate(() => window.odkHarness.status), 'error');
    await page.locator('.form-initialization-status.error').waitFor({ state: 'attached' });
    const error = await page.evaluate(() => window.odkHarness.error);
    assert.ok(error.message.length > 0, 'an error message');
    console.log(`# engine error for a broken form: ${error.message}`);
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, []);
    await page.context().close();
  });
});
