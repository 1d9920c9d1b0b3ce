// `npm start` (scripts/start.js) serves the docs and each product's scenario mock and sandbox on the
// ports it is given, prints their addresses, and however it is stopped leaves no process and no port behind:
// Ctrl-C (SIGINT) or SIGTERM to it, SIGTERM or SIGKILL to the npm that runs it, SIGKILL to it, or one
// of its servers dying. The build is skipped (--no-build): it is the build's own tests' business.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandOf, freePorts, heldPorts, servers, startServing, survivors } from './support.js';

/** Every server answers, each as itself. */
async function assertServing(ports) {
  for (const { option, product, kind } of servers.filter((server) => server.product)) {
    if (kind === 'sandbox') {
      const sandbox = await fetch(`http://127.0.0.1:${ports[option]}/__sandbox/`);
      assert.equal(sandbox.status, 200);
      assert.equal((await sandbox.json()).product, product, `${option} serves the ${product} sandbox`);
    } else {
      const mock = await fetch(`http://127.0.0.1:${ports[option]}/no-such-path`);
      assert.equal(mock.status, 404);
      assert.match((await mock.json()).type, /prism/i, `${option}: Prism answers an unknown path with its own problem`);
    }
  }
  const docs = await fetch(`http://127.0.0.1:${ports['docs-port']}/`);
  assert.ok([200, 404].includes(docs.status), 'the docs server answers (404 until the site is built)');
  await docs.arrayBuffer();

  // The docs' try-it page learns where the mocks and sandboxes listen, and may call the sandboxes.
  const listed = await (await fetch(`http://127.0.0.1:${ports['docs-port']}/servers.json`)).json();
  /** @type {Record<string, Record<string, string>>} */
  const expected = {};
  for (const { option, product, kind } of servers) {
    if (!product || !kind) continue;
    expected[product] ??= {};
    expected[product][kind] = `http://127.0.0.1:${ports[option]}`;
  }
  assert.deepEqual(listed, expected);
  for (const docsOrigin of [`http://127.0.0.1:${ports['docs-port']}`, `http://localhost:${ports['docs-port']}`]) {
    const preflight = await fetch(`${listed.eiam.sandbox}/__sandbox/no-such-route`, {
      method: 'OPTIONS',
      headers: { origin: docsOrigin, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null, 'control routes stay closed to the docs page');
    const call = await fetch(`${listed.eiam.sandbox}/no-such-path`, { headers: { origin: docsOrigin } });
    assert.equal(call.headers.get('access-control-allow-origin'), docsOrigin);
  }
}

/** The Prism processes that start.js runs (as children of the process `run` started, or below it). */
const prismsOf = (run) => [...run.seen].filter((pid) => commandOf(pid)?.includes('prism-cli'));

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
  test(`start serves every server and stops them all on ${signal}`, async (t) => {
    const ports = await freePorts();
    const run = await startServing(t, ports);
    for (const port of Object.values(ports)) assert.match(run.output, new RegExp(`http://127\\.0\\.0\\.1:${port}`));
    await assertServing(ports);

    run.child.kill(signal);
    const { code, signal: killedBy } = await run.exited;
    assert.deepEqual({ code, killedBy }, { code: 0, killedBy: null });
    assert.deepEqual(await survivors([...run.seen]), []);
    assert.deepEqual(await heldPorts(ports), []);
  });
}

test('SIGKILL to start.js leaves no Prism behind and no port held', async (t) => {
  const ports = await freePorts();
  const run = await startServing(t, ports);
  assert.equal(prismsOf(run).length, 2, 'a Prism process per product');
  run.child.kill('SIGKILL');
  await run.exited;
  assert.deepEqual(await survivors([...run.seen]), []);
  assert.deepEqual(await heldPorts(ports), []);
});

test('when one server dies, start says which one, stops the others and exits 1', async (t) => {
  const ports = await freePorts();
  const run = await startServing(t, ports);
  const ciamPrism = prismsOf(run).find((pid) => commandOf(pid)?.includes('generated/ciam/'));
  process.kill(ciamPrism, 'SIGKILL');
  const { code, output } = await run.exited;
  assert.equal(code, 1);
  assert.match(output.trim().split('\n').at(-1), /^start: the CIAM scenario mock \(Prism\) stopped by itself \(signal SIGKILL\); stopping the others\.$/);
  assert.deepEqual(await heldPorts(ports), []);
});

// npm does not pass SIGTERM on to the script, and nothing can pass SIGKILL on: start.js sees npm go.
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGTERM', 'SIGKILL'])) {
  test(`npm start --no-build (written without --) skips the build, and ${signal} to npm stops everything`, async (t) => {
    const ports = await freePorts();
    const args = ['start', '--no-build', ...Object.entries(ports).map(([option, port]) => `--${option}=${port}`)];
    const run = await startServing(t, ports, { command: 'npm', args });
    assert.doesNotMatch(run.output, /Created a bundle|validating/, 'no build step ran');
    await assertServing(ports);

    run.child.kill(signal);
    assert.deepEqual(await survivors([...run.seen]), []);
    assert.deepEqual(await heldPorts(ports), []);
  });
}
