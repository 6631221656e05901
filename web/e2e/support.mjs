// Shared helpers of the browser tests: the real server on a free port with a fresh demo
// database, Debian's chromium through playwright-core, and axe-core.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
// ENSEMBLE_WEB_ROOT: pages built elsewhere (`vite build --outDir ...`), so that two builds need not share dist/.
export const WEB_ROOT = process.env.ENSEMBLE_WEB_ROOT || resolve(here, '..', 'dist');
export const DEMO_PASSWORD = 'ensemble-demo-2026';
export const CLAIRE = 'claire.dumont@alma.example.org';
export const SOPHIE = 'sophie.lambert@rh.example.org';
export const KARIM = 'karim.haddad@alma.example.org';

const LISTENING = /Ensemble listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts `$ENSEMBLE_BIN demo` on 127.0.0.1 with any free port and waits for its listening
 * line; `args` are more flags of the demo command. Returns { url, stop, output }.
 */
export async function startServer({ args: extraArgs = [] } = {}) {
  const bin = process.env.ENSEMBLE_BIN;
  assert.ok(bin, 'set ENSEMBLE_BIN to the ensemble binary (e.g. build/dev/src/cli/ensemble)');
  assert.ok(existsSync(bin), `ENSEMBLE_BIN=${bin} does not exist`);
  assert.ok(
    existsSync(join(WEB_ROOT, 'index.html')),
    `${WEB_ROOT}/index.html is missing: run \`npm run build\` first`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-e2e-'));
  const args = [
    'demo',
    '--database', join(dir, 'e2e.db'),
    '--listen', '127.0.0.1:0',
    '--web-root', WEB_ROOT,
    '--password-cost', 'min',
    '--log-level', 'warn',
    ...extraArgs,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => output.push(chunk));
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no listening line after 120 s; output:\n${output.join('')}`));
    }, 120_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output.push(line + '\n');
      const found = LISTENING.exec(line);
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.join('')}`));
    });
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { url, stop, output };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh page whose console errors, uncaught exceptions and Content-Security-Policy
 * violations are collected in page.problems (and asserted empty by expectNoProblems).
 * `options` go to the browser context (a phone's viewport, say).
 */
export async function newPage(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // The browser logs failed fetches (401 before sign-in, 403 on purpose): those are
    // answers the page handles, not problems.
    if (/Failed to load resource/.test(text)) return;
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(text)) {
      page.problems.push(`console ${message.type()}: ${text}`);
    }
  });
  return page;
}

export function expectNoProblems(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors or CSP violations');
}

/** Runs axe-core on the page as it is now and fails on any violation. */
export async function expectAccessible(page, what) {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') still holds
  // for the page itself.
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
    }));
  });
  assert.deepEqual(violations, [], `axe-core violations on ${what}:\n${JSON.stringify(violations, null, 2)}`);
}

/** The page has settled: no "Chargement…" line left. */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

export const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });

export async function seeHeading(page, name) {
  await h1(page, name).waitFor();
  await settled(page);
}

/** Waits until an element matching `selector` with this text is there, and returns it. */
export async function seeText(page, text, selector = 'body') {
  const locator = page.locator(selector).filter({ hasText: text }).first();
  await locator.waitFor();
  return locator;
}

export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** A phone's screen, for the pages' phone tests. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });

/** Signs in and waits until the shell has left the sign-in page and shown its first page. */
export async function signedIn(page, email) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await page.getByRole('heading', { level: 1 }).waitFor();
  await settled(page);
}

/**
 * Today at Paris time as 2026-12-04, read from the date's parts: a locale's pattern is not the
 * same in every ICU (Debian's Node 18 writes en-CA as 12/4/2026).
 */
export function todayInParis(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A day's label as a pattern that both Node's ICU and the browser's match: « Monday 2 November »
 * is « Monday, 2 November » in some versions of the English data.
 */
export function labelPattern(label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/,? /, ',? '));
}

/** « lundi 30 novembre », as the pages word a day (`locale`: en-GB for the English pages). */
export function dayLabel(day, locale = 'fr-FR') {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** The page fits its screen: nothing to scroll sideways on a phone. */
export async function noSidewaysScroll(page, what) {
  const seen = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  assert.ok(seen.width <= seen.viewport, `${what} overflows: ${seen.width} px for ${seen.viewport}`);
}
