// The package as an app developer gets it. It is packed the way `npm publish` packs it, from a copy
// of the repository's files that has no dist/ (as a fresh clone has none), so the tarball holds the
// client only if `prepack` builds it. One tarball serves every check: installed into a fresh project
// (npm's cache first), the same consumer file is type-checked there as an ES module and as CommonJS,
// and both run against a Prism mock; arethetypeswrong and publint check the tarball itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { startPrism } from '../../scripts/lib/prism.js';
import { root } from '../../scripts/lib/root.js';

const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = promisify(execFile);
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });
const bin = (name) => join(root, 'node_modules/.bin', name);

let dir;
let tarball;
let consumer;
let checkoutHadDist;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idaas-pack-'));
  // What a commit of the work tree would hold: tracked and new files, less what .gitignore keeps out.
  const checkout = join(dir, 'checkout');
  const { stdout: listed } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  for (const file of listed.split('\0').filter((file) => file && existsSync(join(root, file)))) {
    await mkdir(dirname(join(checkout, file)), { recursive: true });
    await copyFile(join(root, file), join(checkout, file));
  }
  await symlink(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  checkoutHadDist = existsSync(join(checkout, 'dist'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], checkout);
  tarball = join(dir, JSON.parse(stdout)[0].filename);

  consumer = join(dir, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await writeFile(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        declaration: true,
        outDir: 'out',
      },
      files: ['consumer.ts', 'consumer.cts'],
    }),
  );
  // One source, compiled twice: .ts to an ES module, .cts to CommonJS whose imports become require().
  for (const name of ['consumer.ts', 'consumer.cts']) await copyFile(join(root, 'tests/package/consumer.ts'), join(consumer, name));
  await npm(['install', '--prefer-offline', tarball], consumer);
});
after(() => rm(dir, { recursive: true, force: true }));

test('packing a checkout without dist/ builds the client into the tarball, with what the exports map names and no sources', async () => {
  assert.equal(checkoutHadDist, false, 'the copy starts without dist/, as a fresh clone does');
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.split('\n');
  const targets = Object.values(exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const file of ['./dist/index.js', './dist/index.d.ts', ...targets]) assert.ok(files.includes(`package/${file.slice(2)}`), file);
  assert.ok(!files.some((f) => f.startsWith('package/src/') || f.startsWith('package/tests/')));
});

test('the consumer type-checks against the installed package as an ES module and as CommonJS', async () => {
  const compiled = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(consumer, 'tsconfig.json')]).catch((e) => e);
  assert.equal(compiled.code ?? 0, 0, compiled.stdout);
  assert.match(await readFile(join(consumer, 'out/consumer.cjs'), 'utf8'), /require\("idaas-sdk-login(\/\w+)?"\)/);
});

// The consumer is a CIAM app's sign-in screen, so it runs against the CIAM contract's Prism.
const { examples, schemas } = bundles.ciam.components;
const body = examples.mobilePasswordLoginRequest.value;
const statuses = { success: schemas.SessionResult.properties.status.const, passwordChange: examples.passwordWarn.value.status };
// Each scenario, by the `Prefer` header that picks it from Prism, with what signIn must return; of
// an error's figures, only that they were read as numbers (their values are the examples' business).
/** @type {Array<[prefer: string, outcome: object]>} */
const scenarios = [
  ['code=200, example=success', { sessionToken: examples.success.value.session_token, expire: examples.success.value.expire }],
  ['code=200, example=passwordWarn', { newPasswordCheck: { ok: true } }],
  ['code=400, example=invalidCredentials', { code: examples.invalidCredentials.value.error_code, remainingAttempts: 'number', lockoutMinutes: 'undefined' }],
  ['code=400, example=lockedOut', { code: examples.lockedOut.value.error_code, remainingAttempts: 'undefined', lockoutMinutes: 'number' }],
];
const expected = scenarios.map(([, outcome]) => outcome);

/** What signIn returned for each scenario, with the figures of an error reduced to their types. */
const outcomes = (results) =>
  results.map((result) =>
    'code' in result ? { ...result, remainingAttempts: typeof result.remainingAttempts, lockoutMinutes: typeof result.lockoutMinutes } : result,
  );

test('an ES module consumer imports the package and runs against the mock', async (t) => {
  const prism = await startPrism({ product: 'ciam' });
  t.after(() => prism.stop());
  const { signIn } = await import(pathToFileURL(join(consumer, 'out/consumer.js')).href);
  const results = [];
  for (const [prefer] of scenarios) results.push(await signIn(prism.url, body, { Prefer: prefer }, statuses));
  assert.deepEqual(outcomes(results), expected);
});

test('a CommonJS consumer require()s the package in a Node process of its own and gets the same answers', async (t) => {
  const prism = await startPrism({ product: 'ciam' });
  t.after(() => prism.stop());
  const script = `
    const { signIn } = require('./out/consumer.cjs');
    const [url, body, statuses, ...prefers] = process.argv.slice(1);
    (async () => {
      const results = [];
      for (const prefer of prefers) results.push(await signIn(url, JSON.parse(body), { Prefer: prefer }, JSON.parse(statuses)));
      console.log(JSON.stringify(results));
    })();`;
  const args = [prism.url, JSON.stringify(body), JSON.stringify(statuses), ...scenarios.map(([prefer]) => prefer)];
  const { stdout } = await run(process.execPath, ['--eval', script, ...args], { cwd: consumer });
  assert.deepEqual(outcomes(JSON.parse(stdout)), expected);
});

test('arethetypeswrong finds no problem in the tarball for Node 20.19+ (ESM and CommonJS) and bundlers', async () => {
  // The node16 profile leaves out node10 resolution, which has no exports map and so no
  // ./openapi.json; the package needs Node 20.19 or later. attw 0.18 still takes require() of an
  // ES module for an error, which Node 20.19 and later allow (the CommonJS consumer above proves
  // it). The YAML entry points are data files, which no resolution mode imports.
  const yaml = Object.keys(exports).filter((entry) => String(exports[entry]).endsWith('.yaml'));
  const excluded = yaml.length ? ['--exclude-entrypoints', ...yaml] : [];
  const checked = await run(bin('attw'), [tarball, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', ...excluded]).catch((e) => e);
  assert.equal(checked.code ?? 0, 0, checked.stdout);
});

test('publint finds nothing to say about the tarball, not even a suggestion', async () => {
  const linted = await run(bin('publint'), ['run', tarball, '--strict']).catch((e) => e);
  assert.equal(linted.code ?? 0, 0, linted.stdout);
  assert.match(linted.stdout, /All good!/);
});
