// The package as an app developer gets it: `npm pack`, installed from the tarball into a fresh
// project (offline, from npm's cache), a consumer file type-checked there with strict settings and
// run against a Prism mock; and arethetypeswrong's check of the tarball's entry points.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPrism } from '../support/prism.js';
import { bundle } from '../client/fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

let dir;
let tarball;
let consumer;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idaas-pack-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], root);
  const [packed] = JSON.parse(stdout);
  tarball = join(dir, packed.filename);
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
      files: ['consumer.ts'],
    }),
  );
  await copyFile(join(root, 'tests/package/consumer.ts'), join(consumer, 'consumer.ts'));
  await npm(['install', '--offline', tarball], consumer);
});
after(() => rm(dir, { recursive: true, force: true }));

test('the tarball holds the client and the generated files it imports, not the sources', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.split('\n');
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'generated/schema.d.ts', 'generated/client-contract.js']) {
    assert.ok(files.includes(`package/${file}`), file);
  }
  assert.ok(!files.some((f) => f.startsWith('package/src/') || f.startsWith('package/tests/')));
});

test('the consumer type-checks against the installed package and runs against the mock', async (t) => {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const compiled = await run(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.json')]).catch((e) => e);
  assert.equal(compiled.code ?? 0, 0, compiled.stdout);

  const prism = await startPrism();
  t.after(() => prism.stop());
  const { signIn } = await import(pathToFileURL(join(consumer, 'out/consumer.js')));
  const { examples, schemas } = bundle.components;
  const body = examples.mobilePasswordLoginRequest.value;
  const scenario = (code, example) => ({ Prefer: `code=${code}, example=${example}` });
  const statuses = (passwordChange) => ({ success: schemas.SessionResult.properties.status.const, passwordChange });

  assert.deepEqual(await signIn(prism.url, body, scenario(200, 'success'), statuses()), {
    sessionToken: examples.successCiam.value.session_token,
    expire: examples.successCiam.value.expire,
  });
  assert.deepEqual(
    await signIn(prism.url, body, scenario(200, 'passwordWarn'), statuses(examples.passwordWarn.value.status)),
    { newPasswordCheck: { ok: true } },
  );
  const invalid = await signIn(prism.url, body, scenario(400, 'invalidCredentials'), statuses());
  assert.equal(invalid.code, examples.invalidCredentials.value.error_code);
  assert.equal(typeof invalid.remainingAttempts, 'number');
  const locked = await signIn(prism.url, body, scenario(400, 'lockedOut'), statuses());
  assert.equal(locked.code, examples.lockedOut.value.error_code);
  assert.equal(typeof locked.lockoutMinutes, 'number');
});

test('arethetypeswrong finds no problem for ESM consumers (node16, bundler)', async () => {
  // The package is ESM only, so CommonJS resolutions are out of scope; ./openapi.yaml is a data
  // file, not a module, and no resolution mode can import it.
  const attw = join(root, 'node_modules/.bin/attw');
  const checked = await run(attw, [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml']).catch((e) => e);
  assert.equal(checked.code ?? 0, 0, checked.stdout);
});
