// The docs site in a real browser (Chromium): each product's page in each language shows every
// operation and every error code of that product, both code samples of every operation, its named
// examples, and a link to try each call; its search finds words inside Chinese sentences; its
// switcher leads to the same place in the other language and the other product; its contents work
// without JavaScript; its error table reads on a phone; a Chinese page shows no English interface
// word; and no page makes a request outside the site or logs an error. The site's index sends a
// reader to the chooser of their language, which picks no product.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { downloads, site } from '../../scripts/build-docs.js';
import { anchors, chooserPath, htmlLang, languages, pagePath } from '../../scripts/docs/decorate.js';
import { inferredMark, labels, oursMark } from '../../scripts/docs/labels.js';
import { tryItPath } from '../../scripts/docs/try-it.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { catalogue, deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { root } from '../../scripts/lib/root.js';
import { ensureSite, heading, menuItem, openFromMenu, pageDocument, titleOf, watchedContext } from './support.js';
import { serveFolder } from '../../scripts/lib/static-server.js';

const artefacts = `${root}test-results`;
const phone = { width: 390, height: 844 };

let server;
let browser;

before(async () => {
  await ensureSite();
  await mkdir(artefacts, { recursive: true });
  server = await serveFolder(site);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const operationsOf = (contract) => operations(contract).map(({ path, method, operation }) => ({ ...operation, path, method }));

/** The locator of the element whose id is `id` (ids hold `/` and `.`, which CSS would have escaped). */
const byId = (page, id) => page.locator(`[id="${id}"]`);

/** Every Latin word of every string value of `node`: the words that the contract itself brings. */
function contractWords(node, words = new Set()) {
  if (typeof node === 'string') for (const word of node.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) words.add(word);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) contractWords(value, words);
  return words;
}

for (const product of products) {
  for (const lang of languages) {
    describe(`the ${product} page in ${lang}`, () => {
      const url = () => `${server.url}/${pagePath(product, lang)}`;
      const otherLang = languages.find((candidate) => candidate !== lang);
      const otherProduct = /** @type {string} */ (products.find((candidate) => candidate !== product));
      let page;
      let outside;
      let errors;
      let contract;

      before(async () => {
        contract = pageDocument(product, lang);
        const watched = await watchedContext(browser, server.url);
        ({ outside, errors } = watched);
        page = await watched.context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(url());
        await titleOf(page, contract).waitFor({ state: 'visible' });
        await page.screenshot({ path: `${artefacts}/docs-${product}-${lang}.png` });
      });

      after(async () => {
        await page?.context().close();
      });

      test('declares its language and describes itself for search engines', async () => {
        assert.equal(await page.locator('html').getAttribute('lang'), htmlLang[lang]);
        const description = await page.locator('meta[name="description"]').getAttribute('content');
        assert.ok(description.includes(contract.info.title), description);
        assert.equal(await page.locator('meta[name="referrer"]').getAttribute('content'), 'no-referrer');
      });

      test("shows every operation of the product under its summary, reached from the contents, and no other product's", async () => {
        const shown = operationsOf(contract);
        assert.deepEqual(
          shown.map(({ operationId }) => operationId),
          operationsOf(bundles[product]).map(({ operationId }) => operationId),
        );
        for (const operation of shown) {
          await openFromMenu(page, operation);
          assert.ok(page.url().endsWith(`#${anchors.operation(operation.operationId)}`), page.url());
          assert.ok(await heading(page, operation.summary).isVisible(), `${operation.operationId}: "${operation.summary}" is not visible`);
        }
        const others = operationsOf(bundles[otherProduct]).filter(({ path, method }) => !bundles[product].paths[path]?.[method]);
        for (const { path } of others) assert.equal(await page.getByText(path, { exact: true }).count(), 0, `${path} of ${otherProduct} is on the page`);
      });

      test('shows the curl and the typed-client sample of every operation, and links its "Try it"', async () => {
        for (const operation of operationsOf(contract)) {
          const section = byId(page, anchors.operation(operation.operationId));
          const samples = operation['x-codeSamples'];
          assert.deepEqual(
            samples.map(({ label }) => label),
            ['curl', labels[lang].typedClient],
          );
          const figures = section.locator('figure');
          assert.equal(await figures.count(), samples.length);
          for (const [index, sample] of samples.entries()) {
            assert.equal((await figures.nth(index).locator('figcaption').textContent()).trim(), sample.label);
            assert.equal(await figures.nth(index).locator('pre').textContent(), sample.source, `${operation.operationId}: the ${sample.label} sample differs`);
          }
          assert.equal(await section.locator(`a[href="try/#${operation.operationId}"]`).count(), 1, `${operation.operationId} does not link its "Try it"`);
        }
        const response = await page.request.get(`${server.url}/${tryItPath(product, lang)}`);
        assert.equal(response.status(), 200);
      });

      test('names the headers of every operation, each described once under the request headers with its Chinese name', async () => {
        for (const operation of operationsOf(contract)) {
          const section = byId(page, anchors.operation(operation.operationId));
          for (const header of (operation.parameters ?? []).map((parameter) => deref(contract, parameter))) {
            assert.equal(
              await section.locator(`a[href="#${anchors.header(header.name)}"]`).count(),
              1,
              `${operation.operationId} does not name ${header.name}`,
            );
          }
        }
        for (const header of Object.values(contract.components.parameters).filter((parameter) => parameter.in === 'header')) {
          const entry = byId(page, anchors.header(header.name));
          assert.equal(await entry.count(), 1, `${header.name} is not described`);
          const text = await entry.textContent();
          assert.ok(text.includes(header['x-chinese-name']), `${header.name} lacks its Chinese name`);
          if (header.example !== undefined) assert.ok(text.includes(String(header.example)), `${header.name} lacks its example`);
        }
      });

      test("shows every error code of the product's catalogue in the error table, with its facts, its source and its marks", async () => {
        await byId(page, anchors.errors).scrollIntoViewIfNeeded();
        const entries = catalogue(contract);
        assert.deepEqual(
          entries.map(({ code }) => code),
          catalogue(bundles[product]).map(({ code }) => code),
        );
        for (const { code, ...error } of entries) {
          const row = byId(page, anchors.error(code));
          await row.scrollIntoViewIfNeeded();
          assert.ok(await row.isVisible(), `${code} is not visible in the error table`);
          const text = await row.textContent();
          const marks = [
            ['message.en', error.message.en],
            ['message.zh', error.message.zh],
            [`measure.${lang}`, error.measure[lang]],
          ];
          for (const [part, words] of marks) {
            assert.ok(text.includes(words), `the row of ${code} lacks "${words}"`);
            assert.equal(text.includes(`${words}${oursMark}`), (error.ours ?? []).includes(part), `${code}: ${part} is marked wrongly`);
          }
          for (const id of error.operations) assert.ok(text.includes(id), `the row of ${code} lacks ${id}`);
          for (const id of error.inferredFor ?? []) assert.ok(text.includes(`${id}${inferredMark}`), `the row of ${code} lacks ${id}${inferredMark}`);
          assert.ok(text.includes(String(error.httpStatus)), `the row of ${code} lacks its status`);
          assert.equal(await row.locator(`a[href="${error.source}"]`).count(), 1, `the row of ${code} does not link ${error.source}`);
        }
      });

      test('search finds an operation by its summary and opens it', async () => {
        const operation = operationsOf(contract).at(-1);
        await page.locator('#search-input').fill(operation.summary);
        await page.locator('#search li a').filter({ hasText: operation.summary }).first().click();
        await heading(page, operation.summary).waitFor({ state: 'visible' });
        assert.ok(page.url().endsWith(`#${anchors.operation(operation.operationId)}`), page.url());
      });

      test('search finds a word inside a sentence, as Chinese writes without spaces', async () => {
        // A word that starts inside a message, not at its start: a search that looks only at
        // the starts of words (or needs spaces around them) misses it.
        const wordOf = (message) => message.slice(Math.floor(message.length / 2), Math.floor(message.length / 2) + 2);
        const [entry] = catalogue(contract).filter(({ message }) => message[lang].length > 4);
        const word = wordOf(entry.message[lang]);
        await page.locator('#search-input').fill(word);
        const found = await page.locator('#search li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
        assert.ok(found.includes(`#${anchors.error(entry.code)}`), `"${word}" does not find ${entry.code}: ${found.join(', ')}`);
        if (lang === 'zh') {
          // The word of the issue that found nothing on the Redoc page.
          await page.locator('#search-input').fill('锁定');
          const locked = await page.locator('#search li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
          const expected = catalogue(contract).filter(({ message }) => message.zh.includes('锁定'));
          for (const { code } of expected) assert.ok(locked.includes(`#${anchors.error(code)}`), `锁定 does not find ${code}`);
        }
        await page.locator('#search-input').fill('');
      });

      test('opening another named example of a response shows that example', async () => {
        const namedExamples = (operation) =>
          Object.values(Object.values(operation.responses['200'].content ?? {})[0]?.examples ?? {}).map((example) => deref(contract, example));
        const operation = operationsOf(contract).find((candidate) => namedExamples(candidate).length > 1);
        const [, second] = namedExamples(operation);
        const section = byId(page, anchors.operation(operation.operationId));
        const example = section
          .locator('details.example')
          .filter({ has: page.locator('summary').filter({ hasText: second.summary }) })
          .first();
        assert.equal(await example.locator('pre').isVisible(), false);
        await example.locator('summary').click();
        assert.deepEqual(JSON.parse(await example.locator('pre').textContent()), second.value);
      });

      test("offers the product's own bundle for download", async () => {
        for (const file of downloads) {
          const link = page.locator(`a[href="../${file}"]`);
          assert.ok((await link.count()) > 0, `no download link to ${file}`);
          const response = await page.request.get(new URL(await link.first().getAttribute('href'), page.url()).href);
          assert.equal(response.status(), 200);
          assert.equal(await response.text(), await readFile(`${root}generated/${product}/${file}`, 'utf8'));
        }
      });

      test('shows no English interface word on a Chinese page', { skip: lang === 'en' }, async () => {
        const allowed = contractWords(contract);
        const shown = await page.evaluate(() => {
          const texts = [document.title, document.querySelector('meta[name="description"]')?.getAttribute('content') ?? ''];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // Code is code, and a link to English names its language in English on purpose.
            if (!node.parentElement?.closest('code, pre, script, style, [lang^="en"]')) texts.push(node.textContent ?? '');
          }
          for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt], [data-none], [data-count]')) {
            for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'data-none', 'data-count']) texts.push(element.getAttribute(name) ?? '');
          }
          return texts.join('\n');
        });
        const english = [...new Set(shown.match(/[A-Za-z][A-Za-z'-]*/g) ?? [])].filter((word) => !allowed.has(word));
        assert.deepEqual(english, [], `English words on the ${product} Chinese page that no text of its contract brings: ${english.join(', ')}`);
      });

      test('leads to the same operation in the other language, and keeps a place the other product has', async () => {
        const { context } = await watchedContext(browser, server.url);
        const reader = await context.newPage();
        reader.setDefaultTimeout(10_000);
        const operation = operationsOf(contract).at(-1);
        await reader.goto(url());
        await openFromMenu(reader, operation);
        await reader.locator(`header a[href="../../${pagePath(product, otherLang)}"]`).click();
        await reader.waitForURL(`${server.url}/${pagePath(product, otherLang)}#${anchors.operation(operation.operationId)}`);
        const translated = operationsOf(pageDocument(product, otherLang)).find(({ operationId }) => operationId === operation.operationId);
        await heading(reader, translated.summary).waitFor({ state: 'visible' });

        const shared = operationsOf(contract).find(({ operationId }) => operationsOf(bundles[otherProduct]).some((other) => other.operationId === operationId));
        await reader.goto(url());
        await openFromMenu(reader, shared);
        await reader.locator(`header a[href="../../${pagePath(otherProduct, lang)}"]`).click();
        await reader.waitForURL(`${server.url}/${pagePath(otherProduct, lang)}#${anchors.operation(shared.operationId)}`);
        await byId(reader, anchors.operation(shared.operationId)).waitFor({ state: 'visible' });

        await reader.goto(url());
        await reader.locator(`header a[href="../../${chooserPath(lang)}"]`).click();
        await reader.waitForURL(`${server.url}/${chooserPath(lang)}`);
        await context.close();
      });

      test('reads on a phone: the switcher in view, the error table within the screen, no code broken inside', async () => {
        const { context } = await watchedContext(browser, server.url, { viewport: phone });
        const reader = await context.newPage();
        reader.setDefaultTimeout(10_000);
        await reader.goto(`${url()}#${anchors.error(catalogue(contract).at(-1).code)}`);
        assert.ok(await reader.locator(`header a[href="../../${pagePath(product, otherLang)}"]`).isVisible());
        const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls ${overflow}px sideways`);
        const broken = await reader
          .locator('table.errors code')
          .evaluateAll((codes) => codes.filter((code) => code.getClientRects().length > 1).map((code) => code.textContent));
        assert.deepEqual(broken, []);
        const cut = await reader
          .locator('table.errors td, table.errors th')
          .evaluateAll((cells) => cells.filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 1).map((cell) => cell.textContent));
        assert.deepEqual(cut, []);
        await reader.screenshot({ path: `${artefacts}/docs-${product}-${lang}-phone.png` });
        await context.close();
      });

      test('made no request outside the site and logged no error', () => {
        assert.deepEqual(outside, []);
        assert.deepEqual(errors, []);
      });
    });
  }

  test(`the ${product} page's contents work without JavaScript`, async () => {
    const { context, outside, errors } = await watchedContext(browser, server.url, { javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const contract = pageDocument(product, 'en');
    await page.goto(`${server.url}/${pagePath(product, 'en')}`);
    const targets = await page.locator('nav.contents a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.ok(targets.length > operations(contract).length);
    for (const target of targets) {
      assert.ok(target.startsWith('#'), `${target} leaves the page`);
      assert.equal(await byId(page, target.slice(1)).count(), 1, `${target} names no place on the page`);
    }
    const operation = operationsOf(contract).at(-1);
    await menuItem(page, operation.summary).click();
    assert.ok(page.url().endsWith(`#${anchors.operation(operation.operationId)}`));
    assert.ok(await heading(page, operation.summary).isVisible());
    await context.close();
    assert.deepEqual([...outside, ...errors], []);
  });
}

describe("the site's index", () => {
  test("sends a reader to the product chooser of their browser's language", async () => {
    for (const [locale, lang] of [
      ['zh-CN', 'zh'],
      ['en-GB', 'en'],
    ]) {
      const { context, outside, errors } = await watchedContext(browser, server.url, { locale });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/${chooserPath(lang)}`);
      assert.equal(await page.locator('html').getAttribute('lang'), htmlLang[lang]);
      assert.ok(await page.locator('meta[name="description"]').getAttribute('content'));
      await context.close();
      assert.deepEqual([...outside, ...errors], []);
    }
  });

  for (const lang of languages) {
    test(`'s ${lang} chooser picks no product, and leads to each product's page and bundle`, async () => {
      const { context, outside, errors } = await watchedContext(browser, server.url);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const chooser = `${server.url}/${chooserPath(lang)}`;
      await page.goto(chooser);
      await page.waitForLoadState('load');
      assert.equal(page.url(), chooser, 'the chooser went on by itself');
      for (const product of products) {
        const contract = pageDocument(product, lang);
        for (const file of downloads) {
          const response = await page.request.get(new URL(`../${product}/${file}`, chooser).href);
          assert.equal(await response.text(), await readFile(`${root}generated/${product}/${file}`, 'utf8'));
          assert.equal(await page.locator(`a[href="../${product}/${file}"]`).count(), 1);
        }
        await page.getByRole('link', { name: contract.info.title, exact: true }).click();
        await page.waitForURL(`${server.url}/${pagePath(product, lang)}`);
        await titleOf(page, contract).waitFor({ state: 'visible' });
        await page.goto(chooser);
      }
      const other = languages.find((candidate) => candidate !== lang);
      await page.locator(`a[href="../${chooserPath(other)}"]`).click();
      await page.waitForURL(`${server.url}/${chooserPath(other)}`);
      await context.close();
      assert.deepEqual([...outside, ...errors], []);
    });
  }
});
