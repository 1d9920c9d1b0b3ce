// Benchmark of the mock servers (`npm run bench:mock`): requests per second and p99 latency of a
// bare node:http server answering a fixed JSON body (the baseline, measured in the same run), and of
// each product's Prism scenario mock and sandbox, on a successful and on a failing login, at 10 and
// 50 connections; then a memory soak of each product's sandbox under load. `--before DIR` adds each
// product's sandbox as another checkout has it (for example `git worktree add /tmp/before a21d55c`),
// measured in the same run, so that a change's cost reads as a share of the same baseline.
// `--quick` shortens every run for a smoke test; the figures are only meaningful without it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createSandbox } from '../src/sandbox/server.js';
import { deref, products } from '../src/contract.js';
import { startPrism } from '../scripts/lib/prism.js';
import { forProduct, startSandbox } from '../scripts/lib/sandbox-client.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, load: { type: 'string' }, soak: { type: 'string' }, before: { type: 'string' } },
});
const seconds = values.quick ? 2 : 8;
const soakSeconds = values.quick ? 10 : 60;
const sampleEvery = values.quick ? 1 : 5;
const connectionCounts = [10, 50];

// Each product's login, as a successful call (its first fixture user) and a failing one (a wrong
// password for the user reserved for lockouts, who stays locked and keeps the answer an error).
function loginOf(product) {
  const { tenant, operationsById, appHeaders, lockoutUser } = forProduct(product);
  const id = /** @type {string} */ (Object.keys(operationsById).find((candidate) => candidate.startsWith('loginBy') && operationsById[candidate].requestBody));
  const field = product === 'eiam' ? ['user_name', 'userName'] : ['mobile', 'mobile'];
  const body = (user, password) => JSON.stringify({ [field[0]]: user[field[1]], password });
  return {
    id,
    path: operationsById[id].path,
    headers: appHeaders(id),
    success: body(tenant.users[0], tenant.password),
    failing: body(lockoutUser, 'not-the-password'),
    operation: operationsById[id],
  };
}

// Runs this script again in another process in one of its child modes, and reads its JSON answer.
const runSelf = (args, nodeFlags = []) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`${args[0]} exited ${code}`))));
  });

// Child mode: generate load for the soak from another process, so that the sandbox being measured
// has its process to itself.
if (values.load) {
  const result = await autocannon(JSON.parse(values.load));
  process.stdout.write(JSON.stringify({ requests: result.requests.total, non2xx: result.non2xx, errors: result.errors }));
  process.exit(0);
}

// Child mode: one product's sandbox under a steady load of alternating successful and failing
// logins, its memory sampled; the load comes from yet another process (`--load`).
if (values.soak) {
  const product = values.soak;
  const { path, headers, success, failing } = loginOf(product);
  const sandbox = createSandbox({ product });
  const { port } = await sandbox.listen({ host: '127.0.0.1', port: 0 });
  const samples = [];
  const started = performance.now();
  const sample = () => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    samples.push({ at: (performance.now() - started) / 1000, rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 });
  };
  sample();
  const sampler = setInterval(sample, sampleEvery * 1000);
  const config = {
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    duration: soakSeconds,
    requests: [
      { method: 'POST', path, headers, body: success },
      { method: 'POST', path, headers, body: failing },
    ],
  };
  const load = await runSelf(['--load', JSON.stringify(config)]);
  clearInterval(sampler);
  sample();
  await sandbox.close();
  process.stdout.write(JSON.stringify({ samples, load }));
  process.exit(0);
}

const logins = Object.fromEntries(products.map((product) => [product, loginOf(product)]));
const [first] = products;
const successExample = deref(forProduct(first).bundle, logins[first].operation.responses['200'].content['application/json'].examples.success).value;

// The baseline: what node:http alone does on this machine, answering a body the size of a login's.
const bareServer = `
import { createServer } from 'node:http';
const body = ${JSON.stringify(JSON.stringify(successExample))};
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function startBare() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', bareServer], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(/listening on (\S+)/.exec(chunk)?.[1])));
  return { url, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) };
}

/** The sandbox of `product` as the checkout in `folder` has it, in a process of its own. */
async function startSandboxOf(folder, product) {
  const main = `${folder}/src/sandbox/main.js`;
  const child = spawn(process.execPath, [main, '--product', product, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(log);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`${main} exited ${code}`)));
  });
  return { url, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) };
}

const load = (url, { path, headers }, connections, body, extraHeaders = {}) =>
  autocannon({ url: url + path, method: 'POST', headers: { ...headers, ...extraHeaders }, body, connections, duration: seconds });

const table = [];
const bare = await startBare();
const servers = Object.fromEntries(
  await Promise.all(
    products.map(async (product) => [
      product,
      {
        prism: await startPrism({ product }),
        sandbox: await startSandbox({ product, child: true }),
        ...(values.before ? { before: await startSandboxOf(values.before, product) } : {}),
      },
    ]),
  ),
);
try {
  const targets = [['bare node:http, fixed JSON', bare.url, logins[first], logins[first].success]];
  for (const product of products) {
    const login = logins[product];
    const [code, { httpStatus }] = forProduct(product).errorEntry(product === 'eiam' ? 'parameterError' : 'invalidCredentials');
    const [example] = Object.entries(login.operation.responses[String(httpStatus)].content['application/json'].examples).find(
      ([, ref]) => deref(forProduct(product).bundle, ref).value.error_code === code,
    ) ?? [`no ${code} example`];
    const name = product.toUpperCase();
    targets.push(
      [`${name} Prism, successful login`, servers[product].prism.url, login, login.success],
      [`${name} Prism, failing login`, servers[product].prism.url, login, login.failing, { Prefer: `code=${httpStatus}, example=${example}` }],
      [`${name} sandbox, successful login`, servers[product].sandbox.url, login, login.success],
      [`${name} sandbox, failing login`, servers[product].sandbox.url, login, login.failing],
    );
    if (values.before) {
      targets.push(
        [`${name} sandbox of ${values.before}, successful login`, servers[product].before.url, login, login.success],
        [`${name} sandbox of ${values.before}, failing login`, servers[product].before.url, login, login.failing],
      );
    }
  }
  for (const connections of connectionCounts) {
    let baseline;
    for (const [name, url, login, body, extra] of targets) {
      await load(url, login, connections, body, extra).then(
        () => {},
        () => {},
      );
      const result = await load(url, login, connections, body, extra);
      baseline ??= result.requests.average;
      table.push({
        connections,
        name,
        rps: result.requests.average,
        p99: result.latency.p99,
        share: result.requests.average / baseline,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
      process.stderr.write(`  measured ${name} at ${connections} connections\n`);
    }
  }
} finally {
  await Promise.all([bare.stop(), ...Object.values(servers).flatMap((running) => Object.values(running).map((server) => server.stop()))]);
}

console.log(`\n### Mock servers: throughput and latency (${seconds} s per run, after a ${seconds} s warm-up; Node ${process.version})\n`);
console.log('| connections | server, request | req/s | p99 ms | % of baseline | non-2xx | errors |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const row of table) {
  console.log(`| ${row.connections} | ${row.name} | ${Math.round(row.rps)} | ${row.p99} | ${(row.share * 100).toFixed(0)}% | ${row.non2xx} | ${row.errors} |`);
}
for (const row of table.filter((candidate) => candidate.connections === 10 && / sandbox, /.test(candidate.name))) {
  const met = row.share >= 0.25 && row.p99 < 5;
  console.log(
    `\nTarget at 10 connections, ${row.name}: >= 25% of baseline and p99 < 5 ms: ${met ? 'met' : 'NOT met'} (${(row.share * 100).toFixed(0)}%, ${row.p99} ms)`,
  );
}

// Each soak runs in a fresh process (`--soak <product>`) with that product's sandbox in it, so that
// its memory is the sandbox's alone, and `--expose-gc` so that each heap sample is taken after a
// full collection.
for (const product of products) {
  const { samples, load: soakOutput } = await runSelf(['--soak', product, ...(values.quick ? ['--quick'] : [])], ['--expose-gc']);

  // Least-squares slope over the second half, once start-up allocation has settled.
  const slope = (key) => {
    const points = samples.slice(Math.floor(samples.length / 2));
    const meanX = points.reduce((sum, point) => sum + point.at, 0) / points.length;
    const meanY = points.reduce((sum, point) => sum + point[key], 0) / points.length;
    const numerator = points.reduce((sum, point) => sum + (point.at - meanX) * (point[key] - meanY), 0);
    const denominator = points.reduce((sum, point) => sum + (point.at - meanX) ** 2, 0);
    return (numerator / denominator) * 60;
  };
  console.log(
    `\n### ${product.toUpperCase()} sandbox memory soak: ${soakSeconds} s at 10 connections, ${soakOutput.requests} requests (${soakOutput.non2xx} failing logins, ${soakOutput.errors} errors), sampled every ${sampleEvery} s\n`,
  );
  console.log('| measure | start MiB | end MiB | max MiB | slope over the second half, MiB/min |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [key, label] of [
    ['rss', 'RSS'],
    ['heap', 'heap used'],
  ]) {
    const series = samples.map((point) => point[key]);
    console.log(`| ${label} | ${series[0].toFixed(1)} | ${series.at(-1).toFixed(1)} | ${Math.max(...series).toFixed(1)} | ${slope(key).toFixed(2)} |`);
  }
}
