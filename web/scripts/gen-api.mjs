// Writes src/generated/openapi.ts, the API's types, from docs/openapi.json (openapi-typescript).
// Run before every build (npm's prebuild) and every vitest run (vitest.setup.mjs); the file is
// not committed, so a change of the API description shows up in the next type check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const SOURCE = new URL('../../docs/openapi.json', import.meta.url);
const TARGET = new URL('../src/generated/openapi.ts', import.meta.url);

export async function generateApiTypes() {
  const ast = await openapiTS(SOURCE);
  mkdirSync(new URL('.', TARGET), { recursive: true });
  writeFileSync(
    TARGET,
    '// Generated from docs/openapi.json by web/scripts/gen-api.mjs: do not edit, do not commit.\n' +
      astToString(ast),
  );
  return fileURLToPath(TARGET);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`API types written to ${await generateApiTypes()}`);
}
