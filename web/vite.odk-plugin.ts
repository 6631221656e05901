// Vite plugin that makes @getodk/web-forms run under our Content-Security-Policy
// (style-src 'self', font-src 'self', no 'unsafe-inline', no nonce):
//
// 1. The package ships its CSS inside dist/index.js (vite-plugin-css-injected-by-js: a <style>
//    element filled at import time, with the Roboto fonts as data: URIs). We cut that CSS out
//    at build time, write the fonts as files, and import it as a real CSS module so that Vite
//    extracts it into a .css file of the lazy chunk (loaded by a <link>: style-src 'self').
// 2. Its plugin prepends a <style> with its reset CSS: also extracted, same file, first.
// 3. PrimeVue (bundled inside the package, "styled" mode) builds its theme CSS at run time
//    and writes it into <style> elements. Every `X.createElement("style")` of the package is
//    routed to `odkStyleElement(X)` (src/modules/surveys/odk/csp-styles.ts), whose element
//    never gets text: the CSS goes into a constructed CSSStyleSheet adopted by the document
//    (CSSOM, which CSP does not govern).
// 4. Its maps (geopoint, geotrace, geoshape) draw on OpenStreetMap's tiles, an origin our
//    img-src does not allow and a third party the reader never chose. The tile URL and its
//    attribution become the operator's (GET /api/v1/map-settings, set by mount.ts on
//    globalThis before the engine loads); without a tile server OpenLayers requests no tile and
//    the map is a plain background, as our own maps are.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { Plugin, ResolvedConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const SHIM = resolve(here, 'src/modules/surveys/odk/csp-styles.ts');
const DIST = /[\\/]@getodk[\\/]web-forms[\\/]dist[\\/]/;
// The injector vite-plugin-css-injected-by-js puts first in dist/index.js.
const INJECTOR =
  /^\(function\(\)\{"use strict";try\{if\(typeof document<"u"\)\{var (\w)=document\.createElement\("style"\);\1\.appendChild\(document\.createTextNode\(('(?:[^'\\]|\\.)*')\)\),document\.head\.appendChild\(\1\)\}\}catch\(\w\)\{console\.error\("vite-plugin-css-injected-by-js",\w\)\}\}\)\(\);/;
const RESET_TEXT = /const resetStyles = (`(?:[^`\\]|\\.)*`)/;
const RESET_INJECTION =
  /const (\w+) = document\.createElement\("style"\);\s*\1\.textContent = resetStyles, document\.head\.prepend\(\1\), /;
const CREATE_STYLE = /\b([\w$]+)\.createElement\("style"\)/g;
const OSM_TILES = '"https://tile.openstreetmap.org/{z}/{x}/{y}.png"';
const OSM_ATTRIBUTION =
  /const (\w+) = '&#169; <a href="https:\/\/www\.openstreetmap\.org\/copyright" target="_blank">OpenStreetMap<\/a> contributors\.';/;
const DATA_FONT = /url\((["']?)data:(font\/[\w-]+|application\/font-[\w-]+);base64,([A-Za-z0-9+/=]+)\1\)/g;

/** Evaluates a JS string or template literal (no substitutions) from the package, in a bare context. */
const literal = (source: string): string => {
  const value = vm.runInNewContext(source, Object.create(null), { timeout: 1000 });
  if (typeof value !== 'string') throw new Error('odk-web-forms: expected a string literal');
  return value;
};

export function odkWebForms(): Plugin {
  let cssDir = '';
  let cssFile = '';
  const fail = (what: string): never => {
    throw new Error(
      `odk-web-forms plugin: ${what} not found in @getodk/web-forms/dist: the package changed, review vite.odk-plugin.ts`,
    );
  };
  return {
    name: 'ensemble:odk-web-forms-csp',
    enforce: 'pre',
    config: () => ({
      define: {
        __VUE_OPTIONS_API__: 'true', // PrimeVue's components use the Options API
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    configResolved(config: ResolvedConfig) {
      cssDir = join(config.cacheDir, 'odk-web-forms-css');
      cssFile = join(cssDir, 'web-forms.css');
    },
    transform(code, id) {
      if (!DIST.test(id)) return null;
      const file = id.split('?')[0];
      if (/[\\/]dist[\\/]index\.js$/.test(file)) {
        const injector = INJECTOR.exec(code) ?? fail('the CSS injector of dist/index.js');
        // The reset CSS lives in the other chunk: read it from there, to put it first.
        const dist = dirname(file);
        let reset = '';
        for (const name of readdirSync(dist)) {
          if (!name.endsWith('.js')) continue;
          const found = RESET_TEXT.exec(readFileSync(join(dist, name), 'utf8'));
          if (found) reset = literal(found[1]);
        }
        if (!reset) fail('resetStyles');
        mkdirSync(join(cssDir, 'fonts'), { recursive: true });
        const css = (reset + '\n' + literal(injector[2])).replace(DATA_FONT, (_all, _q, mime: string, base64: string) => {
          const bytes = Buffer.from(base64, 'base64');
          const extension = mime.split(/[/-]/).pop();
          const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${extension}`;
          writeFileSync(join(cssDir, 'fonts', name), bytes);
          return `url(./fonts/${name})`;
        });
        writeFileSync(cssFile, css);
        return { code: `import ${JSON.stringify(cssFile)};\n` + code.slice(injector[0].length), map: null };
      }
      let out = code;
      if (out.includes('tile.openstreetmap.org')) {
        if (!out.includes(OSM_TILES) || !OSM_ATTRIBUTION.test(out)) fail("the maps' OpenStreetMap source");
        out = out
          .replace(OSM_TILES, 'globalThis.__ensembleMapTiles')
          .replace(OSM_ATTRIBUTION, (_all, name: string) => `const ${name} = globalThis.__ensembleMapAttribution || "";`);
      }
      // The chunk with Vue components and PrimeVue.
      if (!out.includes('createElement("style")')) return out === code ? null : { code: out, map: null };
      if (RESET_TEXT.test(out)) {
        if (!RESET_INJECTION.test(out)) fail('the reset <style> of webFormsPlugin');
        out = out.replace(RESET_INJECTION, '');
      }
      out = out.replace(CREATE_STYLE, (_all, doc: string) => `__odkStyleElement(${doc})`);
      return { code: `import { odkStyleElement as __odkStyleElement } from ${JSON.stringify(SHIM)};\n` + out, map: null };
    },
  };
}
