import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REST_TYPES_FILE, renderRestTypes } from './gen-clients.ts';
import { generateDbTypes, SCHEMA_FILE } from './gen-db-types.ts';
import { OPENAPI_FILE, renderOpenApi } from './gen-openapi.ts';

/** Part of `npm run check`: committed generated files match their sources, and landed migrations are untouched. */
const problems: string[] = [];

function compare(file: string, expected: string): void {
  if (readFileSync(file, 'utf8') !== expected) problems.push(`${file} is stale: run \`npm run gen\` and commit the result`);
}

compare(OPENAPI_FILE, renderOpenApi());
compare(REST_TYPES_FILE, renderRestTypes());
compare(SCHEMA_FILE, await generateDbTypes());

const editedMigrations = execFileSync('git', ['log', '--diff-filter=MDR', '--name-only', '--format=', '--', 'migrations/'], { encoding: 'utf8' })
  .split('\n')
  .filter((line) => line.endsWith('.ts'));
for (const file of new Set(editedMigrations)) problems.push(`${file} was changed after it landed: migrations are immutable, add a new one`);

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('generated files are up to date; no landed migration was edited\n');
