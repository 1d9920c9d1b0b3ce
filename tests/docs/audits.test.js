// The accessibility and privacy audits of every page of the docs site, in a real browser
// (Chromium): each product's page in each language, each language's product chooser and each
// try-it page. axe-core, run inside the page once it shows its content, must find no serious or
// critical violation (the failure names each rule and its nodes); and no page may request anything
// outside the site, on load or while it is audited.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { site } from '../../scripts/build-docs.js';
import { chooserPath, languages, pagePath } from '../../scripts/docs/decorate.js';
import { tryItPath } from '../../scripts/docs/try-it.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { products } from '../../src/contract.js';
import { ensureSite, pageDocument, titleOf, watchedContext } from './support.js';
import { serveFolder } from '../../scripts/lib/static-server.js';

const failingImpacts = ['serious', 'critical'];

let server;
let browser;
let axeSource;

before(async () => {
  await ensureSite();
  server = await serveFolder(site);
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const pages = [
  ...products.flatMap((product) =>
    languages.map((lang) => ({
      name: `the ${product} page in ${lang}`,
      path: pagePath(product, lang),
      shown: (page) => titleOf(page, pageDocument(product, lang)).waitFor({ state: 'visible' }),
    })),
  ),
  ...languages.map((lang) => ({ name: `the product chooser in ${lang}`, path: chooserPath(lang), shown: (page) => page.locator('h1').waitFor() })),
  ...products.flatMap((product) =>
    languages.map((lang) => ({ name: `the ${product} try-it page in ${lang}`, path: tryItPath(product, lang), shown: (page) => page.locator('h1').waitFor() })),
  ),
];

/** A violation as a reader of the failure wants it: the rule, its impact, what it asks, and where. */
const described = (violation) =>
  `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n')}`;

// Two pages at a time: axe's colour-contrast rule takes most of the time, in each page's own
// renderer process, so two pages use two cores.
describe('every page of the docs site', { concurrency: 2 }, () => {
  for (const { name, path, shown } of pages) {
    test(`${name}: axe finds no serious or critical violation, and nothing is requested outside the site`, async () => {
      assert.ok(existsSync(join(site, path, 'index.html')), `the site has no page at ${path}`);
      const { context, outside } = await watchedContext(browser, server.url);
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.url}/${path}`);
        await shown(page);
        await page.waitForLoadState('networkidle');
        await page.evaluate(axeSource);
        const violations = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations));
        const failing = violations.filter((violation) => failingImpacts.includes(violation.impact));
        assert.deepEqual(outside, [], `${path} requested outside the site`);
        assert.equal(failing.length, 0, `axe on ${path}:\n${failing.map(described).join('\n')}`);
      } finally {
        await context.close();
      }
    });
  }
});
