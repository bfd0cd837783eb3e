import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../server/openapi.ts';

export const OPENAPI_FILE = 'clients/openapi.json';

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(OPENAPI_FILE, renderOpenApi());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
