// Writes generated/<product>/sandbox-contract.json: each product's bundled contract trimmed to what
// the sandbox core reads at run time (operations, headers, request schemas, named response
// examples, the error catalogue's codes, statuses, messages and where they apply). The MSW entry
// carries it into browsers and tests, so prose (descriptions, summaries, titles, notes, sources,
// measures) and what only documentation reads (servers, tags, links) stay out. `--check` writes
// nothing and exits 1 when a file is stale.
// Usage: node scripts/build-sandbox-contract.js [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBundle } from '../src/bundles.js';
import { products } from '../src/contract.js';

const prose = new Set(['description', 'summary', 'title', 'externalDocs', 'tags', 'links', 'servers', 'security', 'info']);
// Of an error's x-error, what the sandbox answers with; the rest (measure, source, note) is for readers.
const errorKeys = new Set(['scenario', 'httpStatus', 'message', 'placeholders', 'operations', 'inferredFor']);
// Extensions the sandbox reads; every other x- key is documentation.
const extensions = new Set(['x-error', 'x-accepted-by']);
// Values copied whole: data, not description.
const data = new Set(['value', 'example', 'const', 'enum', 'default']);
// Maps whose keys are names (of properties, examples, statuses...), not keywords.
const byName = new Set(['properties', 'patternProperties', 'examples', 'paths', 'responses', 'content', 'schemas', 'parameters', 'headers', '$defs']);

function trim(node, { named = false } = {}) {
  if (Array.isArray(node)) return node.map((item) => trim(item));
  if (node === null || typeof node !== 'object') return node;
  const kept = {};
  for (const [key, value] of Object.entries(node)) {
    if (named) {
      kept[key] = trim(value);
      continue;
    }
    if (prose.has(key) || (key.startsWith('x-') && !extensions.has(key))) continue;
    if (data.has(key)) kept[key] = value;
    else if (key === 'x-error')
      kept[key] = Object.fromEntries(
        Object.entries(value)
          .filter(([name]) => errorKeys.has(name))
          .map(([name, item]) => [name, name === 'placeholders' ? item.map(({ name: placeholder }) => ({ name: placeholder })) : item]),
      );
    else kept[key] = trim(value, { named: byName.has(key) });
  }
  return kept;
}

/** The part of `bundle` (a product's bundled contract) that the sandbox core reads. */
export const sandboxContract = (bundle) => trim(bundle);

export const sandboxContractPath = (product) => fileURLToPath(new URL(`../generated/${product}/sandbox-contract.json`, import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  let stale = false;
  for (const product of products) {
    const path = sandboxContractPath(product);
    const text = `${JSON.stringify(sandboxContract(loadBundle(product)))}\n`;
    let current;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (values.check) {
      console.error(`${path} is stale; run node scripts/build-sandbox-contract.js`);
      stale = true;
    } else {
      writeFileSync(path, text);
      console.log(`${path}: ${text.length} bytes written.`);
    }
  }
  if (stale) process.exit(1);
}
