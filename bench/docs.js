// `npm run bench:docs`: how each docs page (each product, each language, and each try-it page the
// site has) scores and weighs now, beside the same page of today's site, the one commit a21d55c
// builds, measured in the same run on the same machine. Prints a Markdown table.
//
// Per page, on a phone and on a desktop (Lighthouse's own mobile and desktop settings, simulated
// throttling): Lighthouse's four category scores and its time to interactive, each the median of
// --runs runs; and the gzipped weight (level 6, what servers and CDNs commonly use) of everything
// the page loaded from its site. Both sites are built in this run: today's from `git archive` of
// that commit into a temporary folder, with this tree's node_modules; this tree's into site/, as
// `npm run docs` builds it. Both are served the same way, by a plain static server. A page that
// requests anything outside its site stops the benchmark.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import lighthouse, { desktopConfig } from 'lighthouse';
import { products } from '../src/contract.js';
import { languages, pagePath } from '../scripts/docs/decorate.js';
import { tryItPath } from '../scripts/docs/try-it.js';
import { launchChromium } from '../scripts/lib/chromium.js';
import { freePort } from '../scripts/lib/free-port.js';
import { median } from '../scripts/lib/median.js';
import { serveFolder } from '../scripts/lib/static-server.js';
import { root } from '../scripts/lib/root.js';

const today = 'a21d55c';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number from 1, not ${values.runs}`);

const run = promisify(execFile);
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
let lighthouseVersion;
const devices = [
  { name: 'mobile', config: undefined },
  { name: 'desktop', config: desktopConfig },
];

/** Builds the site of commit `commit` in a temporary folder; resolves with the folder of its site. */
async function buildToday(commit) {
  const folder = await mkdtemp(join(tmpdir(), 'docs-bench-today-'));
  const archive = join(folder, 'tree.tar');
  await run('git', ['archive', '--format=tar', '-o', archive, commit], { cwd: root });
  await run('tar', ['-xf', archive, '-C', folder]);
  await symlink(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  await run(process.execPath, ['scripts/build-docs.js'], { cwd: folder, maxBuffer: 16 * 1024 * 1024 });
  return { folder, site: join(folder, 'site') };
}

async function buildNow() {
  await run(process.execPath, ['scripts/build-docs.js'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  return join(root, 'site');
}

/** One Lighthouse run of `url` on `device`; the scores (0–100), time to interactive (ms) and what it loaded. */
async function audit(port, url, device) {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: categories }, device.config);
  if (!result) throw new Error(`Lighthouse gave no result for ${url} (${device.name})`);
  const { lhr } = result;
  lighthouseVersion = lhr.lighthouseVersion;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url} (${device.name}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // A category or metric that Lighthouse could not compute is null or missing, not a low figure.
  const score = (category) => {
    const value = lhr.categories[category].score;
    if (value === null) throw new Error(`Lighthouse gave ${url} (${device.name}) no ${category} score`);
    return Math.round(value * 100);
  };
  const interactive = lhr.audits.interactive.numericValue;
  if (interactive === undefined) throw new Error(`Lighthouse gave ${url} (${device.name}) no time to interactive`);
  const requests = /** @type {{ items: { url: string }[] }} */ (lhr.audits['network-requests'].details);
  return {
    scores: Object.fromEntries(categories.map((category) => [category, score(category)])),
    interactive,
    loaded: requests.items.map((item) => item.url),
  };
}

/** The gzipped bytes of every file the page loaded from its own site; throws on anything from elsewhere. */
async function gzippedWeight(siteFolder, origin, loaded, url) {
  const outside = loaded.filter((address) => /^https?:/.test(address) && new URL(address).origin !== origin);
  if (outside.length) throw new Error(`${url} requested outside its site: ${outside.join(', ')}`);
  let bytes = 0;
  for (const address of new Set(loaded.filter((candidate) => candidate.startsWith(`${origin}/`)))) {
    let file = join(siteFolder, decodeURIComponent(new URL(address).pathname));
    if (file.endsWith('/')) file = join(file, 'index.html');
    if (existsSync(file)) bytes += gzipSync(await readFile(file), { level: 6 }).length;
  }
  return bytes;
}

async function measure(port, server, siteFolder, path, device) {
  const url = `${server.url}/${path}`;
  const samples = [];
  for (let index = 0; index < runs; index += 1) samples.push(await audit(port, url, device));
  return {
    scores: Object.fromEntries(categories.map((category) => [category, median(samples.map((sample) => sample.scores[category]))])),
    interactive: median(samples.map((sample) => sample.interactive)),
    gzip: await gzippedWeight(siteFolder, server.url, samples[0].loaded, url),
  };
}

const built = await buildToday(today);
let servers = {};
let browser;
try {
  const nowSite = await buildNow();
  servers = { now: await serveFolder(nowSite), today: await serveFolder(built.site) };
  const port = await freePort();
  browser = await launchChromium({ args: [`--remote-debugging-port=${port}`] });
  const pages = [
    ...products.flatMap((product) => languages.map((lang) => ({ name: `${product} ${lang}`, path: pagePath(product, lang), today: true }))),
    ...products
      .flatMap((product) => languages.map((lang) => ({ name: `${product} ${lang} try it`, path: tryItPath(product, lang), today: false })))
      .filter(({ path }) => existsSync(join(nowSite, path, 'index.html'))),
  ];
  const rows = [];
  for (const page of pages) {
    for (const device of devices) {
      const now = await measure(port, servers.now, nowSite, page.path, device);
      const then =
        page.today && existsSync(join(built.site, page.path, 'index.html')) ? await measure(port, servers.today, built.site, page.path, device) : undefined;
      rows.push({ page: page.name, device: device.name, now, then });
    }
  }
  const pair = (now, then, format) => (then === undefined ? `${format(now)} (—)` : `${format(now)} (${format(then)})`);
  const score = (value) => String(Math.round(value));
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`Docs pages: this tree, and in brackets today's site (${today}), built and measured in this run.`);
  console.log(
    `Lighthouse ${lighthouseVersion}, headless Chromium ${browser.version()}, simulated throttling, median of ${runs} run(s), Node ${process.version}.\n`,
  );
  console.log('| page | device | performance | accessibility | best practices | SEO | time to interactive | gzipped |');
  console.log('|---|---|--:|--:|--:|--:|--:|--:|');
  for (const { page, device, now, then } of rows) {
    const cells = [
      ...categories.map((category) => pair(now.scores[category], then?.scores[category], score)),
      pair(now.interactive, then?.interactive, seconds),
      pair(now.gzip, then?.gzip, kib),
    ];
    console.log(`| ${page} | ${device} | ${cells.join(' | ')} |`);
  }
} finally {
  await browser?.close();
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  await rm(built.folder, { recursive: true, force: true });
}
