// Benchmark of the MSW entry (`npm run bench:msw`): calls per second, in one process with fetch and
// the same concurrency, of each product's login through the msw/node sandbox handlers, through the
// Node sandbox over HTTP, and through a bare node:http server answering a fixed JSON body (the
// baseline), all measured in the same run; then the entry's browser bundle (esbuild, minified,
// gzipped, msw left out as the app's) and the share of it that is contract data. `--quick`
// shortens every run for a smoke test; the figures are only meaningful without it.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { setupServer } from 'msw/node';
import { sandboxHandlers } from '../dist/msw.js';
import { products } from '../src/contract.js';
import { forProduct, startSandbox } from '../scripts/lib/sandbox-client.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const seconds = values.quick ? 1 : 5;
const concurrency = 10;
const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

// Each product's successful login (its first fixture user), as bench/mock.js calls it.
function loginOf(product) {
  const { tenant, operationsById, appHeaders } = forProduct(product);
  const id = Object.keys(operationsById).find((candidate) => candidate.startsWith('loginBy') && operationsById[candidate].requestBody);
  if (!id) throw new Error(`${product} has no login with a body`);
  const field = product === 'eiam' ? ['user_name', 'userName'] : ['mobile', 'mobile'];
  return { path: operationsById[id].path, headers: appHeaders(id), body: JSON.stringify({ [field[0]]: tenant.users[0][field[1]], password: tenant.password }) };
}

// Calls `url` with `concurrency` calls in flight for `seconds`, after a warm-up of as long (first
// connections, compiled code); answers calls per second.
async function measure(url, { headers, body }) {
  const run = async (length) => {
    let calls = 0;
    const until = performance.now() + length * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        const response = await fetch(url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        calls += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return calls / ((performance.now() - started) / 1000);
  };
  await run(seconds / 2);
  return run(seconds);
}

const fixed = JSON.stringify({ status: 'fixed', expire: 0 });
const bare = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) }).end(fixed));
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', () => resolve(undefined)));
const bareUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (bare.address()).port}`;

const rows = [];
for (const product of products) {
  const login = loginOf(product);
  const sandbox = await startSandbox({ product });
  const baseline = await measure(`${bareUrl}${login.path}`, login);
  const overHttp = await measure(`${sandbox.url}${login.path}`, login);
  const handlers = sandboxHandlers({ product: /** @type {'eiam' | 'ciam'} */ (product), baseUrl: 'https://tenant.example.com' });
  const server = setupServer(...handlers.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const inProcess = await measure(`https://tenant.example.com${login.path}`, login);
  server.close();
  await sandbox.stop();
  rows.push({ product, baseline, overHttp, inProcess });
}
bare.close();

const rate = (value) => Math.round(value).toLocaleString('en');
const share = (value, of) => `${Math.round((value / of) * 100)} %`;
console.log(
  `Successful login, ${concurrency} calls in flight, ${seconds} s each, Node ${process.version}${values.quick ? ' (--quick: not meaningful)' : ''}\n`,
);
console.log('| product | bare node:http (fixed JSON) | Node sandbox over HTTP | msw/node sandboxHandlers | MSW vs Node sandbox |');
console.log('|---|---|---|---|---|');
for (const { product, baseline, overHttp, inProcess } of rows) {
  console.log(
    `| ${product} | ${rate(baseline)}/s | ${rate(overHttp)}/s (${share(overHttp, baseline)} of bare) | ${rate(inProcess)}/s (${share(inProcess, baseline)} of bare) | ${(inProcess / overHttp).toFixed(2)}× |`,
  );
}

// The entry as a browser app bundles it: msw is the app's own, so it stays out.
const { outputFiles } = await build({
  entryPoints: [at('src/msw/index.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  external: ['msw'],
  write: false,
  outfile: 'msw.js',
});
const bundle = outputFiles[0].contents;
const contract = Buffer.from(
  products.map((product) => JSON.stringify(JSON.parse(readFileSync(at(`generated/${product}/sandbox-contract.json`), 'utf8')))).join(''),
);
const full = Buffer.from(products.map((product) => JSON.stringify(JSON.parse(readFileSync(at(`generated/${product}/openapi.json`), 'utf8')))).join(''));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('\n| MSW entry (browser, esbuild --minify, msw external) | minified | gzipped |');
console.log('|---|---|---|');
console.log(`| whole entry | ${kb(bundle.length)} | ${kb(gzipSync(bundle).length)} |`);
console.log(
  `| of which the trimmed contract data (both products) | ${kb(contract.length)} (${share(contract.length, bundle.length)}) | ${kb(gzipSync(contract).length)} alone |`,
);
console.log(`| the untrimmed bundled contracts, for comparison | ${kb(full.length)} | ${kb(gzipSync(full).length)} alone |`);
