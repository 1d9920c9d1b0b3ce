// `npm run check:breaking` both ways: a breaking change to the released contract fails unless
// info.version's major is raised; a compatible change passes and is listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { bundle, bundlePath, root } from '../support/contract.js';

const dir = mkdtempSync(`${tmpdir()}/check-breaking-`);
test.after(() => rmSync(dir, { recursive: true, force: true }));

// The released contract of these tests is today's bundle, so only the edits below differ.
function check(edit, name) {
  const revision = structuredClone(bundle);
  edit(revision);
  const file = `${dir}/${name}.json`;
  writeFileSync(file, JSON.stringify(revision));
  const { status, stdout, stderr } = spawnSync(process.execPath, [`${root}scripts/check-breaking.js`, '--base', bundlePath, file], {
    encoding: 'utf8',
  });
  return { status, output: stdout + stderr };
}

const schemas = (document) => document.components.schemas;
const [removedField] = schemas(bundle).SessionResult.required.slice(-1);
const removeResponseField = (document) => {
  const session = schemas(document).SessionResult;
  session.required = session.required.filter((name) => name !== removedField);
  delete session.properties[removedField];
};
const raiseMajor = (document) => {
  const [major, ...rest] = document.info.version.split('.');
  document.info.version = [Number(major) + 1, ...rest].join('.');
};

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
    const request = schemas(document).MobilePasswordLoginRequest;
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
  assert.match(output, new RegExp(removedField));
});

test('an added optional response property passes and is listed', () => {
  const { status, output } = check((document) => {
    schemas(document).SessionResult.properties.session_label = { type: 'string', description: 'A fictitious addition.' };
  }, 'added-optional-field');
  assert.equal(status, 0, output);
  assert.match(output, /minor\s+added\s+\S*session_label/);
});

test('the bundle keeps the promises of the last released contract', () => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [`${root}scripts/check-breaking.js`], { encoding: 'utf8' });
  assert.equal(status, 0, stdout + stderr);
});
