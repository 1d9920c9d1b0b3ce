// `npm start`: builds what is needed, then serves on localhost the scenario mock (Prism), the
// sandbox (stateful mock) and the docs site, prints their addresses and how to pick a scenario, and
// stops them all on Ctrl-C or SIGTERM.
// Flags (or environment): --host (HOST, 127.0.0.1), --mock-port (MOCK_PORT, 4010),
// --sandbox-port (SANDBOX_PORT, 4011), --docs-port (DOCS_PORT, 4012), --no-build (skip the build).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSandbox } from '../src/sandbox/server.js';
import * as tenant from '../src/sandbox/tenant.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'site');

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'mock-port': { type: 'string', default: process.env.MOCK_PORT ?? '4010' },
    'sandbox-port': { type: 'string', default: process.env.SANDBOX_PORT ?? '4011' },
    'docs-port': { type: 'string', default: process.env.DOCS_PORT ?? '4012' },
    'no-build': { type: 'boolean', default: false },
  },
});
const host = values.host;
const urlOf = (port) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

const children = new Set();
let stopping = false;

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    children.add(child);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`));
    });
  });
}

function startPrism(port) {
  const child = spawn(join(root, 'node_modules/.bin/prism'), ['mock', 'generated/openapi.yaml', '--host', host, '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let startup = '';
  return new Promise((resolve, reject) => {
    const watch = (chunk) => {
      if (startup === null) {
        // After start-up Prism logs each request; keep that, marked as the mock's.
        process.stdout.write(String(chunk).replace(/^(?=.)/gm, '[mock] '));
        return;
      }
      startup += chunk;
      if (startup.includes('Prism is listening')) {
        startup = null;
        resolve(child);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      children.delete(child);
      if (startup !== null) reject(new Error(`Prism exited with ${code} before it listened:\n${startup}`));
      // Ctrl-C in a terminal reaches Prism and this process together; only a lone exit is a failure.
      else setTimeout(() => shutdown(1, `The mock (Prism) stopped unexpectedly (${code}).`), 200);
    });
  });
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.yaml': 'text/yaml', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

// The docs site is static files; a few lines of node:http serve them without a dependency.
const docs = createServer((request, response) => {
  let file;
  try {
    file = join(site, normalize(decodeURIComponent(new URL(request.url, 'http://docs').pathname)));
  } catch {
    file = '';
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file.startsWith(site) || !existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(existsSync(site) ? 'Not found.\n' : 'No docs site yet: run `npm run docs` (or `npm start` without --no-build).\n');
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});

const sandbox = createSandbox();

async function shutdown(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) console.error(message);
  const exits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  );
  docs.closeAllConnections();
  await Promise.all([...exits, sandbox.close(), new Promise((resolve) => docs.close(() => resolve()))]);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(0));

const listen = (server, port) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });

try {
  if (!values['no-build']) {
    await run('npm', ['run', 'build']);
    await run('npm', ['run', 'docs']);
  }
  const [, sandboxPort, docsPort] = await Promise.all([
    startPrism(Number(values['mock-port'])),
    sandbox.listen({ host, port: Number(values['sandbox-port']) }).then((address) => address.port),
    listen(docs, Number(values['docs-port'])),
  ]);
  const mock = urlOf(values['mock-port']);
  const sandboxUrl = urlOf(sandboxPort);
  const lockedOut = sandbox.contract.catalogue.find((entry) => entry.scenario === 'lockedOut');
  const [first, last] = [tenant.users[0], tenant.users.at(-1)];
  console.log(`
  Docs     ${urlOf(docsPort)}/
  Mock     ${mock}   scenario mock (Prism): pick any named example of the contract
           Prefer: code=${lockedOut.httpStatus}, example=lockedOut   or   ?__code=${lockedOut.httpStatus}&__example=lockedOut
           (the README lists every scenario)
  Sandbox  ${sandboxUrl}   stateful mock with a fixture tenant
           ${sandbox.contract.headers.clientId} ${tenant.clientId}, every password ${tenant.password}, every code ${tenant.smsCode}
           users ${first.mobile} (${first.email}) to ${last.mobile} (${last.email})
           tenant, state and control routes: ${sandboxUrl}/__sandbox/

  Ctrl-C stops all three.
`);
} catch (error) {
  await shutdown(1, error.message);
}
