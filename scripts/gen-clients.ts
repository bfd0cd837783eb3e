import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPENAPI_FILE } from './gen-openapi.ts';

export const REST_TYPES_FILE = 'clients/rest-api.generated.ts';

/** openapi-typescript types for the REST client, from the committed OpenAPI document. */
export function renderRestTypes(): string {
  const outFile = join(mkdtempSync(join(tmpdir(), 'vigil-openapi-')), 'types.ts');
  execFileSync('openapi-typescript', [OPENAPI_FILE, '--output', outFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(outFile, 'utf8');
}

if (import.meta.main) {
  writeFileSync(REST_TYPES_FILE, renderRestTypes());
  process.stdout.write(`wrote ${REST_TYPES_FILE}\n`);
}
