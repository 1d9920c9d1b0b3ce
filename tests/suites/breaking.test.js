// `npm run check:breaking` both ways, for each product: a breaking change to the product's released
// contract fails unless info.version's major is raised; a compatible change passes and is listed;
// and each product's bundle keeps the promises of its own baseline, generated/released/<product>/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { bundlePath } from '../../src/bundles.js';
import { deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { root } from '../../scripts/lib/root.js';

const script = `${root}scripts/check-breaking.js`;
const dir = mkdtempSync(`${tmpdir()}/check-breaking-`);
test.after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status, output: stdout + stderr };
};

const raiseMajor = (document) => {
  const [major, ...rest] = document.info.version.split('.');
  document.info.version = [Number(major) + 1, ...rest].join('.');
};

for (const product of products) {
  const bundle = bundles[product];
  // The released contract of these tests is today's bundle, so only the edits below differ.
  const check = (edit, name) => {
    const revision = structuredClone(bundle);
    edit(revision);
    const file = `${dir}/${product}-${name}.json`;
    writeFileSync(file, JSON.stringify(revision));
    return run('--base', bundlePath(product), file);
  };

  // A result every login answers with, and the body of the first operation that takes one.
  const { SessionResult } = bundle.components.schemas;
  const [removedField] = SessionResult.required.slice(-1);
  const requestSchema = (document) => {
    const { operation } = operations(document).find((entry) => entry.operation.requestBody) ?? assert.fail('no operation takes a request body');
    return deref(document, operation.requestBody.content['application/json'].schema);
  };
  const removeResponseField = (document) => {
    const session = document.components.schemas.SessionResult;
    session.required = session.required.filter((name) => name !== removedField);
    delete session.properties[removedField];
  };

  describe(`${product}: the breaking-change check`, () => {
    test('an unchanged contract passes', () => {
      const { status, output } = check(() => {}, 'unchanged');
      assert.equal(status, 0, output);
    });

    test('removing a required response field fails', () => {
      const { status, output } = check(removeResponseField, 'removed-field');
      assert.equal(status, 1, output);
      assert.match(output, new RegExp(`major.*\\n.*${removedField}`));
    });

    test('a new required request field fails', () => {
      const { status, output } = check((document) => {
        const request = requestSchema(document);
        request.properties.device_nonce = { type: 'string' };
        request.required.push('device_nonce');
      }, 'new-required-request-field');
      assert.equal(status, 1, output);
      assert.match(output, /became required: `device_nonce`/);
    });

    test('a breaking change passes, listed, when the major version is raised', () => {
      const { status, output } = check((document) => {
        removeResponseField(document);
        raiseMajor(document);
      }, 'removed-field-next-major');
      assert.equal(status, 0, output);
      assert.match(output, /major was raised/);
      assert.match(output, new RegExp(removedField));
    });

    test('an added optional response property passes and is listed', () => {
      const { status, output } = check((document) => {
        document.components.schemas.SessionResult.properties.session_label = { type: 'string', description: 'A fictitious addition.' };
      }, 'added-optional-field');
      assert.equal(status, 0, output);
      assert.match(output, /minor\s+added\s+\S*session_label/);
    });

    test(`the ${product} bundle keeps the promises of its last release`, () => {
      const { status, output } = run('--product', product);
      assert.equal(status, 0, output);
      assert.ok(output.includes(`generated/released/${product}/openapi.json`), `compared with the ${product} baseline:\n${output}`);
      for (const other of products.filter((each) => each !== product)) {
        assert.ok(!output.includes(`generated/released/${other}/`), `only the ${product} baseline:\n${output}`);
      }
    });
  });
}

test('without options, npm run check:breaking checks every product against its own baseline', () => {
  const { status, output } = run();
  assert.equal(status, 0, output);
  for (const product of products) {
    assert.ok(
      output.includes(`${bundlePath(product)} against ${root}generated/released/${product}/openapi.json`),
      `${product} against its own baseline:\n${output}`,
    );
  }
});

test('an unknown product or a half-given pair is refused', () => {
  assert.equal(run('--product', 'neither').status, 2);
  assert.equal(run('--base', bundlePath(products[0])).status, 2);
});
