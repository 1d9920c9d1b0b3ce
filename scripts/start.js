// `npm start`: builds what is needed, then serves on localhost the docs site and, for each product
// (EIAM, CIAM), its scenario mock (Prism) and its sandbox (stateful mock), prints their addresses
// and how to use them, and stops them all together: on Ctrl-C, SIGTERM or SIGHUP, when the process
// that started it goes away, or when one of them stops (naming it). A misused option or a busy port
// gets one line and exit status 2, before anything is built or started. `npm start -- --help` lists
// the options.
//
// The servers are the list `servers` below; serving one more is one more entry there.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBundle } from '../src/bundles.js';
import { catalogue } from '../src/contract.js';
import { createSandbox, defaultPorts, normalizeHost, normalizeOrigin, readList } from '../src/sandbox/server.js';
import { createDocsServer, serversPath } from './lib/docs-server.js';
import { spawnPrism } from './lib/prism.js';
import { createNoticeFilter } from './lib/redocly-notice.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'site');

/**
 * Each server: `what` it is (for messages), its banner `label`, the `option` and environment
 * `variable` that set its port, its `defaultPort`, for a mock or sandbox its `product` and `kind`, `start({ host, port })`, which resolves with a
 * running server `{ port, stop(), ended }` (`ended` settles, with how, if it stops by itself), and
 * the `banner(url)` lines that tell how to use it.
 */
const servers = [
  {
    what: 'the docs site',
    label: 'Docs',
    option: 'docs-port',
    variable: 'DOCS_PORT',
    defaultPort: 4012,
    start: (address) => serveHttp(createDocsServer({ folder: site, servers: serverUrls }), address),
    banner: (url) => [`${url}/`, `${url}${serversPath}   where the mocks and sandboxes below listen, for the docs' "try it" page`],
  },
  prismServer('eiam', 4010),
  sandboxServer('eiam', defaultPorts.eiam),
  prismServer('ciam', 4020),
  sandboxServer('ciam', defaultPorts.ciam),
];

/** The scenario mock of `product`: Prism serving its bundled contract. */
function prismServer(product, defaultPort) {
  const name = product.toUpperCase();
  return {
    what: `the ${name} scenario mock (Prism)`,
    product,
    kind: 'mock',
    label: `${name} mock`,
    option: `${product}-mock-port`,
    variable: `${name}_MOCK_PORT`,
    defaultPort,
    start: (address) => startPrism(`generated/${product}/openapi.yaml`, address, `[${name} mock] `),
    banner: (url) => {
      const { scenario, httpStatus } = catalogue(loadBundle(product)).find((entry) => entry.scenario === 'lockedOut');
      return [
        `${url}   scenario mock (Prism): any named example of the ${name} contract`,
        `Prefer: code=${httpStatus}, example=${scenario}   or   ?__code=${httpStatus}&__example=${scenario}   (the README lists them all)`,
      ];
    },
  };
}

/** The sandbox of `product`, with its fixture tenant. */
function sandboxServer(product, defaultPort) {
  const name = product.toUpperCase();
  let sandbox;
  return {
    what: `the ${name} sandbox`,
    product,
    kind: 'sandbox',
    label: `${name} sandbox`,
    option: `${product}-sandbox-port`,
    variable: `${name}_SANDBOX_PORT`,
    defaultPort,
    start: (address) => {
      sandbox = createSandbox({ product, allowedOrigins: options.allowedOrigins, allowedHosts: options.allowedHosts });
      return serveHttp(sandbox.server, address);
    },
    banner: (url) => {
      const { contract, tenant } = sandbox;
      return [
        `${url}   stateful mock with the ${name} fixture tenant`,
        `${contract.header('ClientId')} ${tenant.clientId}, every password ${tenant.password}, every code ${[...new Set(Object.values(tenant.codes))].join(', ')}`,
        `users, captcha answer, state and control routes: ${url}/__sandbox/`,
      ];
    },
  };
}

/** Misuse: said in one line, with exit status 2 and no stack trace. */
class UsageError extends Error {}

const portFlag = (server) => `--${server.option}`;
const usage = [
  'usage: npm start -- [--no-build] [--host HOST] [--allow-origin ORIGINS] [--allow-host HOSTS]',
  ...servers.map((server) => `[${portFlag(server)} PORT]`),
].join(' ');

const rows = [
  ['--no-build', 'serve what is built already, skipping the build'],
  ['--host HOST', 'the address to listen on; or HOST, default 127.0.0.1'],
  ['--allow-origin ORIGINS', 'web pages besides localhost ones that may call the sandboxes, as in https://devbox.example:5173,...; or SANDBOX_ALLOW_ORIGINS'],
  ['--allow-host HOSTS', 'host names besides loopback ones that the sandboxes answer, as in devbox.example,...; or SANDBOX_ALLOW_HOSTS'],
  ...servers.map((server) => [`${portFlag(server)} PORT`, `the port of ${server.what}; or ${server.variable}, default ${server.defaultPort}`]),
];
const help = `${usage}\n\n${rows.map(([flag, text]) => `  ${flag.padEnd(Math.max(...rows.map(([other]) => other.length)) + 2)}${text}`).join('\n')}\n`;

// npm takes options written before `--` for its own settings: `npm start --no-build` reaches this
// script only as npm_config_build='' in the environment, and `npm start --docs-port 5012` as
// npm_config_docs_port='true' plus a bare argument 5012. Options are read from there too, so that
// both spellings work, or the second one is told how to write it.
const npmSetting = (name) => process.env[`npm_config_${name.replaceAll('-', '_')}`];
const npmSettings = ['build', 'host', 'allow-origin', 'allow-host', ...servers.map((server) => server.option)];

function readOptions(args) {
  /** @type {Map<string, 'boolean' | 'string'>} */
  const known = new Map([
    ['help', 'boolean'],
    ['no-build', 'boolean'],
    ['host', 'string'],
    ['allow-origin', 'string'],
    ['allow-host', 'string'],
    ...servers.map((server) => /** @type {[string, 'string']} */ ([server.option, 'string'])),
  ]);
  const { tokens } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries([...known].map(([name, type]) => [name, { type }])),
  });
  const given = {};
  const bare = [];
  for (const token of tokens) {
    if (token.kind === 'positional') bare.push(token.value);
    if (token.kind !== 'option') continue;
    const type = known.get(token.name);
    if (!type) throw new UsageError(`unknown option ${token.rawName}; the options are ${[...known.keys()].map((name) => `--${name}`).join(', ')}`);
    if (type === 'string' && token.value === undefined) {
      const example =
        servers.find((server) => server.option === token.name)?.defaultPort ??
        { host: '127.0.0.1', 'allow-origin': 'https://devbox.example:5173', 'allow-host': 'devbox.example' }[token.name];
      throw new UsageError(`${token.rawName} needs a value, as in ${token.rawName} ${example}`);
    }
    if (type === 'boolean' && token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
    given[token.name] = type === 'boolean' ? true : token.value;
  }
  for (const name of npmSettings.filter((setting) => npmSetting(setting) !== undefined && setting !== 'build')) {
    if (npmSetting(name) === 'true') {
      throw new UsageError(
        `npm kept --${name} for itself${bare.length ? ` and passed ${bare[0]} on alone` : ''}; write: npm start -- --${name} ${bare[0] ?? 'VALUE'}`,
      );
    }
    given[name] ??= npmSetting(name);
  }
  if (bare.length)
    throw new UsageError(`unexpected argument ${bare[0]}; give each value after its option, as in npm start -- ${portFlag(servers[0])} ${bare[0]}`);
  if (['', 'false'].includes(npmSetting('build') ?? 'unset')) given['no-build'] = true;

  const port = (server) => {
    const [text, source] =
      given[server.option] !== undefined
        ? [given[server.option], portFlag(server)]
        : process.env[server.variable]
          ? [process.env[server.variable], server.variable]
          : [String(server.defaultPort)];
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${source} must be a port number from 0 to 65535, not "${text}"`);
    return { server, port: Number(text) };
  };
  const ports = servers.map(port);
  for (const [index, { port: number, server }] of ports.entries()) {
    const clash = ports.find((other, otherIndex) => otherIndex < index && number !== 0 && other.port === number);
    if (clash)
      throw new UsageError(`${clash.server.what} and ${server.what} would both listen on port ${number}; give one another port with ${portFlag(server)}`);
  }
  /** @returns {string[]} */
  const list = (option, variable, normalize, example) => {
    const [text, source] = given[option] !== undefined ? [given[option], `--${option}`] : [process.env[variable], variable];
    const { values, bad } = readList(text, normalize);
    if (bad !== undefined) throw new UsageError(`${source} takes ${example.what} separated by commas, as in ${example.as}; "${bad}" is not one`);
    return values;
  };
  const host = given.host ?? process.env.HOST ?? '127.0.0.1';
  const allowedOrigins = list('allow-origin', 'SANDBOX_ALLOW_ORIGINS', normalizeOrigin, { what: 'http(s) origins', as: 'https://devbox.example:5173' });
  const allowedHosts = list('allow-host', 'SANDBOX_ALLOW_HOSTS', normalizeHost, { what: 'host names', as: 'devbox.example' });
  // On an address of its own (not loopback, not a wildcard), the docs page is served from it: its
  // origin may call the sandboxes, as the loopback one may.
  const docsPort = ports.find((entry) => entry.server.option === 'docs-port')?.port;
  const ownAddress = !['0.0.0.0', '::'].includes(host) && normalizeHost(host.includes(':') ? `[${host}]` : host);
  if (ownAddress && docsPort) allowedOrigins.push(`http://${ownAddress}:${docsPort}`);
  return { help: Boolean(given.help), build: !given['no-build'], host, allowedOrigins, allowedHosts, ports };
}

const busy = (server, host, port) =>
  new UsageError(
    `port ${port} on ${host} is in use, so ${server.what} cannot listen there; choose another with ${portFlag(server)} PORT (npm start -- ${portFlag(server)} PORT) or ${server.variable}=PORT`,
  );

/** Fails fast, before any build, when a port is taken: a bind that is closed again at once. */
async function checkPort({ server, port }, host) {
  if (port === 0) return;
  const probe = createNetServer();
  await new Promise((resolve, reject) => {
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      reject(error.code === 'EADDRINUSE' ? busy(server, host, port) : new UsageError(`${server.what} cannot listen on ${host}:${port} (${error.code})`)),
    );
    probe.listen(port, host, () => probe.close(resolve));
  });
}

// The build's child npm processes must not see the options npm took for this script.
const buildEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !npmSettings.some((setting) => name === `npm_config_${setting.replaceAll('-', '_')}`)),
);
if (process.stderr.isTTY) buildEnvironment.FORCE_COLOR ??= '1';
const passOutput = createNoticeFilter();
const building = new Set();

function runStep(script) {
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: buildEnvironment, stdio: ['ignore', 'pipe', 'pipe'] });
      building.add(child);
      const output = Promise.all([passOutput(child.stdout, process.stdout), passOutput(child.stderr, process.stderr)]);
      child.once('exit', async (code, signal) => {
        building.delete(child);
        await output;
        if (code === 0) resolve();
        else reject(new Error(`npm run ${script} failed (${signal ?? `exit status ${code}`}); the messages above say why.`));
      });
    })
  );
}

const never = new Promise(() => {});

/** Serves a node:http server of this process, which stops only when this process does. */
function serveHttp(server, { host, port }) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: server.address().port,
        stop: () =>
          /** @type {Promise<void>} */ (
            new Promise((done) => {
              server.close(() => done());
              server.closeAllConnections();
            })
          ),
        ended: never,
      });
    });
  });
}

const guard = fileURLToPath(new URL('lib/exit-with-parent.cjs', import.meta.url));

/**
 * Prism, in a process group of its own so that a Ctrl-C in the terminal reaches only this script,
 * which then stops it; and with the guard that ends it when this script ends, however.
 */
async function startPrism(spec, { host, port }, logPrefix) {
  const { child, exited } = await spawnPrism(spec, { host, port, nodeArgs: ['--require', guard], spawnOptions: { detached: true } });
  // After start-up Prism logs each request; keep that, marked as this mock's.
  const relay = (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, logPrefix));
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return {
    port,
    stop: () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        // Its group is gone already.
      }
      return exited;
    },
    ended: exited,
  };
}

const running = [];
let stopping = false;

/**
 * The URLs of the running mocks and sandboxes by product, for the docs server's /servers.json. On a
 * wildcard address (--host 0.0.0.0 on a shared dev host) they take the host name that the page's
 * own request used, which reaches the other ports too.
 */
function serverUrls(request) {
  const wildcard = ['0.0.0.0', '::'].includes(host);
  const hostname = wildcard ? new URL(`http://${request.headers.host}`).hostname : undefined;
  const urls = {};
  for (const { server, handle } of running) {
    if (!server.product) continue;
    urls[server.product] ??= {};
    urls[server.product][server.kind] = hostname ? `http://${hostname}:${handle.port}` : urlOf(handle.port);
  }
  return urls;
}

async function stopAll(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) console.error(message);
  for (const child of building) child.kill('SIGTERM');
  await Promise.all(running.map(({ handle }) => handle.stop()));
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));

/** The pid of the parent of `pid`, from /proc (Linux); undefined where there is no /proc. */
function parentOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    return undefined;
  }
}

// A parent that dies leaves this process to init, signal or not (npm does not pass SIGTERM on to
// its script, and SIGKILL cannot be passed on). Under npm the parent is npm's `sh -c`, which may
// outlive npm, so npm itself, the grandparent, is watched too.
const parent = process.ppid;
const grandparent = process.env.npm_lifecycle_event ? parentOf(parent) : undefined;
setInterval(() => {
  if (process.ppid !== parent || (grandparent !== undefined && parentOf(parent) !== grandparent)) {
    stopAll(1, 'start: the process that started it has gone; stopping every server.');
  }
}, 500).unref();

let options;
try {
  options = readOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  for (const entry of options.ports) await checkPort(entry, options.host);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`start: ${error.message}`);
  process.exit(2);
}

const { host } = options;
const urlOf = (port) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
try {
  if (options.build) {
    await runStep('build');
    await runStep('docs');
  }
  // All settled before any failure is reported, so that stopping finds every server that started.
  const started = await Promise.allSettled(
    options.ports.map(({ server, port }) => server.start({ host, port }).then((handle) => running.push({ server, handle }))),
  );
  const failed = started.findIndex((result) => result.status === 'rejected');
  if (failed !== -1) {
    const { server, port } = options.ports[failed];
    const error = /** @type {PromiseRejectedResult} */ (started[failed]).reason;
    throw error.code === 'EADDRINUSE' ? busy(server, host, port) : new Error(`${server.what} did not start: ${error.message}`);
  }
} catch (error) {
  await stopAll(error instanceof UsageError ? 2 : 1, `start: ${error instanceof Error ? error.message : error}`);
}

const width = Math.max(...servers.map((server) => server.label.length)) + 2;
const lines = running
  .sort((a, b) => servers.indexOf(a.server) - servers.indexOf(b.server))
  .flatMap(({ server, handle }) => server.banner(urlOf(handle.port)).map((line, index) => `  ${(index ? '' : server.label).padEnd(width)}${line}`));
console.log(`\n${lines.join('\n')}\n\n  Ctrl-C stops them all.\n`);

for (const { server, handle } of running) {
  handle.ended.then((how) => stopAll(1, `start: ${server.what} stopped by itself (${how}); stopping the others.`));
}
