// The docs site in a real browser (Debian's Chromium): each language page shows every operation
// and every error code of the contract, its search and its example switcher work, it links the
// other language and the downloads, and it makes no request outside the site and logs no error.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { languages } from '../../scripts/docs/decorate.js';
import { site } from '../../scripts/build-docs.js';
import { catalogue, deref, operations, root } from '../support/contract.js';
import { ensureSite, heading, launchChromium, menuItem, openFromMenu, pageDocument, serveFolder, titleOf, watchedContext } from './support.js';

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
  return operations(contract).map(({ operation }) => operation);
}

/** The JSON values the visible code panels of the page show. */
async function shownJson(page) {
  const texts = await page.locator('pre:visible').allTextContents();
  return texts.flatMap((text) => {
    try {
      return [JSON.parse(text)];
    } catch {
      return [];
    }
  });
}

for (const lang of languages) {
  describe(`the ${lang} page`, () => {
    let page;
    let outside;
    let errors;
    let contract;

    before(async () => {
      contract = pageDocument(lang);
      const watched = await watchedContext(browser, server.url);
      ({ outside, errors } = watched);
      page = await watched.context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/${lang}/`);
      await titleOf(page, contract).waitFor({ state: 'visible' });
      await page.screenshot({ path: `${artefacts}/docs-${lang}.png` });
    });

    after(async () => {
      await page?.context().close();
    });

    test('shows every operation under its summary, reached from the sidebar', async () => {
      for (const operation of operationsOf(contract)) {
        await openFromMenu(page, contract, operation);
        assert.ok(await heading(page, operation.summary).isVisible(), `${operation.operationId}: "${operation.summary}" is not visible`);
      }
    });

    test('shows every error code of the catalogue in the error table', async () => {
      const section = contract.info.description.match(/^## (.+)$/gm).at(-1).slice(3);
      await menuItem(page, section).click();
      const entries = catalogue(contract);
      const table = page.locator('table').filter({ hasText: entries[0].code });
      for (const { code, ...error } of entries) {
        const row = table.locator('tr').filter({ has: page.getByText(code, { exact: true }) });
        await row.scrollIntoViewIfNeeded();
        assert.ok(await row.isVisible(), `${code} is not visible in the error table`);
        const text = await row.textContent();
        for (const expected of [String(error.httpStatus), error.message.en, error.message.zh, error.measure[lang]]) {
          assert.ok(text.includes(expected.replaceAll('`', '')), `the row of ${code} lacks "${expected}": ${text}`);
        }
      }
    });

    test('search finds an operation by its summary and opens it', async () => {
      const operation = operationsOf(contract).at(-1);
      await page.getByTestId('search-trigger').click();
      await page.keyboard.type(operation.summary);
      await page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: operation.summary }).first().click();
      await heading(page, operation.summary).waitFor({ state: 'visible' });
      assert.match(page.url(), new RegExp(`${operation.operationId.toLowerCase()}$`));
    });

    test('switching the named example of a response shows that example', async () => {
      const namedExamples = (operation) =>
        Object.values(Object.values(operation.responses['200'].content ?? {})[0]?.examples ?? {}).map(
          (example) => deref(contract, example),
        );
      const operation = operationsOf(contract).find((candidate) => namedExamples(candidate).length > 1);
      const [first, second] = namedExamples(operation);
      await openFromMenu(page, contract, operation);
      assert.deepEqual((await shownJson(page)).filter((value) => value.status), [first.value]);
      await page.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: first.summary }).click();
      await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: second.summary }).click();
      await page.waitForFunction(
        (status) => [...document.querySelectorAll('pre')].some((pre) => pre.textContent.includes(`"${status}"`)),
        second.value.status,
      );
      assert.deepEqual((await shownJson(page)).filter((value) => value.status), [second.value]);
    });

    test('links the other language and offers the bundled contract for download', async () => {
      await page.goto(`${server.url}/${lang}/`);
      for (const file of ['openapi.yaml', 'openapi.json']) {
        const link = page.locator(`a[href="../${file}"]`);
        assert.ok((await link.count()) > 0, `no download link to ${file}`);
        const response = await page.request.get(new URL(await link.first().getAttribute('href'), page.url()).href);
        assert.equal(response.status(), 200);
        assert.equal(await response.text(), await readFile(`${root}generated/${file}`, 'utf8'));
      }
      const other = languages.find((candidate) => candidate !== lang);
      await page.locator(`a[href="../${other}/"]`).first().click();
      await page.waitForURL(`${server.url}/${other}/`);
      await titleOf(page, pageDocument(other)).waitFor({ state: 'visible' });
    });

    test('made no request outside the site and logged no error', () => {
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
    });
  });
}

test("the site's index sends a reader to the page of their browser's language", async () => {
  for (const [locale, lang] of [['zh-CN', 'zh'], ['en-GB', 'en']]) {
    const { context, outside, errors } = await watchedContext(browser, server.url, { locale });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(`${server.url}/${lang}/`);
    await context.close();
    assert.deepEqual([...outside, ...errors], []);
  }
});
