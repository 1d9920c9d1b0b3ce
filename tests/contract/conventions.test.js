// What adding an operation takes, checked the way a newcomer would meet it: a copy of openapi/ gets
// a sixth EIAM operation, written the way Redocly's starter teaches (its device headers on the path
// item, its 500 answer the shared response), with every piece the project needs; then one piece at a
// time is left out, and each omission must fail with a message that names the file to write. The
// copy is linted and bundled once per case that changes openapi/, the other cases edit the bundle.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSandboxCore } from '../../src/sandbox/core.js';
import { unconfiguredHeaders } from '../client/fixtures.js';
import { root } from '../../scripts/lib/root.js';
import { pages } from './page-facts.js';
import { pathFile, traceabilityProblems } from './traceability.js';

const product = 'eiam';
const api = `${product}@v2`;
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const run = promisify(execFile);

// The sixth operation: a resend of the SMS code, on a page of its own, that takes what sms/send takes.
const model = { path: '/api/v2/sdk/sms/send', operationId: 'sendSmsCode' };
const added = {
  path: '/api/v2/sdk/sms/resend',
  operationId: 'resendSmsCode',
  page: 'https://open.bccastle.com/en/development/eiam/userapi/captcha/smsresend.html',
};
const addedFile = `openapi/${product}/${pathFile(added.path)}`;
const rootFile = `openapi/${product}/openapi.yaml`;
const catalogueFile = `openapi/${product}/components/schemas/ErrorCode.yaml`;
const addedPage = { ...pages[product].find((page) => page.path === model.path), path: added.path, page: added.page };

let dir;
const at = (file) => join(dir, file);
async function edit(file, from, to) {
  const text = await readFile(at(file), 'utf8');
  assert.ok(text.includes(from), `fixture edit: ${file} does not contain ${from}`);
  await writeFile(at(file), text.replace(from, to));
}

/** Writes the sixth operation into the copy, every piece of it; `omit` names one to leave out. */
async function addOperation(omit) {
  await rm(at('openapi'), { recursive: true, force: true });
  await cp(join(root, 'openapi'), at('openapi'), { recursive: true });
  const modelText = await readFile(at(`openapi/${product}/${pathFile(model.path)}`), 'utf8');
  const [before, parameters, after] = modelText.split(/( {2}parameters:\n(?: {4}- .*\n)+)/);
  let text = `${parameters.replace(/^ {2}/gm, '')}${before}${after}`
    .replace(`operationId: ${model.operationId}`, `operationId: ${added.operationId}`)
    .replace(/x-source: .*/, `x-source: ${added.page}`);
  if (omit === 'x-source') text = text.replace(/ {2}x-source: .*\n/, '');
  if (omit === 'valid') text = text.replace('          valid:', '          sample:');
  if (omit !== 'path file') await writeFile(at(addedFile), text);
  if (omit !== 'root $ref') {
    await edit(
      rootFile,
      `  ${model.path}:\n    $ref: ${pathFile(model.path)}\n`,
      `  ${model.path}:\n    $ref: ${pathFile(model.path)}\n  ${added.path}:\n    $ref: ${pathFile(added.path)}\n`,
    );
  }
  if (omit !== 'catalogue') {
    // The codes the model operation shows or is expected to answer, the added one does too.
    const catalogueText = await readFile(at(catalogueFile), 'utf8');
    await writeFile(at(catalogueFile), catalogueText.replaceAll(` ${model.operationId},`, ` ${model.operationId}, ${added.operationId},`));
  }
}

async function lint() {
  try {
    await run(redocly, ['lint', api, '--lint-config', 'error', '--format', 'stylish'], { cwd: dir });
    return '';
  } catch (error) {
    const { stdout, stderr } = /** @type {{ stdout: string, stderr: string }} */ (error);
    return `${stdout}${stderr}`;
  }
}

// Written where the copy's redocly.yaml says, generated/<product>/ of the temp dir.
async function bundle() {
  await run(redocly, ['bundle', api, '--ext', 'json'], { cwd: dir });
  return JSON.parse(await readFile(at(`generated/${product}/openapi.json`), 'utf8'));
}

/** The path files of the copy that its root does not refer to. */
async function unreferencedPathFiles() {
  const rootText = await readFile(at(rootFile), 'utf8');
  const files = await readdir(at(`openapi/${product}/paths`));
  return files
    .filter((file) => !rootText.includes(`$ref: paths/${file}`))
    .map((file) => `openapi/${product}/paths/${file} is not in ${rootFile}: add its path under \`paths\``);
}

const pagesWithAdded = [...pages[product], addedPage];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conventions-'));
  await cp(join(root, 'redocly.yaml'), at('redocly.yaml'));
  await cp(join(root, '.redocly.lint-ignore.yaml'), at('.redocly.lint-ignore.yaml'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('a sixth operation, with a path-level parameter list and the shared 500 answer', () => {
  let complete;

  test("with every piece, lints clean, bundles, and passes traceability; the headers are the client's", async () => {
    await addOperation();
    assert.equal(await lint(), '');
    assert.deepEqual(await unreferencedPathFiles(), []);
    complete = await bundle();
    const item = complete.paths[added.path];
    assert.ok(item.parameters?.length > 0 && item.post.parameters === undefined, 'the headers are on the path item');
    assert.match(item.post.responses['500'].$ref, /^#\/components\/responses\//, 'the 500 answer is the shared response');
    assert.deepEqual(traceabilityProblems(product, complete, pagesWithAdded), []);
    assert.deepEqual(unconfiguredHeaders(complete), []);
  });

  test('without its path file, the lint names the file', async () => {
    await addOperation('path file');
    assert.match(await lint(), new RegExp(`Can't resolve \\$ref[\\s\\S]*${pathFile(added.path)}|${pathFile(added.path)}[\\s\\S]*Can't resolve`));
  });

  test('without its $ref in the root, a check names the root file', async () => {
    await addOperation('root $ref');
    assert.match((await unreferencedPathFiles()).join('\n'), new RegExp(`${pathFile(added.path)} is not in ${rootFile}`));
  });

  test('without the `valid` request example, the lint names the rule and its path file', async () => {
    await addOperation('valid');
    const report = await lint();
    assert.match(report, /rule\/request-example-valid/);
    assert.match(report, new RegExp(pathFile(added.path)));
  });

  test('without its x-source, the lint and traceability name the file', async () => {
    await addOperation('x-source');
    assert.match(await lint(), /rule\/operation-documented/);
    const problems = traceabilityProblems(product, await bundle(), pagesWithAdded);
    assert.ok(
      problems.some((problem) => problem.includes(`x-source should name the page, in ${addedFile}`)),
      problems.join('\n'),
    );
  });

  test('without its catalogue entry, traceability names the catalogue file', async () => {
    await addOperation('catalogue');
    const problems = traceabilityProblems(product, await bundle(), pagesWithAdded);
    assert.ok(
      problems.some((problem) => problem.includes(`should list ${added.operationId} in its x-error.operations, in ${catalogueFile}`)),
      problems.join('\n'),
    );
  });

  test('without its page facts, traceability names tests/contract/page-facts.js', () => {
    const problems = traceabilityProblems(product, complete, pages[product]);
    assert.ok(
      problems.some((problem) => problem.includes(`${added.operationId} (POST ${added.path}) has no vendor page in tests/contract/page-facts.js`)),
      problems.join('\n'),
    );
  });

  test('without its sandbox handler, the sandbox refuses to start, naming the operation and the file', () => {
    assert.throws(
      () => createSandboxCore({ product, bundle: complete, onError: () => {} }),
      new RegExp(`no handler for ${added.operationId}.*src/sandbox/operations\\.js`),
      `write the handler of ${added.operationId} in src/sandbox/operations.js`,
    );
  });

  test('with a header that every call takes and the client does not set, the client test names src/client/core.ts', () => {
    const copy = structuredClone(complete);
    copy.components.parameters.TenantRegion = { ...copy.components.parameters.Agent, name: 'X-tenant-region' };
    for (const item of Object.values(copy.paths)) {
      for (const operation of Object.values(item))
        if (operation.parameters?.length) operation.parameters.push({ $ref: '#/components/parameters/TenantRegion' });
      if (item.parameters) item.parameters.push({ $ref: '#/components/parameters/TenantRegion' });
    }
    assert.deepEqual(unconfiguredHeaders(copy), ['X-tenant-region']);
  });
});
