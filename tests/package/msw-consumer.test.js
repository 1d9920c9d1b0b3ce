// The MSW entry as a new Vite-style project gets it: the package packed as `npm publish` packs it,
// installed with `msw` into an empty ES-module project (npm's cache first), whose login test of
// under ten lines (sandboxHandlers + setupServer + the typed client) runs green under node:test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../../scripts/lib/root.js';

const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = promisify(execFile);
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

// What the README tells a team to add; the status it checks is the session's, not a literal.
const loginTest = `import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { sandboxHandlers } from 'idaas-sdk-login/msw';
import { createCiamClient } from 'idaas-sdk-login/ciam';
const sandbox = sandboxHandlers({ product: 'ciam', baseUrl: 'https://tenant.example.com' });
const server = setupServer(...sandbox.handlers); server.listen({ onUnhandledRequest: 'error' }); after(() => server.close());
const { clientId, password, users: [user] } = sandbox.tenant;
test('login', async () => assert.ok((await createCiamClient({ domain: 'tenant.example.com', clientId, device: { osVersion: 'web', fingerprint: 'demo', agent: 'demo' } }).loginByMobilePassword({ mobile: user.mobile, password })).session_token));
`;

test('a new ES-module project installs the tarball and msw, and its ten-line login test passes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'idaas-msw-consumer-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Packed from the work tree as built by pretest (npm run build:client); tests/package/pack.test.js
  // proves that prepack builds dist/ in a fresh clone, so this test skips that build.
  const started = Date.now();
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root);
  const [packed] = JSON.parse(stdout);
  assert.ok(
    packed.files.some((file) => file.path === 'dist/msw.js'),
    'the tarball holds the MSW entry',
  );

  t.diagnostic(`packed in ${Date.now() - started} ms`);
  const project = join(dir, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'vite-style-app', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', join(dir, packed.filename), `msw@${devDependencies.msw}`], project);
  t.diagnostic(`installed in ${Date.now() - started} ms`);
  await writeFile(join(project, 'login.test.js'), loginTest);
  assert.ok(loginTest.trimEnd().split('\n').length < 10, 'the test takes under ten lines');
  // Without the parent's NODE_TEST_CONTEXT, the child reports in TAP, as a project's own run does.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const { stdout: report } = await run(process.execPath, ['--test', '--test-reporter=tap', 'login.test.js'], { cwd: project, env });
  assert.match(report, /^# pass 1$/m, report);
  assert.match(report, /^# fail 0$/m, report);
});
