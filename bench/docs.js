// `npm run bench:docs`: what each docs page (each product, each language) weighs and how soon a
// reader can use it, next to the
// same figures for the page `redocly build-docs` makes of a one-operation contract (the baseline,
// built in the same run with the same options), in headless Chromium. Prints a Markdown table.
//
// Figures, per page: its size, raw and gzipped (level 6, what servers and CDNs commonly use); and,
// as the median of --runs fresh browser contexts (no cache), measured from the start of
// navigation (performance.now() in the page): the load event; "hydrated", when the sidebar's
// links carry React's event handlers (before that, a click on them leaves the page); and
// "operation open", when the first operation's sidebar entry has been clicked (its tag's entry
// first) and its heading shows.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { operations, products } from '../src/contract.js';
import { site } from '../scripts/build-docs.js';
import { languages, pagePath } from '../scripts/docs/decorate.js';
import { buildPage } from '../scripts/docs/redoc.js';
import { launchChromium } from '../scripts/lib/chromium.js';
import { ensureSite, openFromMenu, pageDocument, serveFolder, watchedContext } from '../tests/docs/support.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const baselineSpec = fileURLToPath(new URL('fixtures/one-operation.yaml', import.meta.url));

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measureOnce(browser, origin, url, contract) {
  const { context, outside } = await watchedContext(browser, origin);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const link = document.querySelector('[data-component-name="Menu/MenuItem"] a');
      return link && Object.keys(link).some((key) => key.startsWith('__reactProps'));
    },
    null,
    { polling: 'raf' },
  );
  const hydrated = await page.evaluate(() => performance.now());
  const [{ operation }] = operations(contract);
  await openFromMenu(page, contract, operation);
  const operationOpen = await page.evaluate(() => performance.now());
  await page.waitForLoadState('load');
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventStart);
  await context.close();
  if (outside.length) throw new Error(`${url} requested ${outside.join(', ')}`);
  return { load, hydrated, operationOpen };
}

const folder = await mkdtemp(join(tmpdir(), 'docs-bench-'));
const server = await serveFolder(folder);
const browser = await launchChromium();
try {
  await ensureSite();
  const sitePages = products.flatMap((product) =>
    languages.map((lang) => ({ name: `${product}, ${lang}`, dir: pagePath(product, lang), contract: pageDocument(product, lang) })),
  );
  const pages = [
    ...sitePages,
    { name: 'baseline: one-operation contract', dir: 'baseline/', contract: parse(await readFile(baselineSpec, 'utf8')) },
  ];
  for (const { dir } of sitePages) {
    await mkdir(join(folder, dir), { recursive: true });
    await copyFile(join(site, dir, 'index.html'), join(folder, dir, 'index.html'));
  }
  await mkdir(join(folder, 'baseline'));
  await buildPage({ spec: baselineSpec, output: join(folder, 'baseline', 'index.html'), lang: 'en' });

  const rows = [];
  for (const { name, dir, contract } of pages) {
    const html = await readFile(join(folder, dir, 'index.html'));
    const samples = [];
    for (let run = 0; run < runs; run += 1) samples.push(await measureOnce(browser, server.url, `${server.url}/${dir}`, contract));
    rows.push({
      name,
      raw: html.length,
      gzip: gzipSync(html, { level: 6 }).length,
      load: median(samples.map((sample) => sample.load)),
      hydrated: median(samples.map((sample) => sample.hydrated)),
      operationOpen: median(samples.map((sample) => sample.operationOpen)),
    });
  }
  const baseline = rows.at(-1);
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  const ms = (value) => value.toFixed(0);
  const times = (value, base) => `${(value / base).toFixed(2)}×`;
  console.log(`Docs pages, headless Chromium ${browser.version()}, median of ${runs} runs, Node ${process.version}\n`);
  console.log('| page | KiB | KiB gzipped | gzipped vs baseline | load (ms) | hydrated (ms) | operation open (ms) | open vs baseline |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${kib(row.raw)} | ${kib(row.gzip)} | ${times(row.gzip, baseline.gzip)} | ${ms(row.load)} | ${ms(row.hydrated)} | ${ms(row.operationOpen)} | ${times(row.operationOpen, baseline.operationOpen)} |`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}
