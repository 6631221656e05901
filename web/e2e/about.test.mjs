// Browser tests of the about module against the real server: the four pages a public service
// owes its users (in French and English, accessible, no sideways scrolling on a phone), the
// footer's links signed out and signed in, and the reset of a forgotten password by mail through
// an SMTP sink, from the request to signing in with the new password.
// Run: npm run build && ENSEMBLE_BIN=../build/dev/src/cli/ensemble npm run e2e
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CLAIRE,
  DEMO_PASSWORD,
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

const here = dirname(fileURLToPath(import.meta.url));
const SMTP_SINK = resolve(here, '..', '..', 'src', 'components', 'mail', 'testdata', 'smtp_sink.py');
const PUBLIC_URL = 'http://example.invalid';

const PAGES = [
  { path: '/accessibilite', fr: "Déclaration d'accessibilité", en: 'Accessibility statement' },
  { path: '/mentions-legales', fr: 'Mentions légales', en: 'Legal notice' },
  { path: '/confidentialite', fr: 'Données personnelles', en: 'Personal data' },
  { path: '/aide', fr: 'Aide et contact', en: 'Help and contact' },
];
const FOOTER_LINKS = [
  ['Accessibilité : non conforme', '/accessibilite'],
  ['Mentions légales', '/mentions-legales'],
  ['Données personnelles', '/confidentialite'],
  ['Aide et contact', '/aide'],
];

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function chooseLanguage(page, from, to) {
  await page.getByRole('group', { name: from }).getByRole('button', { name: to }).click();
}

async function expectNoSidewaysScroll(page, what) {
  const seen = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  assert.ok(seen.scrollWidth <= seen.viewport, `${what} overflows: ${seen.scrollWidth} px wide for ${seen.viewport}`);
}

/** The footer's links, as [name, href], in their order. */
async function footerLinks(page) {
  const footer = page.getByRole('navigation', { name: 'Informations sur le service' });
  await footer.waitFor();
  return footer.getByRole('link').evaluateAll((links) => links.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
}

describe('the pages about the service', () => {
  let server;
  let about;

  before(async () => {
    server = await startServer();
    const answer = await fetch(`${server.url}/api/v1/about`);
    assert.equal(answer.status, 200, 'GET /api/v1/about');
    about = await answer.json();
  });

  after(async () => {
    await server?.stop();
  });

  it('shows each page in French and in English, accessible, and on a phone without sideways scrolling', async () => {
    const page = await newPage(browser, server.url, PHONE);
    for (const { path, fr, en } of PAGES) {
      await page.goto(path);
      await seeHeading(page, fr);
      await expectNoSidewaysScroll(page, `${path} in French`);
      await expectAccessible(page, `${path} in French`);
      await chooseLanguage(page, 'Langue', 'English');
      await seeHeading(page, en);
      await expectNoSidewaysScroll(page, `${path} in English`);
      await expectAccessible(page, `${path} in English`);
      await chooseLanguage(page, 'Language', 'Français');
      await seeHeading(page, fr);
    }
    expectNoProblems(page);
    await page.context().close();
  });

  it("says what the operator set: its contact, the director, the server's retention", async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/mentions-legales');
    await seeHeading(page, 'Mentions légales');
    await page.getByRole('link', { name: about.operator.email }).waitFor();
    assert.equal(
      await page.getByRole('link', { name: about.operator.email }).getAttribute('href'),
      `mailto:${about.operator.email}`,
    );
    await page.getByText(about.publication_director).waitFor();

    await page.goto('/confidentialite');
    await seeHeading(page, 'Données personnelles');
    const { retention } = about;
    await page.getByText(`après ${retention.session_idle_minutes} minutes sans activité`).waitFor();
    await page.getByText(`gardées ${retention.audit_log_months} mois`).waitFor();
    await page.getByText(`valable ${retention.password_reset_minutes} minutes`).waitFor();
    await page.getByRole('link', { name: 'porter plainte auprès de la CNIL' }).waitFor();

    await page.goto('/accessibilite');
    await seeHeading(page, "Déclaration d'accessibilité");
    await page.getByText('Ce service est non conforme', { exact: false }).waitFor();
    await page.getByText('établie le 2 décembre 2026').waitFor();
    await page.getByRole('link', { name: about.accessibility_contact }).waitFor();
    await page.getByText('Libre réponse 71120').waitFor();
    expectNoProblems(page);
    await page.context().close();
  });

  it('links the four pages from the footer, signed out and signed in', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await page.goto('/connexion');
    await seeHeading(page, 'Connexion');
    assert.deepEqual(await footerLinks(page), FOOTER_LINKS);
    await expectNoSidewaysScroll(page, 'the footer signed out');

    await signIn(page, CLAIRE);
    await seeHeading(page, 'Centre social Alma');
    assert.deepEqual(await footerLinks(page), FOOTER_LINKS);
    await expectNoSidewaysScroll(page, 'the footer signed in');
    // Signed in, a public page is shown as it is, and the footer marks where one is.
    await page.getByRole('navigation', { name: 'Informations sur le service' }).getByRole('link', { name: 'Aide et contact' }).click();
    await seeHeading(page, 'Aide et contact');
    assert.equal(await page.getByRole('link', { name: 'Aide et contact' }).getAttribute('aria-current'), 'page');
    expectNoProblems(page);
    await page.context().close();
  });

  it('offers « Mot de passe oublié ? » on the sign-in page and words a malformed address beside the field', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await seeHeading(page, 'Mot de passe oublié');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const error = page.locator('#forgot-email-error');
    await error.waitFor();
    assert.notEqual((await error.textContent()).trim(), '');
    assert.equal(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'the forgotten password page with an error');
    expectNoProblems(page);
    await page.context().close();
  });
});

/** Starts the SMTP sink of the mail tests; it prints its port on its first line. */
async function startSink() {
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-mail-'));
  const child = spawn('/usr/bin/python3', [SMTP_SINK, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error('the SMTP sink printed no port in 30 s')), 30_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolvePort(Number(line.trim()));
    });
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { port, dir, stop };
}

/** The messages the sink holds, oldest first. */
function mails(dir) {
  return readdirSync(dir)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
}

async function waitForMail(dir, count, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const found = mails(dir);
    if (found.length >= count) return found;
    await new Promise((done) => setTimeout(done, 250));
  }
  assert.fail(`no mail number ${count} within ${seconds} s (have ${mails(dir).length})`);
}

/** Quoted-printable undone: soft line breaks, then every =XX (the link holds =3D at least). */
function decodeQuotedPrintable(text) {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The path and fragment of the reset link in a mail of the sink. */
function resetLinkIn(mail) {
  const raw = Buffer.from(mail.data_base64, 'base64').toString('latin1');
  const text = decodeQuotedPrintable(raw).replace(/&amp;/g, '&');
  const found = /http:\/\/example\.invalid(\/mot-de-passe-oublie\/nouveau#[^\s"<>]+)/.exec(text);
  assert.ok(found, `no reset link in the mail:\n${text}`);
  return found[1];
}

describe('a forgotten password, reset by mail', () => {
  let sink;
  let server;

  before(async () => {
    sink = await startSink();
    server = await startServer({
      args: [
        '--smtp-host', '127.0.0.1',
        '--smtp-port', String(sink.port),
        '--smtp-security', 'none',
        '--public-url', PUBLIC_URL,
      ],
    });
  });

  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  async function askForLink(page, email) {
    await page.goto('/mot-de-passe-oublie');
    await seeHeading(page, 'Mot de passe oublié');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const status = page.locator('.notice-status');
    await status.waitFor();
    return (await status.textContent()).trim();
  }

  async function setPassword(page, link, password) {
    await page.goto(link);
    await seeHeading(page, 'Choisir un nouveau mot de passe');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Confirmation du nouveau mot de passe').fill(password);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  }

  it('sends a link only to an account, then sets the password once, and closes the sessions', async () => {
    const about = await (await fetch(`${server.url}/api/v1/about`)).json();
    const minutes = about.retention.password_reset_minutes;

    // An address without an account: the very same words, and no mail.
    const stranger = await newPage(browser, server.url);
    const unknownSaid = await askForLink(stranger, 'personne.inconnue@example.org');
    assert.match(unknownSaid, new RegExp(`^Si un compte existe pour cette adresse, un courriel vient de lui être envoyé avec un lien valable ${minutes} minutes`));
    await stranger.context().close();

    // Claire is signed in elsewhere: the reset must end that session too.
    const elsewhere = await newPage(browser, server.url);
    await signIn(elsewhere, CLAIRE);
    await seeHeading(elsewhere, 'Centre social Alma');

    const page = await newPage(browser, server.url);
    const said = await askForLink(page, CLAIRE);
    assert.equal(said, unknownSaid, 'the page must not tell whether the address has an account');
    await expectAccessible(page, 'the forgotten password page, request sent');

    const [mail] = await waitForMail(sink.dir, 1);
    assert.deepEqual(mail.rcpt_tos, [CLAIRE]);
    const link = resetLinkIn(mail);
    // The stranger's request sent nothing, even given time.
    await new Promise((done) => setTimeout(done, 2000));
    assert.equal(mails(sink.dir).length, 1, 'a mail was sent for an address without an account');

    const password = 'Ruisseau-vert-sous-la-pluie-2026';
    await setPassword(page, link, password);
    await page.getByText('Votre mot de passe est changé ; toutes vos sessions ont été fermées.').waitFor();
    assert.ok(!page.url().includes('#'), `the fragment stayed in the address: ${page.url()}`);
    await expectAccessible(page, 'the reset page, password changed');
    assert.equal((await elsewhere.request.get('/api/v1/session')).status(), 401, 'the other session is still open');

    await page.getByRole('link', { name: 'Se connecter avec le nouveau mot de passe' }).click();
    await seeHeading(page, 'Connexion');
    await signIn(page, CLAIRE, password);
    await seeHeading(page, 'Centre social Alma');
    expectNoProblems(page);

    // The same link a second time is refused, with a way to ask again.
    const again = await newPage(browser, server.url);
    await setPassword(again, link, 'Une-autre-riviere-sous-le-soleil');
    const refusal = again.locator('#reset-token-error');
    await refusal.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
    assert.notEqual((await refusal.textContent()).replace('Demander un nouveau lien', '').trim(), '');
    await settled(again);
    await expectAccessible(again, 'the reset page, link refused');
    // The refusal changed nothing: the new password still opens, the old one does not.
    const fresh = await newPage(browser, server.url);
    await signIn(fresh, CLAIRE, DEMO_PASSWORD);
    await fresh.locator('#signin-alert.notice-error').waitFor();
    for (const opened of [page, again, fresh, elsewhere]) await opened.context().close();
  });

  it('the link keeps its fragment out of the address bar and survives a change of language', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/mot-de-passe-oublie/nouveau#jeton=inconnu&courriel=awa%2Btest%40example.org');
    await seeHeading(page, 'Choisir un nouveau mot de passe');
    assert.ok(!page.url().includes('jeton'), `the token stayed in the address: ${page.url()}`);
    assert.equal(await page.getByLabel('Adresse e-mail du compte').inputValue(), 'awa+test@example.org');
    await chooseLanguage(page, 'Langue', 'English');
    await seeHeading(page, 'Choose a new password');
    assert.equal(await page.getByLabel("The account's e-mail address").inputValue(), 'awa+test@example.org');
    await expectAccessible(page, 'the reset page in English');
    expectNoProblems(page);
    await page.context().close();
  });
});

assert.ok(existsSync(SMTP_SINK), `${SMTP_SINK} is missing`);
