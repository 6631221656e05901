// Browser tests of the web pages against the real server and its demo network.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLAIRE,
  DEMO_PASSWORD,
  KARIM,
  SOPHIE,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  newPage,
  seeHeading,
  seeText,
  settled,
  signIn,
  startServer,
} from './support.mjs';

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

/** The text of the cell at (row whose header is rowName, column named columnName). */
async function cellText(page, regionName, rowName, columnName) {
  const region = page.getByRole('region', { name: regionName });
  await region.waitFor();
  return region.evaluate(
    (element, { rowName, columnName }) => {
      const table = element.querySelector('table');
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      // A cell's value, without the column label it repeats for the cards of a phone.
      const value = (cell) => (cell.querySelector('.cell-value') ?? cell).textContent.trim();
      const column = headers.indexOf(columnName);
      if (column < 0) return `no column ${columnName} in ${headers.join(' | ')}`;
      for (const row of table.querySelectorAll('tbody tr')) {
        const header = value(row.cells[0]);
        if (header === rowName || header.startsWith(`${rowName} (`)) {
          return value(row.cells[column]);
        }
      }
      return `no row ${rowName}`;
    },
    { rowName, columnName },
  );
}

/** Waits until the audit table lists entries of this action only. */
async function onlyAction(page, label) {
  await page.waitForFunction((wanted) => {
    const cells = [...document.querySelectorAll('.audit-table tbody tr td:nth-child(4) .cell-value')];
    return cells.length > 0 && cells.every((cell) => cell.textContent === wanted);
  }, label);
}

describe('signing in', () => {
  it('sends a signed-out visitor to the sign-in page, accessible', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/');
    await page.waitForURL('**/connexion');
    await seeHeading(page, 'Connexion');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    // A first visit is not an expired session.
    assert.doesNotMatch(await page.locator('main').textContent(), /expiré/);
    await expectAccessible(page, 'the sign-in page');

    // The skip link is the first stop of the keyboard and leads to the main content.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, 'Aller au contenu');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');
    expectNoProblems(page);
    await page.context().close();
  });

  it('shows the API message for a wrong password and for a missing e-mail', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/connexion');
    await seeHeading(page, 'Connexion');
    await page.getByLabel('Adresse e-mail').fill(CLAIRE);
    await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-password-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /mot de passe incorrect/ });
    await alert.waitFor();
    assert.equal((await alert.textContent()).trim(), 'Adresse e-mail ou mot de passe incorrect');
    assert.match(page.url(), /\/connexion$/);
    await expectAccessible(page, 'the sign-in page showing an error');

    await page.getByLabel('Adresse e-mail').fill('');
    await page.getByLabel('Mot de passe', { exact: true }).fill('whatever');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('#signin-email[aria-invalid="true"]').waitFor();
    // Beside the field, which is tied to it.
    const message = await page.locator('#signin-email-error').textContent();
    assert.equal(await page.locator('#signin-email').getAttribute('aria-describedby'), 'signin-email-error');
    assert.ok(message.trim().length > 0, 'an error message for the missing e-mail');
    assert.doesNotMatch(message, /mot de passe incorrect/);
    await expectAccessible(page, 'the sign-in page with an invalid e-mail');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('Claire Dumont, director of the Centre social Alma', () => {
  let page;
  before(async () => {
    page = await newPage(browser, server.url);
  });
  after(async () => {
    await page?.context().close();
  });

  it('signs in from a deep link and lands where she wanted to go', async () => {
    await page.goto('/structures');
    await page.waitForURL(/\/connexion\?suite=%2Fstructures$/);
    await page.getByLabel('Adresse e-mail').fill(CLAIRE);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await seeHeading(page, 'Annuaire des structures');
    assert.match(page.url(), /\/structures$/);
  });

  it('sees her structure: card, collectives and staff', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Ma structure' }).click();
    await seeHeading(page, 'Centre social Alma');
    const facts = page.locator('dl.facts');
    await seeText(page, '775 123 456 00011', 'dl.facts dd');
    assert.match(await facts.textContent(), /35 rue Archimède, 59100 Roubaix/);
    assert.match(await facts.textContent(), /Alma-Gare/);
    assert.match(await facts.textContent(), /59512/);
    assert.match(await facts.textContent(), /Centre social/);
    await seeText(page, 'Vous agissez pour', 'header');
    const collectives = page.locator('section', { has: page.getByRole('heading', { name: 'Collectifs' }) });
    for (const name of ['Bien Vieillir', 'Centres sociaux connectés', 'Partenariat RH Alma – Iciela']) {
      await collectives.getByRole('link', { name, exact: true }).waitFor();
    }
    const staff = page.getByRole('region', { name: 'Équipe de la structure' });
    for (const person of ['Claire Dumont', 'Sophie Lambert', 'Karim Haddad', 'Martine Lemaire']) {
      await staff.getByRole('rowheader', { name: person }).waitFor();
    }
    assert.match(
      await staff.getByRole('row', { name: /Claire Dumont/ }).textContent(),
      /Direction/,
    );
    await expectAccessible(page, 'my structure (Claire)');
  });

  it('opens the « Bien Vieillir » collective', async () => {
    await page.getByRole('link', { name: 'Bien Vieillir', exact: true }).click();
    await seeHeading(page, 'Bien Vieillir');
    assert.match(page.url(), /\/collectifs\/\d+$/);
    await seeText(page, 'Centre social ECHO', 'dl.facts dd');
    const members = page.getByRole('region', { name: 'Membres du collectif' });
    assert.equal(await members.locator('tbody tr').count(), 8);
    assert.equal(await cellText(page, 'Membres du collectif', 'Centre social Alma', 'Référent ou référente'), 'Martine Lemaire');
    assert.equal(await cellText(page, 'Membres du collectif', 'CCAS de Roubaix', 'Référent ou référente'), 'Paul Delattre');
    assert.equal(
      await cellText(page, 'Niveaux de partage par membre', 'Centre social Alma', 'Réponses aux questionnaires'),
      'Totaux et moyennes seulement',
    );
    assert.equal(
      await cellText(page, 'Niveaux de partage par membre', 'Centre social Alma', 'Budget'),
      'Rien, tout reste privé',
    );
    await expectAccessible(page, 'the « Bien Vieillir » collective');
  });

  it('changes a sharing level, and the change survives a reload', async () => {
    await page.getByRole('link', { name: 'Régler le partage de ma structure' }).click();
    await seeHeading(page, 'Partage avec « Bien Vieillir »');
    await expectAccessible(page, 'the sharing settings');
    const budget = page.getByLabel('Budget', { exact: true });
    assert.equal(await budget.inputValue(), 'private');
    assert.equal(await page.getByLabel('Offre de services').inputValue(), 'full');
    await budget.selectOption({ label: 'Totaux et moyennes seulement' });
    await page.getByRole('button', { name: 'Enregistrer le partage' }).click();
    await page.getByRole('status').filter({ hasText: 'Partage enregistré' }).waitFor();
    await expectAccessible(page, 'the sharing settings after saving');

    await page.reload();
    await seeHeading(page, 'Partage avec « Bien Vieillir »');
    await page.getByLabel('Budget', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Budget', { exact: true }).inputValue(), 'aggregates');
    assert.equal(await page.getByLabel('Offre de services').inputValue(), 'full');

    await page.getByRole('link', { name: 'Collectif « Bien Vieillir »' }).click();
    await seeHeading(page, 'Bien Vieillir');
    assert.equal(
      await cellText(page, 'Niveaux de partage par membre', 'Centre social Alma', 'Budget'),
      'Totaux et moyennes seulement',
    );
  });

  it('finds that change in the audit log, with working filters', async () => {
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    await seeHeading(page, "Journal d'audit");
    await page.getByRole('status').filter({ hasText: /entrées?/ }).waitFor();
    const log = page.getByRole('region', { name: "Entrées du journal d'audit" });
    const change = log.getByRole('row', { name: /Règle de partage : Budget, Bien Vieillir/ });
    await change.waitFor();
    const text = await change.textContent();
    assert.match(text, /Claire Dumont/);
    assert.match(text, /Modification/);
    assert.match(text, /Rien, tout reste privé → Totaux et moyennes seulement/);
    assert.match(text, /Centre social Alma/);
    await expectAccessible(page, 'the audit log');

    await page.getByLabel('Action').selectOption({ label: 'Modification' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/\/journal\?action=update$/);
    await settled(page);
    await onlyAction(page, 'Modification');
    await log.getByRole('row', { name: /Règle de partage : Budget, Bien Vieillir/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'pour ces filtres' }).waitFor();

    await page.getByLabel('Action').selectOption({ label: 'Lecture' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/\/journal\?action=read$/);
    await onlyAction(page, 'Lecture');
    assert.equal(await log.getByRole('row', { name: /Règle de partage/ }).count(), 0);
    await expectAccessible(page, 'the filtered audit log');

    await page.getByLabel('Du', { exact: true }).fill('2001-01-10');
    await page.getByLabel('Au (inclus)', { exact: true }).fill('2001-01-01');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('alert').filter({ hasText: /date de fin précède la date de début/ }).waitFor();
  });

  it('hides her own reads and exports what she sees as CSV', async () => {
    await page.goto('/journal');
    await seeHeading(page, "Journal d'audit");
    const log = page.getByRole('region', { name: "Entrées du journal d'audit" });
    const herReads = log.getByRole('row', { name: /Claire Dumont.*Lecture/ });
    await herReads.first().waitFor();
    await page.getByLabel('Masquer mes propres lectures').check();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/\/journal\?sans_mes_lectures=1$/);
    await settled(page);
    await page.getByRole('status').filter({ hasText: 'pour ces filtres' }).waitFor();
    // Her change of the sharing level stays; her reads go.
    await log.getByRole('row', { name: /Claire Dumont.*Règle de partage : Budget/ }).waitFor();
    assert.equal(await herReads.count(), 0);
    assert.equal(await page.getByLabel('Masquer mes propres lectures').isChecked(), true);
    await expectAccessible(page, 'the audit log without her own reads');

    const link = page.getByRole('link', { name: 'Exporter ces entrées (CSV)' });
    const href = await link.getAttribute('href');
    assert.match(href, /\/audit\.csv\?hide_own_reads=true$/);
    const csv = await page.request.get(href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    const body = await csv.body();
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    assert.match(body.toString('utf8'), /^\uFEFFid,date,personne_id,personne,/);
  });

  it('sees her own sign-ins on her account page', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mon compte' }).click();
    await seeHeading(page, 'Mon compte');
    const activity = page.getByRole('region', { name: 'Liste de mes connexions' });
    const row = activity.getByRole('row', { name: /Connexion/ }).first();
    await row.waitFor();
    assert.match(await row.textContent(), /127\.0\.0\.1/);
    await page.getByRole('link', { name: 'Changer de mot de passe' }).waitFor();
    await expectAccessible(page, 'my account');
  });

  it('searches the directory of structures, page by page', async () => {
    await page.getByRole('link', { name: 'Annuaire des structures' }).click();
    await seeHeading(page, 'Annuaire des structures');
    await page.getByRole('status').filter({ hasText: '13 structures trouvées' }).waitFor();
    const results = page.getByRole('region', { name: 'Structures trouvées' });
    assert.equal(await results.locator('tbody tr').count(), 10);
    await seeText(page, 'Page 1 sur 2', '.pager');
    await expectAccessible(page, 'the directory');
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(/\/structures\?page=2$/);
    await settled(page);
    await seeText(page, 'Page 2 sur 2', '.pager');
    assert.equal(await results.locator('tbody tr').count(), 3);

    await page.getByLabel('Type de structure').selectOption({ label: 'Centre social' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/structures\?type=social_centre$/);
    await page.getByRole('status').filter({ hasText: '7 structures trouvées' }).waitFor();

    await page.getByLabel('Type de structure').selectOption({ label: 'Tous les types' });
    await page.getByLabel('Nom', { exact: true }).fill('iciela');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('status').filter({ hasText: '1 structure trouvée' }).waitFor();
    await results.getByRole('link', { name: 'Association Iciela' }).click();
    await seeHeading(page, 'Association Iciela');
    await seeText(page, 'Centre social Pile Sainte-Élisabeth', 'dl.facts dd');
    await seeText(page, 'Centre social Assia Djebar', 'dl.facts dd');
    await expectAccessible(page, 'a structure card');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await seeHeading(page, 'Connexion');
    await seeText(page, 'Déconnexion effectuée', 'main');
    await page.goto('/journal');
    await page.waitForURL(/\/connexion\?suite=%2Fjournal$/);
    expectNoProblems(page);
  });
});

describe('Sophie Lambert, HR manager of Alma and of the Association Iciela', () => {
  let page;
  before(async () => {
    page = await newPage(browser, server.url);
  });
  after(async () => {
    await page?.context().close();
  });

  it('chooses the structure she acts for after signing in', async () => {
    await signIn(page, SOPHIE);
    await seeHeading(page, 'Pour quelle structure agissez-vous ?');
    assert.match(page.url(), /\/choisir-structure$/);
    await expectAccessible(page, 'the choice of acting structure');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await seeText(page, 'Choisissez une structure', '#choose-structure_id-error');
    await page.getByLabel('Centre social Alma').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await seeHeading(page, 'Centre social Alma');
    await seeText(page, 'RH et finances', '.lead');
    // Not a director: no audit log in her menu.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Ma structure' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: "Journal d'audit" }).count(), 0);
    await expectAccessible(page, 'my structure (Sophie for Alma)');
  });

  it('switches between Alma and Iciela from the header, and the page follows', async () => {
    const switcher = page.getByLabel('Vous agissez pour');
    assert.equal(await switcher.inputValue() !== '', true);
    await switcher.selectOption({ label: 'Association Iciela' });
    await page.getByRole('button', { name: 'Changer' }).click();
    await seeHeading(page, 'Association Iciela');
    await seeText(page, 'Centre social Pile Sainte-Élisabeth', 'dl.facts dd');
    const collectives = page.locator('section', { has: page.getByRole('heading', { name: 'Collectifs' }) });
    await collectives.getByRole('link', { name: 'Partenariat RH Alma – Iciela', exact: true }).waitFor();
    // Alma's collectives are not Iciela's: nothing leaks from one hat to the other.
    assert.equal(await collectives.getByRole('link', { name: 'Bien Vieillir', exact: true }).count(), 0);
    const staff = page.getByRole('region', { name: 'Équipe de la structure' });
    await staff.getByRole('rowheader', { name: 'Isabelle Moreau' }).waitFor();
    assert.equal(await staff.getByRole('rowheader', { name: 'Claire Dumont' }).count(), 0);
    await expectAccessible(page, 'my structure (Sophie for Iciela)');

    // The server remembers the choice.
    await page.reload();
    await seeHeading(page, 'Association Iciela');

    await page.getByLabel('Vous agissez pour').selectOption({ label: 'Centre social Alma' });
    await page.getByRole('button', { name: 'Changer' }).click();
    await seeHeading(page, 'Centre social Alma');
    await page.locator('section', { has: page.getByRole('heading', { name: 'Collectifs' }) })
      .getByRole('link', { name: 'Bien Vieillir', exact: true }).waitFor();
  });

  it('sees, without deciding, what Alma shares; and is refused the audit log', async () => {
    await page.getByRole('link', { name: 'Bien Vieillir', exact: true }).click();
    await seeHeading(page, 'Bien Vieillir');
    await page.getByRole('link', { name: 'Voir le partage de ma structure' }).click();
    await seeHeading(page, 'Partage avec « Bien Vieillir »');
    await seeText(page, 'Seule la direction de la structure décide');
    assert.equal(await page.getByRole('button', { name: 'Enregistrer le partage' }).count(), 0);
    await expectAccessible(page, 'the sharing levels, read-only');

    await page.goto('/journal');
    await seeHeading(page, "Journal d'audit");
    await page.getByRole('alert').filter({ hasText: /journal d'audit : votre rôle/i }).waitFor();
    await expectAccessible(page, 'the audit log refused');
    expectNoProblems(page);
  });
});

describe('The platform administrator', () => {
  it("sees everybody's sign-ins, and one person's", async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'admin@ensemble.example.org');
    await page.getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Connexions' }).click();
    await seeHeading(page, 'Connexions à la plateforme');
    const table = page.getByRole('region', { name: 'Connexions à la plateforme' });
    await table.getByRole('link', { name: 'Claire Dumont' }).first().waitFor();
    await expectAccessible(page, 'the sign-ins of the platform');
    await table.getByRole('link', { name: 'Claire Dumont' }).first().click();
    await page.waitForURL(/\/admin\/connexions\?personne=\d+$/);
    await seeText(page, 'Connexions de Claire Dumont seulement', 'main');
    assert.equal(await table.getByRole('link', { name: /Sophie Lambert/ }).count(), 0);
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('Karim Haddad changes his password', () => {
  it('checks the fields, changes it, and signs in with the new one', async () => {
    // A second browser where Karim is signed in too: changing the password closes it.
    const elsewhere = await newPage(browser, server.url);
    await signIn(elsewhere, KARIM);
    await seeHeading(elsewhere, 'Centre social Alma');

    const page = await newPage(browser, server.url);
    await signIn(page, KARIM);
    await seeHeading(page, 'Centre social Alma');
    await page.getByRole('link', { name: 'Mot de passe' }).click();
    await seeHeading(page, 'Changer de mot de passe');
    await expectAccessible(page, 'the password page');

    const current = page.getByLabel('Mot de passe actuel', { exact: true });
    const replacement = page.getByLabel('Nouveau mot de passe', { exact: true });
    const confirmation = page.getByLabel('Confirmation du nouveau mot de passe', { exact: true });
    const submit = page.getByRole('button', { name: 'Changer le mot de passe' });

    await current.fill(DEMO_PASSWORD);
    await replacement.fill('une phrase assez longue');
    await confirmation.fill('une autre phrase');
    await submit.click();
    await page.locator('#password-confirmation[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#password-confirmation-error').textContent(), /confirmation ne correspond pas/);

    await confirmation.fill('court');
    await replacement.fill('court');
    await submit.click();
    await page.locator('#password-new_password[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#password-new_password-error').textContent(), /12 caractères/);

    await current.fill('pas le bon mot de passe');
    await replacement.fill('une phrase assez longue');
    await confirmation.fill('une phrase assez longue');
    await submit.click();
    await page.locator('#password-current_password[aria-invalid="true"]').waitFor();
    assert.match(
      await page.locator('#password-current_password-error').textContent(),
      /mot de passe actuel ne correspond pas/,
    );
    await expectAccessible(page, 'the password page with an error');

    await current.fill(DEMO_PASSWORD);
    await replacement.fill('une phrase assez longue');
    await confirmation.fill('une phrase assez longue');
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Votre mot de passe a été changé' }).waitFor();

    await elsewhere.getByRole('link', { name: 'Annuaire des structures' }).click();
    await seeHeading(elsewhere, 'Connexion');
    await seeText(elsewhere, 'Votre session a expiré ou a été fermée', 'main');
    assert.match(elsewhere.url(), /\/connexion\?suite=%2Fstructures$/);
    await expectAccessible(elsewhere, 'the sign-in page after the session was closed');
    expectNoProblems(elsewhere);
    await elsewhere.context().close();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await seeHeading(page, 'Connexion');
    await signIn(page, KARIM, DEMO_PASSWORD);
    await page.getByRole('alert').filter({ hasText: /mot de passe incorrect/ }).waitFor();
    await signIn(page, KARIM, 'une phrase assez longue');
    await seeHeading(page, 'Centre social Alma');
    expectNoProblems(page);
    await page.context().close();
  });
});

describe('Claire sees her sessions and ends them', () => {
  it('lists where she is signed in, ends another session, then all of them', async () => {
    const elsewhere = await newPage(browser, server.url);
    await signIn(elsewhere, CLAIRE);
    await seeHeading(elsewhere, 'Centre social Alma');

    const page = await newPage(browser, server.url);
    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    await page.getByRole('link', { name: 'Mes sessions' }).click();
    await seeHeading(page, 'Mes sessions');
    await expectAccessible(page, 'the sessions page');
    const rows = page.getByRole('region', { name: 'Sessions ouvertes' }).locator('tbody tr');
    assert.ok((await rows.count()) >= 2, 'both sessions are listed');
    await seeText(page, '(cette session)', 'main');

    // End the other browser's session: its next request lands on the sign-in page.
    await page.getByRole('button', { name: /^Fermer la session/ }).first().click();
    await page.getByRole('status').filter({ hasText: 'La session a été fermée' }).waitFor();
    await elsewhere.getByRole('link', { name: 'Annuaire des structures' }).click();
    await seeHeading(elsewhere, 'Connexion');
    await elsewhere.context().close();

    await page.getByRole('button', { name: 'Fermer toutes mes sessions' }).click();
    await seeHeading(page, 'Connexion');
    await seeText(page, 'Toutes vos sessions ont été fermées', 'main');
    expectNoProblems(page);
    await page.context().close();
  });
});
