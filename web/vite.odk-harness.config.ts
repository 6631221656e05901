// Builds e2e/odk-harness/ (a page that fills any XForm with mountOdkForm) into dist-odk-harness/,
// for e2e/odk-engine.test.mjs, which builds it itself when it is missing or older than its sources.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { odkWebForms } from './vite.odk-plugin';

const web = __dirname;

export default defineConfig({
  root: resolve(web, 'e2e/odk-harness'),
  base: '/',
  publicDir: false,
  cacheDir: resolve(web, 'node_modules/.vite-odk-harness'),
  plugins: [odkWebForms()],
  logLevel: 'warn',
  build: {
    outDir: resolve(web, 'dist-odk-harness'),
    emptyOutDir: true,
    // Same as vite.config.ts: what the main build will have to do with the package.
    target: 'es2022', // the package uses top-level await (its XPath parser's WebAssembly init): es2020 fails
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
});
