// Writes the README's tables of mock scenarios, one per product, generated from each product's
// bundled contract: every named response example of every operation, with the Prefer header and the
// query that make that product's Prism (`npm run mock:<product>`) serve it. `--check` changes
// nothing and exits 1 when the README's tables are stale.
// Usage: node scripts/scenarios.js [--check] [--readme path]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../src/bundles.js';
import { deref, operations, products } from '../src/contract.js';

const start = '<!-- scenarios:start -->';
const end = '<!-- scenarios:end -->';

const cell = (text) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ');

/** The npm script that serves `product`'s scenario mock. */
export const mockScript = (product) => `mock:${product}`;

/**
 * One row per scenario of `bundle`: an operation's status, and the name of one of its response
 * examples (none for a response without a body).
 * @returns {{ operationId: string, method: string, path: string, code: string, name: string | undefined, summary: string | undefined }[]}
 */
export function scenarioRows(bundle) {
  const rows = [];
  for (const { path, method, operation } of operations(bundle)) {
    for (const [code, response] of Object.entries(operation.responses)) {
      const examples = response.content?.['application/json']?.examples;
      // A response without a body (sms/send's 200) is still a scenario: the status alone picks it.
      /** @type {[string | undefined, unknown][]} */
      const named = examples ? Object.entries(examples) : [[undefined, { summary: response.description }]];
      for (const [name, example] of named) {
        rows.push({ operationId: operation.operationId, method: method.toUpperCase(), path, code, name, summary: deref(bundle, example).summary });
      }
    }
  }
  return rows;
}

/** How a row is asked for: the `Prefer` header's value and the query string. */
export function selectors({ code, name }) {
  return {
    prefer: name ? `code=${code}, example=${name}` : `code=${code}`,
    query: name ? `?__code=${code}&__example=${name}` : `?__code=${code}`,
  };
}

export function scenarioTable(bundle) {
  const lines = ['| operation | status | example | what it shows | `Prefer` header | query |', '|---|---|---|---|---|---|'];
  for (const row of scenarioRows(bundle)) {
    const { prefer, query } = selectors(row);
    lines.push(
      `| \`${row.operationId}\` (${row.method} \`${row.path}\`) | ${row.code} | ${row.name ? `\`${row.name}\`` : '(no body)'} | ${cell(row.summary)} | \`Prefer: ${prefer}\` | \`${query}\` |`,
    );
  }
  return lines.join('\n');
}

/** One section per product: a heading that names the product and its mock script, then its table. */
export function scenarioSections(bundles) {
  return products
    .map((product) => {
      const { info } = bundles[product];
      return [
        `#### ${product.toUpperCase()}: \`npm run ${mockScript(product)}\``,
        '',
        `${info.title} ${info.version}, ${scenarioRows(bundles[product]).length} scenarios:`,
        '',
        scenarioTable(bundles[product]),
      ].join('\n');
    })
    .join('\n\n');
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
  const bundles = Object.fromEntries(products.map((product) => [product, loadBundle(product)]));
  const readme = readFileSync(values.readme, 'utf8');
  let updated;
  try {
    updated = withTable(readme, scenarioSections(bundles));
  } catch (error) {
    console.error(`${values.readme}: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  if (values.check) {
    if (updated !== readme) {
      console.error(`${values.readme}: the scenarios tables are stale; run node scripts/scenarios.js`);
      process.exit(1);
    }
    console.log(`${values.readme}: the scenarios tables are up to date.`);
  } else if (updated !== readme) {
    writeFileSync(values.readme, updated);
    console.log(`${values.readme}: scenarios tables written.`);
  }
}
