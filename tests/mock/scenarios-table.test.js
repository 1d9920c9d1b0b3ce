// The README's table of mock scenarios is generated from the contract (scripts/scenarios.js), and
// its --check mode fails when the README is stale; the project's own README must be up to date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundle } from '../support/sandbox.js';
import { scenarioRows } from '../../scripts/scenarios.js';

const script = fileURLToPath(new URL('../../scripts/scenarios.js', import.meta.url));
const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const run = (...args) => promisify(execFile)(process.execPath, [script, ...args]).then(
  () => 0,
  (error) => error.code,
);
const markers = ['<!-- scenarios:start -->', '<!-- scenarios:end -->'];

test('the script writes the table between the markers, and --check tells fresh from stale', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'scenarios-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'README.md');
  writeFileSync(file, `# Title\n\n${markers[0]}\nold table\n${markers[1]}\n\nAfter.\n`);

  assert.equal(await run('--check', '--readme', file), 1, 'a stale table fails the check');
  assert.equal(await run('--readme', file), 0);
  const written = readFileSync(file, 'utf8');
  assert.ok(written.startsWith('# Title\n') && written.endsWith('\n\nAfter.\n'), 'text around the markers is kept');
  for (const row of scenarioRows(bundle)) {
    assert.ok(written.includes(`code=${row.code}${row.name ? `, example=${row.name}` : ''}\``), `${row.operationId} ${row.code} ${row.name}`);
  }
  assert.equal(await run('--check', '--readme', file), 0, 'a fresh table passes the check');

  writeFileSync(file, written.replace('| 400 |', '| 401 |'));
  assert.equal(await run('--check', '--readme', file), 1, 'an edited table fails the check');
  writeFileSync(file, '# No markers\n');
  assert.equal(await run('--check', '--readme', file), 1, 'a README without the section fails the check');
});

test("the project README's scenarios table is up to date", async (t) => {
  if (!existsSync(readme) || !readFileSync(readme, 'utf8').includes(markers[0])) {
    t.skip('README.md has no scenarios section yet: add the markers, then run node scripts/scenarios.js');
    return;
  }
  assert.equal(await run('--check'), 0, 'run node scripts/scenarios.js to refresh it');
});
