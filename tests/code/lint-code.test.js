// `npm run lint:code` really checks the code: run with the repository's own configs (package.json,
// biome.json, tsconfig.check.json) on a project of one file, it fails when that file is badly
// formatted, breaks a lint rule or has a type error, and names the file and the problem. A project of
// one file keeps each run to seconds; the real tree's result is `npm run lint`'s business. The
// TypeScript's own check (tsconfig.json, run last) is proven by tests/client/types.test.js.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../../scripts/lib/root.js';

const configs = ['package.json', 'biome.json', 'tsconfig.json', 'tsconfig.check.json'];

/** Runs lint:code (without prelint:code's client build) on a project that holds `file` only. */
async function lintCode(t, file, text) {
  const dir = await mkdtemp(join(tmpdir(), 'idaas-lint-code-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const config of configs) await copyFile(join(root, config), join(dir, config));
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), text);
  return new Promise((resolve) => {
    execFile('npm', ['run', 'lint:code', '--ignore-scripts'], { cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, output: stdout + stderr }),
    );
  });
}

// Each file is clean but for its one problem, which the report must name by file, place and rule.
/** @type {Array<[problem: string, file: string, text: string, report: RegExp]>} */
const problems = [
  ['a file the formatter would change', 'src/sandbox/format.js', "export const name = 'Mei Chen'\n", /src\/sandbox\/format\.js format/],
  ['a lint rule broken', 'tests/lint.test.js', 'export function pause() {\n  debugger;\n}\n', /tests\/lint\.test\.js:2:3 lint\/suspicious\/noDebugger/],
  ['a type error', 'scripts/types.js', "/** @type {number} */\nexport const count = 'three';\n", /scripts\/types\.js\(2,14\): error TS2322/],
];

describe('npm run lint:code', { concurrency: true }, () => {
  for (const [problem, file, text, report] of problems) {
    test(`fails on ${problem}, naming the file and the problem`, async (t) => {
      const { code, output } = await lintCode(t, file, text);
      assert.notEqual(code, 0, output);
      assert.match(output, report);
    });
  }
});
