// vitest's global setup: the API types the sources import, fresh from docs/openapi.json.
import { generateApiTypes } from './scripts/gen-api.mjs';

export default async function setup() {
  await generateApiTypes();
}
