// What a user sees when `npm start` is misused: one line that says what is wrong and how to write it,
// exit status 2 and no stack trace. --help lists every option.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { freePorts, launch, portArgs, script, servers } from './support.js';

/** Runs start.js with `args` (and `env` added) and returns its exit status and its output's lines. */
async function misuse(t, args, env = {}) {
  const { code, output } = await launch(t, process.execPath, [script, ...args], env).exited;
  return { code, lines: output.trimEnd().split('\n') };
}

// Each case starts a process of its own and waits for it; they run side by side.
describe('npm start, misused', { concurrency: true }, () => {
  /** @type {[string, string[], RegExp][]} */
  const cases = [
    [
      'an unknown option',
      ['--mock-port', '5010'],
      /^start: unknown option --mock-port; the options are --help, --no-build, --host, --allow-origin, --allow-host, --docs-port, --eiam-mock-port, --eiam-sandbox-port, --ciam-mock-port, --ciam-sandbox-port$/,
    ],
    ['an option without its value', ['--ciam-mock-port'], /^start: --ciam-mock-port needs a value, as in --ciam-mock-port 4020$/],
    ['a port that is not a number', ['--eiam-sandbox-port', 'abc'], /^start: --eiam-sandbox-port must be a port number from 0 to 65535, not "abc"$/],
    ['a bare argument', ['5010'], /^start: unexpected argument 5010; give each value after its option, as in npm start -- --docs-port 5010$/],
    ['a value given to --no-build', ['--no-build=yes'], /^start: --no-build takes no value$/],
    [
      'an allowed origin that is not an origin',
      ['--allow-origin', 'devbox.example'],
      /^start: --allow-origin takes http\(s\) origins separated by commas, as in https:\/\/devbox\.example:5173; "devbox\.example" is not one$/,
    ],
    ['--allow-host without its value', ['--allow-host'], /^start: --allow-host needs a value, as in --allow-host devbox\.example$/],
    [
      'a port given to two servers',
      ['--ciam-sandbox-port', '5010', '--docs-port', '5010'],
      /^start: the docs site and the CIAM sandbox would both listen on port 5010; give one another port with --ciam-sandbox-port$/,
    ],
  ];
  for (const [what, args, line] of cases) {
    test(`${what} gets one line and exit status 2`, async (t) => {
      const { code, lines } = await misuse(t, args);
      assert.equal(code, 2);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], line);
    });
  }

  test('an allowed-hosts variable that is not a list of host names is named as the culprit', async (t) => {
    const { code, lines } = await misuse(t, [], { SANDBOX_ALLOW_HOSTS: 'devbox.example,http://x' });
    assert.equal(code, 2);
    assert.deepEqual(lines, ['start: SANDBOX_ALLOW_HOSTS takes host names separated by commas, as in devbox.example; "http://x" is not one']);
  });

  test('a port variable that is not a port is named as the culprit', async (t) => {
    const { code, lines } = await misuse(t, [], { EIAM_MOCK_PORT: '70000' });
    assert.equal(code, 2);
    assert.deepEqual(lines, ['start: EIAM_MOCK_PORT must be a port number from 0 to 65535, not "70000"']);
  });

  for (const server of servers) {
    test(`a busy port for ${server.what} gets one line naming the port and how to change it`, async (t) => {
      const ports = await freePorts();
      const port = ports[server.option];
      const taken = createServer();
      await new Promise((resolve) => taken.listen(port, '127.0.0.1', () => resolve(undefined)));
      t.after(() => taken.close());
      // One line only: Prism, had it been started on the busy port, would print its whole --help.
      const { code, lines } = await misuse(t, ['--no-build', ...portArgs(ports)]);
      assert.equal(code, 2);
      assert.equal(lines.length, 1, lines.join('\n'));
      const what = server.what.replace(/[()]/g, '\\$&');
      const flag = `--${server.option}`;
      assert.match(
        lines[0],
        new RegExp(
          `^start: port ${port} on 127\\.0\\.0\\.1 is in use, so ${what} cannot listen there; choose another with ${flag} PORT \\(npm start -- ${flag} PORT\\) or ${server.variable}=PORT$`,
        ),
      );
    });
  }

  test('npm start --eiam-mock-port 5010 (npm keeps the option, the value arrives alone) is told how to write it', async (t) => {
    const run = launch(t, 'npm', ['start', '--eiam-mock-port', '5010']);
    const { code, output } = await run.exited;
    assert.equal(code, 2);
    assert.match(output, /^start: npm kept --eiam-mock-port for itself and passed 5010 on alone; write: npm start -- --eiam-mock-port 5010$/m);
    assert.doesNotMatch(output, /^\s+at /m, 'no stack trace');
  });

  test('--help lists every option with its variable and default, and exits 0', async (t) => {
    const { code, lines } = await misuse(t, ['--help']);
    assert.equal(code, 0);
    assert.match(
      lines[0],
      /^usage: npm start -- \[--no-build\] \[--host HOST\] \[--allow-origin ORIGINS\] \[--allow-host HOSTS\] \[--docs-port PORT\] \[--eiam-mock-port PORT\] \[--eiam-sandbox-port PORT\] \[--ciam-mock-port PORT\] \[--ciam-sandbox-port PORT\]$/,
    );
    for (const { option, variable, defaultPort } of servers) {
      assert.ok(
        lines.some((line) => line.includes(`--${option} PORT`) && line.includes(`${variable}, default ${defaultPort}`)),
        option,
      );
    }
  });
});
