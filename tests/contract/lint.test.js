// Both contracts lint clean under redocly.yaml (recommended-strict plus our rules, with the one
// exception of .redocly.lint-ignore.yaml), and each of our rules really enforces its convention: a
// copy of openapi/ that breaks it is reported by that rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/lib/root.js';

const redocly = join(root, 'node_modules', '.bin', 'redocly');

// Redocly prints one JSON report per API, one after the other; they are read as one report.
function lint(cwd) {
  return new Promise((resolve) => {
    execFile(redocly, ['lint', '--lint-config', 'error', '--format', 'json'], { cwd }, (error, stdout) => {
      const reports = JSON.parse(`[${stdout.trim().replace(/\}\s*\{/g, '},{')}]`);
      const totals = { errors: 0, warnings: 0, ignored: 0 };
      for (const report of reports) for (const key of Object.keys(totals)) totals[key] += report.totals[key];
      resolve({ exitCode: error ? error.code : 0, report: { totals, problems: reports.flatMap((report) => report.problems) } });
    });
  });
}

test('both contracts lint with zero errors and zero warnings, and only the listed exception ignored', async () => {
  const { exitCode, report } = await lint(root);
  assert.deepEqual(report.totals, { errors: 0, warnings: 0, ignored: 1 }, JSON.stringify(report.problems, null, 2));
  assert.equal(exitCode, 0);
});

async function edit(dir, file, from, to) {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  assert.ok(text.includes(from), `fixture edit: ${file} does not contain ${from}`);
  await writeFile(path, text.replace(from, to));
}

const eiamSms = 'openapi/eiam/paths/api_v2_sdk_sms_send.yaml';
const ciamLogin = 'openapi/ciam/paths/api_v2_sdk_login_mobile-pwd.yaml';

const breakages = [
  [
    'rule/path-item-is-a-file',
    (dir) => edit(dir, 'openapi/eiam/openapi.yaml', '$ref: paths/api_v2_sdk_sms_send.yaml', 'post: { operationId: inline, responses: {} }'),
  ],
  ['rule/operation-documented', (dir) => edit(dir, eiamSms, '  tags: [Captcha and SMS codes]\n', '')],
  [
    'rule/operation-documented',
    'without x-source',
    (dir) => edit(dir, ciamLogin, '  x-source: https://open.bccastle.com/en/development/ciam/api/v2/sdk/web-application/login-by-mobile-password.html\n', ''),
  ],
  ['rule/operation-id-camel-case', (dir) => edit(dir, eiamSms, 'operationId: sendSmsCode', 'operationId: send_sms_code')],
  [
    'rule/operation-description-length',
    (dir) => edit(dir, eiamSms, '  description: >-\n    Sends a one-time code', '  description: Sends a code.\n  x-was: >-\n    Sends a one-time code'),
  ],
  ['rule/operation-has-client-and-server-errors', (dir) => edit(dir, ciamLogin, "'500':", "'503':")],
  ['rule/parameter-documented', (dir) => edit(dir, 'openapi/shared/parameters/Agent.yaml', 'x-chinese-name: User-Agent信息\n', '')],
  [
    'rule/parameter-is-a-component',
    (dir) =>
      edit(
        dir,
        eiamSms,
        '    - $ref: ../../shared/parameters/Agent.yaml',
        '    - { name: X-agent, in: header, required: true, description: Agent., example: a, x-chinese-name: 代理, schema: { type: string } }',
      ),
  ],
  ['rule/parameter-in-header', (dir) => edit(dir, 'openapi/shared/parameters/Language.yaml', 'in: header', 'in: query')],
  ['rule/header-name-prefix', (dir) => edit(dir, 'openapi/shared/parameters/Language.yaml', 'name: X-L', 'name: Accept-Language')],
  ['rule/property-documented', (dir) => edit(dir, 'openapi/eiam/components/schemas/SessionResult.yaml', '    example: 43200\n', '')],
  [
    'rule/property-snake-case',
    (dir) => edit(dir, 'openapi/ciam/components/schemas/AccessDenied.yaml', 'properties:\n  status:', 'properties:\n  accessStatus:'),
  ],
  ['rule/example-names-camel-case', (dir) => edit(dir, ciamLogin, '            lockedOut:', '            locked_out:')],
  [
    'rule/example-is-a-component',
    async (dir) => {
      await rename(join(dir, 'openapi/ciam/components/examples/lockedOut.yaml'), join(dir, 'openapi/ciam/components/examples/locked_out.yaml'));
      await edit(dir, ciamLogin, 'examples/lockedOut.yaml', 'examples/locked_out.yaml');
    },
  ],
  [
    'rule/link-is-a-component',
    (dir) => edit(dir, ciamLogin, '          $ref: ../components/links/changePassword.yaml', '          operationId: updatePassword'),
  ],
  [
    'rule/media-type-has-examples',
    (dir) =>
      edit(dir, 'openapi/eiam/components/responses/ServerError.yaml', '    examples:\n      systemBusy:\n        $ref: ../examples/systemBusy.yaml\n', ''),
  ],
  [
    'rule/request-example-valid',
    (dir) =>
      edit(
        dir,
        eiamSms,
        '          valid:\n            $ref: ../components/examples/smsSendRequest.yaml',
        '          sample:\n            $ref: ../components/examples/smsSendRequest.yaml',
      ),
  ],
  [
    'rule/json-only',
    (dir) =>
      edit(
        dir,
        eiamSms,
        '      content:\n        application/json:',
        '      content:\n        text/plain:\n          schema: { type: string }\n          examples: { plain: { value: x } }\n        application/json:',
      ),
  ],
];

for (const [rule, ...rest] of breakages) {
  const breakIt = /** @type {(dir: string) => Promise<void>} */ (rest.at(-1));
  test(`${rule} reports a contract that breaks it${rest.length > 1 ? ` (${rest[0]})` : ''}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lint-rule-'));
    try {
      await cp(join(root, 'openapi'), join(dir, 'openapi'), { recursive: true });
      await cp(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
      await cp(join(root, '.redocly.lint-ignore.yaml'), join(dir, '.redocly.lint-ignore.yaml'));
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
