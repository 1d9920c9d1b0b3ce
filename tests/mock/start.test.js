// `npm start` (scripts/start.js) serves the mock, the sandbox and the docs on the ports it is given,
// prints their addresses, and on Ctrl-C (SIGINT) or SIGTERM stops all of them and exits 0.
// The build step is skipped (--no-build): it is the build's own tests' business, and slow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/prism.js';
import { appHeaders, call, operations } from '../support/sandbox.js';
import * as tenant from '../../src/sandbox/tenant.js';

const script = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));

const portIsFree = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

for (const signal of ['SIGINT', 'SIGTERM']) {
  test(`start serves three servers and stops them all on ${signal}`, async (t) => {
    const ports = { mock: await freePort(), sandbox: await freePort(), docs: await freePort() };
    const child = spawn(process.execPath, [script, '--no-build', '--mock-port', ports.mock, '--sandbox-port', ports.sandbox, '--docs-port', ports.docs].map(String), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', (code, killedBy) => resolve({ code, killedBy })));

    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000);
      const check = () => output.includes('Ctrl-C') && (clearTimeout(timer), resolve());
      child.stdout.on('data', check);
      exited.then(() => reject(new Error(`start exited early:\n${output}`)));
    });
    for (const port of Object.values(ports)) assert.match(output, new RegExp(`http://127\\.0\\.0\\.1:${port}`));

    const credentials = { email: tenant.users[0].email, verify_code: tenant.emailCode };
    assert.equal((await call(`http://127.0.0.1:${ports.sandbox}`, 'loginByEmailCode', { body: credentials })).status, 200);
    const mocked = await fetch(`http://127.0.0.1:${ports.mock}${operations.loginByEmailCode.path}`, { method: 'POST', headers: appHeaders('loginByEmailCode'), body: JSON.stringify(credentials) });
    assert.equal(mocked.status, 200);
    await mocked.arrayBuffer();
    const docs = await fetch(`http://127.0.0.1:${ports.docs}/`);
    assert.ok([200, 404].includes(docs.status), 'the docs server answers (404 until the site is built)');
    await docs.arrayBuffer();

    child.kill(signal);
    assert.deepEqual(await exited, { code: 0, killedBy: null });
    for (const [name, port] of Object.entries(ports)) assert.ok(await portIsFree(port), `the ${name} port ${port} is free again`);
  });
}
