// The docs site in a real browser (Chromium): each product's page in each language shows every
// operation and every error code of that product, both code samples of every operation (the typed
// client's too), and its search and example switcher work; it links the other product, the other
// language and its own bundle's downloads, and makes no request outside the site and logs no
// error. The site's index sends a reader to the chooser of their language, which picks no product.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { downloads, site } from '../../scripts/build-docs.js';
import { clientLabel } from '../../scripts/docs/code-samples.js';
import { chooserPath, languages, pagePath } from '../../scripts/docs/decorate.js';
import { bundles, catalogue, deref, operations, products, root } from '../support/contract.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { ensureSite, heading, menuItem, openFromMenu, pageDocument, serveFolder, titleOf, watchedContext } from './support.js';

const artefacts = `${root}test-results`;

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

function operationsOf(contract) {
  return operations(contract).map(({ path, method, operation }) => ({ ...operation, path, method }));
}

const regExpEscape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const product of products) {
  for (const lang of languages) {
    describe(`the ${product} page in ${lang}`, () => {
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
        await page.goto(`${server.url}/${pagePath(product, lang)}`);
        await titleOf(page, contract).waitFor({ state: 'visible' });
        await page.screenshot({ path: `${artefacts}/docs-${product}-${lang}.png` });
      });

      after(async () => {
        await page?.context().close();
      });

      test("shows every operation of the product under its summary, reached from the sidebar, and no other product's", async () => {
        const shown = operationsOf(contract);
        assert.deepEqual(
          shown.map(({ operationId }) => operationId),
          operationsOf(bundles[product]).map(({ operationId }) => operationId),
        );
        for (const operation of shown) {
          await openFromMenu(page, contract, operation);
          assert.ok(await heading(page, operation.summary).isVisible(), `${operation.operationId}: "${operation.summary}" is not visible`);
        }
      });

      test('shows the curl and the typed-client sample of every operation', async () => {
        for (const operation of operationsOf(contract)) {
          await openFromMenu(page, contract, operation);
          const panel = page
            .locator('[data-component-name="Panel/Panel"]')
            .filter({ hasText: operation.path })
            .filter({ has: page.locator('pre') })
            .first();
          const samples = operation['x-codeSamples'];
          // The language menu opens below its button: bring the panel to the top of the window
          // first, or a panel low on the screen opens it out of sight.
          await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
          for (const sample of samples) {
            const picker = panel
              .locator('[data-component-name="Dropdown/Dropdown"]')
              .filter({ hasText: new RegExp(`^(${samples.map(({ label }) => regExpEscape(label)).join('|')})$`) });
            await picker.click();
            const choice = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: new RegExp(`^${regExpEscape(sample.label)}$`) });
            assert.equal(await choice.count(), 1, `${operation.operationId}: no "${sample.label}" sample to pick`);
            await choice.click();
            // The panel redraws after the click: wait for the sample's first line before reading.
            const [firstLine] = sample.source.split('\n');
            await panel.locator('pre').first().filter({ hasText: firstLine }).waitFor({ state: 'visible' });
            const shown = await panel.locator('pre').first().textContent();
            assert.equal(shown.trim(), sample.source.trim(), `${operation.operationId}: the ${sample.label} sample differs`);
          }
          assert.ok(samples.some(({ label }) => label === clientLabel));
        }
      });

      test("shows every error code of the product's catalogue in the error table, with its facts and its source", async () => {
        const section = contract.info.description.match(/^## (.+)$/gm).at(-1).slice(3);
        await menuItem(page, section, { section: true }).click();
        const entries = catalogue(contract);
        assert.deepEqual(
          entries.map(({ code }) => code),
          catalogue(bundles[product]).map(({ code }) => code),
        );
        const table = page.locator('table').filter({ hasText: entries[0].code });
        for (const { code, ...error } of entries) {
          const row = table.locator('tr').filter({ has: page.getByText(code, { exact: true }) });
          await row.scrollIntoViewIfNeeded();
          assert.ok(await row.isVisible(), `${code} is not visible in the error table`);
          const text = await row.textContent();
          const facts = [String(error.httpStatus), error.message.en, error.message.zh, error.measure[lang], ...error.operations, ...(error.inferredFor ?? [])];
          for (const expected of facts) {
            assert.ok(text.includes(expected.replaceAll('`', '')), `the row of ${code} lacks "${expected}": ${text}`);
          }
          assert.equal(await row.locator(`a[href="${error.source}"]`).count(), 1, `the row of ${code} does not link ${error.source}`);
        }
      });

      test('search finds an operation by its summary and opens it', async () => {
        const operation = operationsOf(contract).at(-1);
        await page.getByTestId('search-trigger').click();
        await page.keyboard.type(operation.summary);
        await page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: operation.summary }).first().click();
        await heading(page, operation.summary).waitFor({ state: 'visible' });
        assert.match(page.url(), new RegExp(`${operation.operationId.toLowerCase()}$`));
        await page.keyboard.press('Escape');
      });

      test('switching the named example of a response shows that example', async () => {
        const namedExamples = (operation) =>
          Object.values(Object.values(operation.responses['200'].content ?? {})[0]?.examples ?? {}).map((example) => deref(contract, example));
        const operation = operationsOf(contract).find((candidate) => {
          const examples = namedExamples(candidate);
          return examples.length > 1 && examples.every(({ value }) => value.status);
        });
        const [first, second] = namedExamples(operation);
        await openFromMenu(page, contract, operation);
        const picker = page.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: first.summary });
        const either = new RegExp(`^(${[first, second].map(({ summary }) => regExpEscape(summary)).join('|')})$`);
        const panel = page
          .locator('[data-component-name="Panel/Panel"]')
          .filter({ has: page.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: either }) });
        const shown = async () => JSON.parse(await panel.locator('pre').first().textContent());
        assert.deepEqual(await shown(), first.value);
        await picker.click();
        await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: second.summary }).click();
        await panel.locator('pre').filter({ hasText: `"${second.value.status}"` }).waitFor({ state: 'visible' });
        assert.deepEqual(await shown(), second.value);
      });

      test("offers the product's own bundle for download", async () => {
        await page.goto(`${server.url}/${pagePath(product, lang)}`);
        await titleOf(page, contract).waitFor({ state: 'visible' });
        for (const file of downloads) {
          const link = page.locator(`a[href="../${file}"]`);
          assert.ok((await link.count()) > 0, `no download link to ${file}`);
          const response = await page.request.get(new URL(await link.first().getAttribute('href'), page.url()).href);
          assert.equal(response.status(), 200);
          assert.equal(await response.text(), await readFile(`${root}generated/${product}/${file}`, 'utf8'));
        }
      });

      for (const [what, target] of [
        ['the other language', (other) => ({ product, lang: other.lang })],
        ['the other product', (other) => ({ product: other.product, lang })],
      ]) {
        test(`links ${what} from its intro`, async () => {
          const otherLang = languages.find((candidate) => candidate !== lang);
          const otherProduct = products.find((candidate) => candidate !== product);
          const to = target({ lang: otherLang, product: otherProduct });
          await page.goto(`${server.url}/${pagePath(product, lang)}`);
          await titleOf(page, contract).waitFor({ state: 'visible' });
          const link = page.locator(`a[href="../../${pagePath(to.product, to.lang)}"]`).first();
          assert.ok(await link.isVisible(), `no visible link to ${pagePath(to.product, to.lang)}`);
          await link.click();
          await page.waitForURL(`${server.url}/${pagePath(to.product, to.lang)}`);
          await titleOf(page, pageDocument(to.product, to.lang)).waitFor({ state: 'visible' });
        });
      }

      test('made no request outside the site and logged no error', () => {
        assert.deepEqual(outside, []);
        assert.deepEqual(errors, []);
      });
    });
  }
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
      assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
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
