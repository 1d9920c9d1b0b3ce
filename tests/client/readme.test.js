// The README's client examples are real code: each ```ts block of "Use the typed client" is
// type-checked against the built clients, so a renamed method, status or code in a contract breaks
// this test before it misleads a reader; and a block that reads session_token before narrowing on
// `status` must not compile. All the blocks, as written and broken, go through one run of tsc, each
// in a file of its own, and each file's errors are read from tsc's report. The block that calls the
// local sandbox runs as written, in Node, against a sandbox of its product.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tenants } from '../../src/sandbox/tenants/index.js';
import { startSandbox } from '../../scripts/lib/sandbox-client.js';
import { root } from '../../scripts/lib/root.js';

const readme = await readFile(`${root}README.md`, 'utf8');
const start = readme.indexOf('## Use the typed client');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const examples = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => code);

// The app's own functions that the examples call; everything else comes from the package, which
// the examples import by its published entries (a package may import itself through its exports).
// `showAttemptsLeft` and `showLockedUntil` take no undefined: `error.is(code)` must have narrowed.
const appFunctions = `
declare function keepSession(token: string, user: string | undefined): void;
declare function askForNewPassword(): Promise<string>;
declare function askForCode(): Promise<string>;
declare function slide(captcha: { originalImageBase64: string; jigsawImageBase64: string }): Promise<string>;
declare function showAttemptsLeft(attempts: number): void;
declare function showLockedUntil(when: Date): void;
export {};
`;

const broken = (example) => example.replace("if (result.status === 'SUCCESS') {", 'if (true) {');
const files = examples.flatMap((example, i) => [
  [`example-${i + 1}.ts`, example],
  [`broken-${i + 1}.ts`, broken(example)],
]);

// One tsc over every file; its report, split by file name.
const report = await (async () => {
  const dir = `${root}test-results/readme-example/`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, source] of files) await writeFile(`${dir}${name}`, `${source}\n${appFunctions}`);
  await writeFile(
    `${dir}tsconfig.json`,
    JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: true }, include: files.map(([name]) => name) }),
  );
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const { stdout } = await promisify(execFile)(process.execPath, [tsc, '-p', `${dir}tsconfig.json`, '--pretty', 'false']).catch((error) => error);
  return (name) =>
    stdout
      .split('\n')
      .filter((line) => line.includes(`${name}(`))
      .join('\n');
})();

test("the README has a TypeScript example of each product's client", () => {
  for (const entry of ['idaas-sdk-login/eiam', 'idaas-sdk-login/ciam']) {
    assert.ok(
      examples.some((code) => code.includes(`from '${entry}'`)),
      `no \`\`\`ts block importing ${entry} under "Use the typed client"`,
    );
  }
});

examples.forEach((example, i) => {
  test(`README client example ${i + 1} compiles against the client`, () => {
    assert.equal(report(`example-${i + 1}.ts`), '');
  });

  test(`README client example ${i + 1} with session_token read before narrowing does not compile`, () => {
    assert.notEqual(broken(example), example, 'the example no longer narrows on SUCCESS as this test expects');
    assert.match(report(`broken-${i + 1}.ts`), /session_token/);
  });
});

test('the README example for the local mocks runs as written in Node, against the sandbox it names', async () => {
  const local = examples.find((code) => code.includes('baseUrl:'));
  assert.ok(local, 'no example shows baseUrl');
  const [, address] = /baseUrl: '(http:\/\/127\.0\.0\.1:\d+)'/.exec(local) ?? [];
  const product = /from 'idaas-sdk-login\/(\w+)'/.exec(local)?.[1] ?? assert.fail('the README example imports a product entry');
  const sandbox = await startSandbox({ product });
  try {
    // The example names the port npm start gives the sandbox; this run's sandbox has a free port.
    const file = `${root}test-results/readme-example/local.mjs`;
    await writeFile(file, local.replace(address, sandbox.url));
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    assert.match(stdout, /^[0-9a-f]{16,} \{/, 'prints the session token, then the verified claims');
    assert.ok(stdout.includes(`aud: '${tenants[product].clientId}'`), `the claims name the fixture client: ${stdout}`);
  } finally {
    await sandbox.stop();
  }
});
