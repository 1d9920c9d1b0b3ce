// Writes the README's table of mock scenarios, generated from the bundled contract: every named
// response example of every operation, with the Prefer header and the query that make Prism serve
// it. `--check` changes nothing and exits 1 when the README's table is stale.
// Usage: node scripts/scenarios.js [--check] [--readme path]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { deref, loadBundle, operations } from '../src/contract.js';

const start = '<!-- scenarios:start -->';
const end = '<!-- scenarios:end -->';

const cell = (text) => String(text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');

export function scenarioRows(bundle) {
  const rows = [];
  for (const { path, method, operation } of operations(bundle)) {
    for (const [code, response] of Object.entries(operation.responses)) {
      const examples = response.content?.['application/json']?.examples;
      // A response without a body (sms/send's 200) is still a scenario: the status alone picks it.
      const named = examples ? Object.entries(examples) : [[undefined, { summary: response.description }]];
      for (const [name, example] of named) {
        rows.push({ operationId: operation.operationId, method: method.toUpperCase(), path, code, name, summary: deref(bundle, example).summary });
      }
    }
  }
  return rows;
}

export function scenarioTable(bundle) {
  const lines = [
    '| operation | status | example | what it shows | `Prefer` header | query |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of scenarioRows(bundle)) {
    const prefer = row.name ? `code=${row.code}, example=${row.name}` : `code=${row.code}`;
    const query = row.name ? `?__code=${row.code}&__example=${row.name}` : `?__code=${row.code}`;
    lines.push(
      `| \`${row.operationId}\` (${row.method} \`${row.path}\`) | ${row.code} | ${row.name ? `\`${row.name}\`` : '(no body)'} | ${cell(row.summary)} | \`Prefer: ${prefer}\` | \`${query}\` |`,
    );
  }
  return lines.join('\n');
}

/** The README with its scenarios section replaced; throws when the markers are missing. */
export function withTable(readme, table) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`The README has no ${start} ... ${end} section.`);
  return `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      readme: { type: 'string', default: fileURLToPath(new URL('../README.md', import.meta.url)) },
    },
  });
  const bundle = loadBundle();
  const readme = readFileSync(values.readme, 'utf8');
  let updated;
  try {
    updated = withTable(readme, scenarioTable(bundle));
  } catch (error) {
    console.error(`${values.readme}: ${error.message}`);
    process.exit(1);
  }
  if (values.check) {
    if (updated !== readme) {
      console.error(`${values.readme}: the scenarios table is stale; run node scripts/scenarios.js`);
      process.exit(1);
    }
    console.log(`${values.readme}: the scenarios table is up to date.`);
  } else if (updated !== readme) {
    writeFileSync(values.readme, updated);
    console.log(`${values.readme}: scenarios table written.`);
  }
}
