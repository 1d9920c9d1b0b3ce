// What the docs tests share: a fresh site (built when its inputs are newer), the description each
// product's page in each language renders, browser contexts that block and record every request
// leaving the site's server (scripts/lib/static-server.js) and record every console error and page
// error, and how to find things on a docs page.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite, pageDescription, site } from '../../scripts/build-docs.js';
import { chooserPath, languages, pagePath } from '../../scripts/docs/decorate.js';
import { loadTranslations } from '../../scripts/docs/i18n.js';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { root } from '../../scripts/lib/root.js';
import { escapeRegExp } from '../../src/regexp.js';

async function newestChange(paths) {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) {
      const children = await readdir(path);
      newest = Math.max(newest, await newestChange(children.map((child) => join(path, child))));
    } else newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

/** The description that the page of `product` in `lang` renders, decorated as the build decorates it. */
export function pageDocument(product, lang) {
  const { name: packageName } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return pageDescription(bundles, product, lang, { translations: loadTranslations(), packageName }).document;
}

/** Builds site/ unless it is newer than everything it is built from. */
export async function ensureSite() {
  const inputs = [
    ...products.map((product) => `generated/${product}/openapi.json`),
    'openapi/i18n/zh.yaml',
    'scripts/build-docs.js',
    'scripts/docs',
    'package.json',
  ];
  const pages = [...products.flatMap((product) => languages.map((lang) => pagePath(product, lang))), ...languages.map(chooserPath), ''].map((page) =>
    join(site, page, 'index.html'),
  );
  const built = pages.every(existsSync) ? Math.min(...pages.map((page) => statSync(page).mtimeMs)) : 0;
  if (built <= (await newestChange(inputs.map((input) => join(root, input))))) await buildSite();
}

/**
 * A new browser context (with `options` of browser.newContext) that may only reach `origin`: any other request, from any of its pages,
 * is aborted and recorded in `outside`; console errors and uncaught page errors go to `errors`.
 */
export async function watchedContext(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const outside = [];
  const errors = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
  return { context, outside, errors };
}

const exactly = (text) => new RegExp(`^${escapeRegExp(text)}$`);

/** The heading that reads `text`. */
export const heading = (page, text) => page.locator('h1, h2, h3').filter({ hasText: exactly(text) });

/** The page's first heading, the contract's title (the version follows it). */
export const titleOf = (page, contract) => page.locator('h1').filter({ hasText: contract.info.title }).first();

/** The entry of the page's contents (its sidebar) that reads `text`. */
export const menuItem = (page, text) =>
  page
    .locator('nav.contents a')
    .filter({ hasText: exactly(text) })
    .first();

/** Opens the operation through the contents, and waits for its heading. */
export async function openFromMenu(page, operation) {
  await menuItem(page, operation.summary).click();
  await heading(page, operation.summary).waitFor({ state: 'visible' });
}
