// For e2e/odk-engine.test.mjs: builds the harness (vite.odk-harness.config.ts) when
// dist-odk-harness/ is missing or older than any of its sources, and serves it on 127.0.0.1
// with the exact Content-Security-Policy of the C++ server.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB = resolve(here, '..', '..');
export const HARNESS_DIST = join(WEB, 'dist-odk-harness');
const FORMS = join(here, 'forms');

// The C++ server's policy, exactly.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const SOURCES = [
  here,
  join(WEB, 'src/modules/surveys/odk'),
  join(WEB, 'vite.odk-harness.config.ts'),
  join(WEB, 'vite.odk-plugin.ts'),
  join(WEB, 'package-lock.json'),
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let time = stat.mtimeMs;
  for (const name of readdirSync(path)) time = Math.max(time, newest(join(path, name)));
  return time;
}

/** Builds the harness with Vite's JS API unless the build is newer than every source. */
export async function buildHarnessIfStale({ force = false } = {}) {
  const stamp = join(HARNESS_DIST, 'index.html');
  const sourceTime = Math.max(...SOURCES.filter(existsSync).map(newest));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceTime) return { built: false, ms: 0 };
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.odk-harness.config.ts'), logLevel: 'warn' });
  return { built: true, ms: Math.round(performance.now() - started) };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function inside(root, path) {
  const full = normalize(join(root, path));
  return full === root || full.startsWith(root + sep) ? full : null;
}

/** Serves dist-odk-harness/, /forms/*.xml and the map settings; resolves to { url, close }. */
export function serveHarness({ csp = CSP } = {}) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const file = pathname.startsWith('/forms/')
      ? inside(FORMS, decodeURIComponent(pathname.slice('/forms/'.length)))
      : inside(HARNESS_DIST, pathname === '/' ? 'index.html' : decodeURIComponent(pathname));
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (pathname === '/api/v1/map-settings') {
      // As the C++ server answers without a tile server: mount.ts asks before the engine loads.
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ tile_url: null, attribution: '', configured: false }));
      return;
    }
    if (!file || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveServer({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/**
 * The least the form pages need: the engine's XPath parser is WebAssembly, which script-src
 * 'self' alone refuses ('wasm-unsafe-eval' allows compiling WebAssembly, not JS eval).
 */
export const FORM_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");
