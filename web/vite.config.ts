import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// The C++ server serves dist/ under a strict Content-Security-Policy (script-src 'self',
// style-src 'self'): everything must be a file, nothing inline.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
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
