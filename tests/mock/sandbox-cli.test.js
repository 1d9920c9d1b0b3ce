// What a user sees when `npm run sandbox` is misused: one line that says what is wrong and how to
// write it, exit status 2 and no stack trace; and the sandbox of the product asked for otherwise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/lib/free-port.js';
import { startSandbox } from '../../scripts/lib/sandbox-client.js';

const main = fileURLToPath(new URL('../../src/sandbox/main.js', import.meta.url));

/** Runs main.js with `args` (and `env` added) to its end: its exit status and its output's lines. */
function run(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { env: { ...process.env, ...env }, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error?.code ?? 0, lines: `${stdout}${stderr}`.trimEnd().split('\n') });
    });
  });
}

describe('npm run sandbox, misused', { concurrency: true }, () => {
  /** @type {[string, string[], Record<string, string>, RegExp][]} */
  const cases = [
    [
      'an unknown option',
      ['--mock-port', '5010'],
      {},
      /^sandbox: Unknown option '--mock-port'; the options are --product, --port, --host, --body-limit, --allow-origin, --allow-host$/,
    ],
    ['an unknown product', ['--product', 'xiam'], {}, /^sandbox: --product must be one of eiam, ciam, not xiam$/],
    ['a port that is not a number', ['--port', 'abc'], {}, /^sandbox: --port \(or SANDBOX_PORT\) must be a port number from 0 to 65535, not "abc"$/],
    ['a port variable out of range', [], { SANDBOX_PORT: '70000' }, /^sandbox: --port \(or SANDBOX_PORT\) must be a port number from 0 to 65535, not "70000"$/],
    ['a body limit that is not a size', ['--body-limit', '0'], {}, /^sandbox: --body-limit must be a number of bytes above 0, not "0"$/],
    ['a value that looks like an option', ['--body-limit', '-1'], {}, /^sandbox: Option '--body-limit' argument is ambiguous; the options are/],
    [
      'an allowed origin that is not one',
      ['--allow-origin', 'http://localhost:5173,devbox.example'],
      {},
      /^sandbox: --allow-origin \(or SANDBOX_ALLOW_ORIGINS\) takes http\(s\) origins separated by commas, as in https:\/\/devbox\.example:5173; "devbox\.example" is not one$/,
    ],
    [
      'an allowed host variable with a port',
      [],
      { SANDBOX_ALLOW_HOSTS: 'devbox.example:4011' },
      /^sandbox: --allow-host \(or SANDBOX_ALLOW_HOSTS\) takes host names separated by commas, as in devbox\.example; "devbox\.example:4011" is not one$/,
    ],
  ];
  for (const [what, args, env, line] of cases) {
    test(`${what} gets one line and exit status 2`, async () => {
      const { code, lines } = await run(args, env);
      assert.equal(code, 2);
      assert.deepEqual(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], line);
    });
  }

  test('a busy port gets one line naming the port and how to change it', async (t) => {
    const port = await freePort();
    const taken = createServer();
    await new Promise((resolve) => taken.listen(port, '127.0.0.1', () => resolve(undefined)));
    t.after(() => taken.close());
    const { code, lines } = await run(['--product', 'ciam', '--port', String(port)]);
    assert.equal(code, 2);
    assert.deepEqual(lines, [
      `sandbox: port ${port} on 127.0.0.1 is in use; choose another with --port PORT (npm run sandbox -- --port PORT) or SANDBOX_PORT=PORT`,
    ]);
  });
});

test('npm run sandbox -- --product ciam serves the CIAM sandbox', async () => {
  const sandbox = await startSandbox({ product: 'ciam', child: true });
  try {
    const summary = await (await fetch(`${sandbox.url}/__sandbox/`)).json();
    assert.equal(summary.product, 'ciam');
  } finally {
    await sandbox.stop();
  }
});
