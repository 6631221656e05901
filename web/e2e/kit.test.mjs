// Browser tests of the web kit against the real server: the pages on a phone (no sideways
// scrolling, a header that leaves the screen to the page, tables as cards, the folding menu),
// the language switch (French and English, kept across a reload, accessible in both), and a
// server error shown beside its field.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  PHONE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  newPage,
  seeHeading,
  settled,
  signIn,
  startServer,
} from './support.mjs';

/** The header may take this share of a phone's screen, at most. */
const HEADER_SHARE = 0.15;

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

/** Goes to `path` and waits for its heading and its data. */
async function visit(page, path) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await settled(page);
}

/** The page's width beyond the viewport and the header's height, as the phone shows them. */
async function layout(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    header: document.querySelector('.site-header').getBoundingClientRect().height,
    screen: window.innerHeight,
  }));
}

async function expectPhoneLayout(page, path) {
  const seen = await layout(page);
  assert.ok(seen.scrollWidth <= seen.viewport, `${path} overflows: ${seen.scrollWidth} px wide for ${seen.viewport}`);
  assert.ok(
    seen.header <= seen.screen * HEADER_SHARE,
    `${path}: the header takes ${seen.header} px of ${seen.screen}`,
  );
}

/** The id of the demo collective with this name, asked with the page's session. */
async function collectiveId(page, name) {
  const answer = await page.request.get('/api/v1/collectives');
  const found = (await answer.json()).items.find((c) => c.name === name);
  assert.ok(found, `no collective ${name}`);
  return found.id;
}

describe('on a phone (390 × 844)', () => {
  it('no page scrolls sideways and the header stays small', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await visit(page, '/connexion');
    await expectPhoneLayout(page, '/connexion');

    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    const collective = await collectiveId(page, 'Bien Vieillir');
    const structures = await (await page.request.get('/api/v1/structures?q=iciela')).json();
    const paths = [
      '/',
      '/structures',
      '/structures?page=2',
      `/structures/${structures.items[0].id}`,
      `/collectifs/${collective}`,
      `/collectifs/${collective}/partage`,
      '/journal',
      '/mon-compte',
      '/mot-de-passe',
      '/sessions',
      '/choisir-structure',
      '/nulle-part',
    ];
    for (const path of paths) {
      await visit(page, path);
      await expectPhoneLayout(page, path);
    }
    await expectAccessible(page, 'a page on a phone');
    expectNoProblems(page);
    await page.context().close();

    const admin = await newPage(browser, server.url, PHONE);
    await signIn(admin, 'admin@ensemble.example.org');
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await visit(admin, '/admin/connexions');
    await expectPhoneLayout(admin, '/admin/connexions');
    expectNoProblems(admin);
    await admin.context().close();
  });

  it('shows every column of the directory in each card, under its label', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    await visit(page, '/structures');
    const cards = await page.evaluate(() => {
      const table = document.querySelector('table');
      const labels = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const visible = (element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth;
      };
      return {
        labels,
        // Kept for screen readers, in one pixel.
        headerShown: table.querySelector('thead').getBoundingClientRect().width > 1,
        rows: [...table.querySelectorAll('tbody tr')].map((row) =>
          [...row.cells].map((cell) => ({
            shown: visible(cell),
            label: cell.querySelector('.cell-label') ? visible(cell.querySelector('.cell-label')) : null,
            labelText: cell.querySelector('.cell-label')?.textContent.trim() ?? null,
            value: cell.querySelector('.cell-value').textContent.trim(),
          })),
        ),
      };
    });
    assert.equal(cards.labels.length, 6);
    assert.equal(cards.headerShown, false, 'the header row gives way to the labels in the cards');
    assert.equal(cards.rows.length, 10);
    for (const cells of cards.rows) {
      assert.equal(cells.length, cards.labels.length);
      cells.forEach((cell, column) => {
        assert.ok(cell.shown, `the ${cards.labels[column]} of ${cells[0].value} is on screen`);
        if (column === 0) return; // The name is the card's title.
        assert.equal(cell.label, true, `the label ${cards.labels[column]} is shown`);
        assert.equal(cell.labelText, cards.labels[column]);
      });
    }
    // The first card's cells stack: each one below the one before.
    const tops = await page.evaluate(() =>
      [...document.querySelector('tbody tr').cells].map((cell) => cell.getBoundingClientRect().top),
    );
    assert.deepEqual([...tops].sort((a, b) => a - b), tops);
    assert.ok(new Set(tops).size === tops.length, 'one cell per line');
    await expectAccessible(page, 'the directory as cards');
    expectNoProblems(page);
    await page.context().close();
  });

  it('folds the menu behind a button that the keyboard opens and Escape closes', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    const button = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await nav.isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible(), false);

    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: 'Annuaire des structures' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor({ state: 'visible' });
    await expectAccessible(page, 'the open menu on a phone');
    // The header is taller while open, but the page does not scroll sideways.
    assert.ok((await layout(page)).scrollWidth <= 390);

    // The next Tab goes into the menu; Escape folds it and gives the focus back to its button.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#site-menu') !== null), true);
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-controls')), 'site-menu');
    assert.equal(await nav.isVisible(), false);

    // A link of the menu leads to its page, and the menu folds.
    await button.click();
    await nav.getByRole('link', { name: 'Annuaire des structures' }).click();
    await seeHeading(page, 'Annuaire des structures');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the language switch', () => {
  it('turns the pages to English and back, keeps the choice across a reload, accessible in both', async () => {
    const page = await newPage(browser, server.url);
    await visit(page, '/connexion');
    const languages = page.getByRole('group', { name: 'Langue' });
    await languages.getByRole('button', { name: 'English' }).click();
    await seeHeading(page, 'Sign in');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('group', { name: 'Language' }).waitFor();
    await expectAccessible(page, 'the sign-in page in English');

    await page.getByLabel('E-mail address').fill(CLAIRE);
    await page.getByLabel('Password', { exact: true }).fill('ensemble-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await seeHeading(page, 'Centre social Alma');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Directory of structures' }).click();
    await seeHeading(page, 'Directory of structures');
    await page.getByRole('status').filter({ hasText: '13 structures found' }).waitFor();
    await expectAccessible(page, 'the directory in English');

    // Kept across a reload: in this browser, and on the account once the server has it.
    await page.reload();
    await seeHeading(page, 'Directory of structures');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }).getAttribute('aria-pressed'),
      'true',
    );
    // Requests ask for answers in English.
    const asked = page.waitForRequest((request) => request.url().includes('/api/v1/structures'));
    await nav.getByRole('link', { name: 'Directory of structures' }).click();
    await page.getByRole('link', { name: 'Next page' }).click();
    assert.equal((await asked).headers()['accept-language'], 'en');
    await settled(page);

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await seeHeading(page, 'Annuaire des structures');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.getByRole('status').filter({ hasText: /structures? trouvées?/ }).waitFor();
    await expectAccessible(page, 'the directory back in French');
    await page.reload();
    await seeHeading(page, 'Annuaire des structures');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('the form kit', () => {
  it("puts the server's error beside the field it names, and the focus on that field", async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    await visit(page, '/mot-de-passe');
    await page.getByLabel('Mot de passe actuel', { exact: true }).fill('ensemble-demo-2026');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Confirmation du nouveau mot de passe', { exact: true }).fill('court');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    const field = page.locator('#password-new_password');
    await page.locator('#password-new_password[aria-invalid="true"]').waitFor();
    const placed = await field.evaluate((input) => {
      const error = document.getElementById('password-new_password-error');
      return {
        sameField: error !== null && error.closest('.field') === input.closest('.field'),
        describedBy: input.getAttribute('aria-describedby').split(' '),
        focused: document.activeElement === input,
        text: error?.textContent ?? '',
        alert: document.getElementById('password-alert').textContent,
      };
    });
    assert.equal(placed.sameField, true, 'the error is in the field it names');
    assert.deepEqual(placed.describedBy, ['password-new_password-hint', 'password-new_password-error']);
    assert.equal(placed.focused, true);
    assert.match(placed.text, /12 caractères/);
    assert.equal(placed.alert, '', 'an error of a field is not repeated in the alert');
    await expectAccessible(page, 'a form with a server error beside its field');
    expectNoProblems(page);
    await page.context().close();
  });
});
