// The README's client examples are real code: each ```ts block of "Use the typed client" is
// type-checked against the built clients, so a renamed method, status or code in a contract breaks
// this test before it misleads a reader; and a block that reads session_token before narrowing on
// `status` must not compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
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

async function typeCheck(source, name) {
  const dir = `${root}test-results/readme-example/${name}/`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}example.ts`, `${source}\n${appFunctions}`);
  await writeFile(
    `${dir}tsconfig.json`,
    JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['example.ts'] }),
  );
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  return promisify(execFile)(process.execPath, [tsc, '-p', `${dir}tsconfig.json`]).then(
    () => ({ code: 0, stdout: '' }),
    (error) => error,
  );
}

test('the README has a TypeScript example of each product\'s client', () => {
  for (const entry of ['idaas-sdk-login/eiam', 'idaas-sdk-login/ciam']) {
    assert.ok(
      examples.some((code) => code.includes(`from '${entry}'`)),
      `no \`\`\`ts block importing ${entry} under "Use the typed client"`,
    );
  }
});

examples.forEach((example, i) => {
  test(`README client example ${i + 1} compiles against the client`, async () => {
    const result = await typeCheck(example, `example-${i + 1}`);
    assert.equal(result.code, 0, result.stdout);
  });

  test(`README client example ${i + 1} with session_token read before narrowing does not compile`, async () => {
    const broken = example.replace("if (result.status === 'SUCCESS') {", 'if (true) {');
    assert.notEqual(broken, example, 'the example no longer narrows on SUCCESS as this test expects');
    const result = await typeCheck(broken, `broken-${i + 1}`);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /session_token/);
  });
});
