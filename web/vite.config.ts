import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { odkWebForms } from './vite.odk-plugin';

// The C++ server serves dist/ under a strict Content-Security-Policy (script-src 'self',
// style-src 'self'): everything must be a file, nothing inline. ODK's form engine is made to fit
// by vite.odk-plugin.ts (its CSS a file, its run-time styles CSSOM); it is loaded by the
// questionnaire pages only.
export default defineConfig({
  plugins: [preact(), odkWebForms()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // @getodk/web-forms uses top-level await (its XPath parser's WebAssembly set-up).
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Keep every asset a file: data: URIs are allowed for images only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // The tests read the XForms the C++ writer produced (tests/surveys/golden), outside web/.
  server: { fs: { allow: ['.', '../tests/surveys/golden'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['./vitest.setup.mjs'],
  },
});
