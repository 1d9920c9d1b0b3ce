// The contract lints clean under redocly.yaml (recommended-strict plus our rules), and each of our
// rules really enforces its convention: a copy of openapi/ that breaks it is reported by that rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../support/contract.js';

const redocly = join(root, 'node_modules', '.bin', 'redocly');

function lint(cwd) {
  return new Promise((resolve) => {
    execFile(redocly, ['lint', '--lint-config', 'error', '--format', 'json'], { cwd }, (error, stdout) => {
      resolve({ exitCode: error ? error.code : 0, report: JSON.parse(stdout) });
    });
  });
}

test('the contract lints with zero errors and zero warnings', async () => {
  const { exitCode, report } = await lint(root);
  assert.deepEqual(report.totals, { errors: 0, warnings: 0, ignored: 0 }, JSON.stringify(report.problems, null, 2));
  assert.equal(exitCode, 0);
});

async function edit(dir, file, from, to) {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  assert.ok(text.includes(from), `fixture edit: ${file} does not contain ${from}`);
  await writeFile(path, text.replace(from, to));
}

const breakages = [
  ['rule/path-item-is-a-file', (dir) => edit(dir, 'openapi/openapi.yaml', '$ref: paths/api_v2_sdk_sms_send.yaml', 'post: { operationId: inline, responses: {} }')],
  ['rule/operation-documented', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', '  tags: [EIAM SMS codes]\n', '')],
  ['rule/operation-id-camel-case', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', 'operationId: sendSmsCode', 'operationId: send_sms_code')],
  ['rule/operation-description-length', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', '  description: >-\n    Sends a one-time code', '  description: Sends a code.\n  x-was: >-\n    Sends a one-time code')],
  ['rule/operation-has-client-and-server-errors', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_login_mobile-pwd.yaml', "'500':", "'503':")],
  ['rule/parameter-documented', (dir) => edit(dir, 'openapi/components/parameters/Agent.yaml', 'x-chinese-name: User-Agent信息\n', '')],
  ['rule/parameter-is-a-component', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', '    - $ref: ../components/parameters/Agent.yaml', '    - { name: X-agent, in: header, required: true, description: Agent., example: a, x-chinese-name: 代理, schema: { type: string } }')],
  ['rule/parameter-in-header', (dir) => edit(dir, 'openapi/components/parameters/Language.yaml', 'in: header', 'in: query')],
  ['rule/header-name-prefix', (dir) => edit(dir, 'openapi/components/parameters/Language.yaml', 'name: X-L', 'name: Accept-Language')],
  ['rule/property-documented', (dir) => edit(dir, 'openapi/components/schemas/SessionResult.yaml', '    example: 43200\n', '')],
  ['rule/property-snake-case', (dir) => edit(dir, 'openapi/components/schemas/AccessDenied.yaml', 'properties:\n  status:', 'properties:\n  accessStatus:')],
  ['rule/example-names-camel-case', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_login_mobile-pwd.yaml', '            lockedOut:', '            locked_out:')],
  ['rule/example-is-a-component', async (dir) => {
    await rename(join(dir, 'openapi/components/examples/lockedOut.yaml'), join(dir, 'openapi/components/examples/locked_out.yaml'));
    await edit(dir, 'openapi/paths/api_v2_sdk_login_mobile-pwd.yaml', 'examples/lockedOut.yaml', 'examples/locked_out.yaml');
  }],
  ['rule/link-is-a-component', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_login_mobile-pwd.yaml', '          $ref: ../components/links/verifySecondFactor.yaml', '          operationId: verifyMfaSms')],
  ['rule/media-type-has-examples', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', '          examples:\n            systemBusy:\n              $ref: ../components/examples/systemBusy.yaml\n', '')],
  ['rule/json-only', (dir) => edit(dir, 'openapi/paths/api_v2_sdk_sms_send.yaml', '      content:\n        application/json:', '      content:\n        text/plain:\n          schema: { type: string }\n          examples: { plain: { value: x } }\n        application/json:')],
];

for (const [rule, breakIt] of breakages) {
  test(`${rule} reports a contract that breaks it`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lint-rule-'));
    try {
      await cp(join(root, 'openapi'), join(dir, 'openapi'), { recursive: true });
      await cp(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
      await breakIt(dir);
      const { exitCode, report } = await lint(dir);
      assert.notEqual(exitCode, 0);
      const rules = report.problems.map((problem) => problem.ruleId);
      assert.ok(rules.includes(rule), `${rule} not among ${[...new Set(rules)].join(', ')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
