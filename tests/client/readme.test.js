// The README's client example is real code: it is type-checked against the built client, so a
// renamed method, status or code in the contract breaks this test before it misleads a reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = `${root}test-results/readme-example/`;
const readme = await readFile(`${root}README.md`, 'utf8');
const section = readme.slice(readme.indexOf('## Use the typed client'));
const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];

// The app's own functions that the example calls; everything else comes from the package, which
// the example imports by its published name (a package may import itself through its exports).
const appFunctions = `
declare function keepSession(token: string): void;
declare function solvedCaptcha(): Promise<string>;
declare function askForCode(): Promise<string>;
declare function showAttemptsLeft(attempts: number | undefined): void;
export {};
`;

async function typeCheck(source) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}example.ts`, `${source}\n${appFunctions}`);
  await writeFile(
    `${dir}tsconfig.json`,
    JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['example.ts'] }),
  );
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  return promisify(execFile)(process.execPath, [tsc, '-p', `${dir}tsconfig.json`]).then(
    () => ({ code: 0, stdout: '' }),
    (error) => error,
  );
}

test('the README has a TypeScript example of the client', () => {
  assert.ok(example?.includes("from 'idaas-sdk-login'"), 'no ```ts block importing the package under "Use the typed client"');
});

test("the README's client example compiles against the client", async () => {
  const result = await typeCheck(example);
  assert.equal(result.code, 0, result.stdout);
});

test('the same example with session_token read before narrowing does not compile', async () => {
  const broken = example.replace("if (result.status === 'SUCCESS') {", 'if (true) {');
  assert.notEqual(broken, example, 'the example no longer narrows on SUCCESS as this test expects');
  const result = await typeCheck(broken);
  assert.notEqual(result.code, 0);
  assert.match(result.stdout, /session_token/);
});
