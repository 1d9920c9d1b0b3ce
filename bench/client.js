// Benchmark of the client (`npm run bench:client`): calls per second of the CIAM mobile + password
// login through the CIAM client, through bare openapi-fetch and through bare fetch, against the same
// bare `http` server answering the CIAM contract's success example; and each product's client size
// minified + gzipped next to openapi-fetch's (and, for CIAM, jose's part, which verifyIdToken uses).
// Targets: at most 10% fewer calls/s than bare fetch; at most 3 KB gzipped of the client's own layer
// on top of openapi-fetch (and jose). Then the time a user waits per call against a server that
// answers in 30 ms, as a tenant across the internet does at best: what the client's own CPU time
// (openapi-fetch's Request included, ADR 0045) adds to a call a user sees.
// The server runs in a child process, so that it does not share the client's event loop and the
// CPU time this process spends is the client's alone: on a shared machine, CPU time per call is
// steadier than calls per second, which others' load drags down.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { median } from '../scripts/lib/median.js';
import { root } from '../scripts/lib/root.js';

if (process.argv[2] === 'server') {
  const answer = process.argv[3];
  const delayMs = Number(process.argv[4] ?? 0);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      }, delayMs);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.(/** @type {import('node:net').AddressInfo} */ (server.address()).port));
  process.on('message', () => server.close(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  const { build } = await import('esbuild');
  const { default: createClient } = await import('openapi-fetch');
  const { createCiamClient, IdaasError } = await import('../dist/ciam.js');
  const { loadBundle } = await import('../src/bundles.js');
  const bundle = loadBundle('ciam');
  const { headerNames, operations } = await import('../generated/ciam/client-contract.js');

  const answer = JSON.stringify(bundle.components.examples.success.value);
  const body = bundle.components.examples.mobilePasswordLoginRequest.value;
  const { path } = operations.loginByMobilePassword;
  const device = { osVersion: 'android14', fingerprint: 'bench-device-0001', agent: 'IdaasBench/1.0' };
  const clientId = bundle.components.parameters.ClientId.example;
  const headers = {
    [headerNames.OperatingSysVersion]: device.osVersion,
    [headerNames.DeviceFingerprint]: device.fingerprint,
    [headerNames.Agent]: device.agent,
    [headerNames.ClientId]: clientId,
  };

  const server = fork(fileURLToPath(import.meta.url), ['server', answer]);
  const port = await new Promise((resolve) => server.once('message', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;

  const client = createCiamClient({ baseUrl, clientId, device });
  /** @type {import('openapi-fetch').Client<import('../generated/ciam/schema.js').paths>} */
  const openapiFetch = createClient({ baseUrl });
  const contentType = { 'content-type': 'application/json' };
  const modes = {
    'bare fetch': async () => {
      const res = await fetch(baseUrl + path, { method: 'POST', headers: { ...contentType, ...headers }, body: JSON.stringify(body) });
      return res.json();
    },
    'bare openapi-fetch': async () => (await openapiFetch.POST(path, { body, params: { header: headers } })).data,
    'CIAM client': () => client.loginByMobilePassword(body),
  };

  const concurrency = 8;
  const callsPerRound = 2000;
  const rounds = 15;
  const names = Object.keys(modes);
  /** @type {Record<string, number[]>} */
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  /** @type {Record<string, number[]>} */
  const cpuPerCall = Object.fromEntries(names.map((name) => [name, []]));
  const runRound = async (name) => {
    const call = modes[name];
    let left = callsPerRound;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) {
          const result = await call();
          if (result?.status === undefined) throw new IdaasError('invalid-response', 'bench answer without status');
        }
      }),
    );
    const cpu = process.cpuUsage(cpuStart);
    rates[name].push(callsPerRound / ((performance.now() - start) / 1000));
    cpuPerCall[name].push((cpu.user + cpu.system) / callsPerRound);
  };
  for (const name of names) await runRound(name);
  for (const name of names) {
    rates[name].length = 0;
    cpuPerCall[name].length = 0;
  }
  // Rounds alternate between the modes, and each round starts with another mode, so that a drift
  // of the machine (it is shared) touches all of them alike.
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) await runRound(names[(round + i) % names.length]);
  }
  server.send('stop');

  // Each mode is compared with bare fetch round by round, then the median of those ratios is
  // shown: a slow stretch of the machine then weighs on both sides of a ratio alike.
  const versus = (values, baseline) => {
    const ratio = median(values.map((value, i) => value / baseline[i]));
    return `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
  };
  console.log(`\n### Calls per second (${rounds} rounds of ${callsPerRound} calls, ${concurrency} in flight, medians)\n`);
  console.log('| path | calls/s | vs bare fetch | client CPU µs/call | vs bare fetch |');
  console.log('|---|---:|---:|---:|---:|');
  for (const name of names) {
    const [rate, cpu] = [rates[name], cpuPerCall[name]];
    const isBaseline = name === 'bare fetch';
    const rateDelta = isBaseline ? 'baseline' : versus(rate, rates['bare fetch']);
    const cpuDelta = isBaseline ? 'baseline' : versus(cpu, cpuPerCall['bare fetch']);
    console.log(`| ${name} | ${Math.round(median(rate))} | ${rateDelta} | ${median(cpu).toFixed(0)} | ${cpuDelta} |`);
  }

  const realisticMs = 30;
  const slow = fork(fileURLToPath(import.meta.url), ['server', answer, String(realisticMs)]);
  const slowUrl = `http://127.0.0.1:${await new Promise((resolve) => slow.once('message', resolve))}`;
  const slowClient = createCiamClient({ baseUrl: slowUrl, clientId, device });
  const slowModes = {
    'bare fetch': async () => (await fetch(slowUrl + path, { method: 'POST', headers: { ...contentType, ...headers }, body: JSON.stringify(body) })).json(),
    'CIAM client': () => slowClient.loginByMobilePassword(body),
  };
  /** @type {Record<string, number[]>} */
  const waits = Object.fromEntries(Object.keys(slowModes).map((name) => [name, []]));
  for (let round = 0; round < 10; round++) {
    for (const [name, call] of Object.entries(slowModes)) {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = 0; i < 10; i++) {
            const start = performance.now();
            await call();
            waits[name].push(performance.now() - start);
          }
        }),
      );
    }
  }
  slow.send('stop');
  console.log(
    `\n### Wait per call against a server that answers in ${realisticMs} ms (medians of ${waits['bare fetch'].length} calls, ${concurrency} in flight)\n`,
  );
  console.log('| path | ms per call | vs bare fetch |');
  console.log('|---|---:|---:|');
  const baseWait = median(waits['bare fetch']);
  for (const [name, values] of Object.entries(waits)) {
    const wait = median(values);
    console.log(
      `| ${name} | ${wait.toFixed(2)} | ${name === 'bare fetch' ? 'baseline' : `${wait - baseWait >= 0 ? '+' : ''}${(wait - baseWait).toFixed(2)} ms`} |`,
    );
  }

  const size = async (contents) => {
    const { outputFiles } = await build({
      stdin: { contents, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    const code = outputFiles[0].contents;
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const alone = await size("export { default } from 'openapi-fetch';");
  const jose = await size("export { createLocalJWKSet, jwtVerify, errors } from 'jose';");
  const eiam = await size("export * from './dist/eiam.js';");
  const ciam = await size("export * from './dist/ciam.js';");
  const kb = (bytes) => (bytes / 1024).toFixed(2);
  const row = (name, { min, gzip }) => console.log(`| ${name} | ${kb(min)} | ${kb(gzip)} |`);
  const minus = (a, ...others) => ({
    min: others.reduce((left, o) => left - o.min, a.min),
    gzip: others.reduce((left, o) => left - o.gzip, a.gzip),
  });
  console.log('\n### Size, bundled for browsers by esbuild, minified\n');
  console.log('| bundle | min KB | min+gzip KB |');
  console.log('|---|---:|---:|');
  row('openapi-fetch alone', alone);
  row("jose's part (jwtVerify, createLocalJWKSet) alone", jose);
  row('EIAM client (with openapi-fetch)', eiam);
  row('CIAM client (with openapi-fetch and jose)', ciam);
  row("EIAM client's own layer", minus(eiam, alone));
  row("CIAM client's own layer", minus(ciam, alone, jose));
}
