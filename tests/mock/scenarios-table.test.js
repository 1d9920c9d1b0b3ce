// The README's tables of mock scenarios, one per product, are generated from the contracts
// (scripts/scenarios.js), and its --check mode fails when the README is stale; the project's own
// README must be up to date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { mockScript, scenarioRows, selectors } from '../../scripts/scenarios.js';

const script = fileURLToPath(new URL('../../scripts/scenarios.js', import.meta.url));
const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const run = (...args) =>
  promisify(execFile)(process.execPath, [script, ...args]).then(
    () => 0,
    (error) => error.code,
  );
const markers = ['<!-- scenarios:start -->', '<!-- scenarios:end -->'];

// The part of the written README that belongs to `product`: from its heading to the next one.
function sectionOf(text, product) {
  const headings = products.map((each) => text.indexOf(`\`npm run ${mockScript(each)}\``));
  const from = headings[products.indexOf(product)];
  assert.ok(from > 0, `a heading names npm run ${mockScript(product)}`);
  const to = Math.min(...headings.filter((at) => at > from), text.indexOf(markers[1]));
  return text.slice(from, to);
}

test('the script writes one table per product between the markers, and --check tells fresh from stale', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'scenarios-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'README.md');
  writeFileSync(file, `# Title\n\n${markers[0]}\nold table\n${markers[1]}\n\nAfter.\n`);

  assert.equal(await run('--check', '--readme', file), 1, 'a stale table fails the check');
  assert.equal(await run('--readme', file), 0);
  const written = readFileSync(file, 'utf8');
  assert.ok(written.startsWith('# Title\n') && written.endsWith('\n\nAfter.\n'), 'text around the markers is kept');
  for (const product of products) {
    const section = sectionOf(written, product);
    const rows = scenarioRows(bundles[product]);
    assert.equal(section.split('\n').filter((line) => line.startsWith('| `')).length, rows.length, `${product}: one line per scenario`);
    for (const row of rows) {
      const line = section.split('\n').find((each) => each.startsWith(`| \`${row.operationId}\``) && each.includes(`\`Prefer: ${selectors(row).prefer}\``));
      assert.ok(line, `${product}: ${row.operationId} ${row.code} ${row.name ?? '(no body)'} in its own table`);
      assert.ok(line.includes(`\`${selectors(row).query}\``), `${product}: ${row.operationId} ${row.code} ${row.name} query`);
    }
  }
  assert.equal(await run('--check', '--readme', file), 0, 'fresh tables pass the check');

  for (const product of products) {
    const section = sectionOf(written, product);
    writeFileSync(file, written.replace(section, section.replace('| 400 |', '| 401 |')));
    assert.equal(await run('--check', '--readme', file), 1, `an edited ${product} table fails the check`);
  }
  writeFileSync(file, '# No markers\n');
  assert.equal(await run('--check', '--readme', file), 1, 'a README without the section fails the check');
});

test("the project README's scenarios tables are up to date", async (t) => {
  if (!existsSync(readme) || !readFileSync(readme, 'utf8').includes(markers[0])) {
    t.skip('README.md has no scenarios section yet: add the markers, then run node scripts/scenarios.js');
    return;
  }
  assert.equal(await run('--check'), 0, 'run node scripts/scenarios.js to refresh it');
});
