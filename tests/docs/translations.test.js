// The Chinese pages' translation layer (openapi/i18n/zh.yaml, one file for both products) against
// the contracts: every text a reader sees on each product's page has a current translation, no
// translation is left over, and each translation keeps the code of its English text (headers,
// fields, statuses, codes are not translated) and addresses the reader as 您.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTranslations, translatableTexts, translate } from '../../scripts/docs/i18n.js';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

const translations = loadTranslations();

const listed = (items) => items.map((item) => `  ${item}`).join('\n');

for (const product of products) {
  test(`every text of the ${product} contract that a reader sees has a current Chinese translation`, () => {
    const { missing } = translate(bundles[product], translations);
    assert.deepEqual(
      missing,
      [],
      `openapi/i18n/zh.yaml has no translation of these ${product} texts (new, or changed in English):\n${listed(
        missing.map(({ pointer, text }) => `${pointer}: ${JSON.stringify(text)}`),
      )}`,
    );
  });
}

test('every translation is of a text one of the contracts still has', () => {
  const texts = new Set(products.flatMap((product) => translatableTexts(bundles[product]).map(({ text }) => text)));
  const unused = [...translations.keys()].filter((text) => !texts.has(text));
  assert.deepEqual(unused, [], `openapi/i18n/zh.yaml translates texts no contract has any more:\n${listed(unused.map((text) => JSON.stringify(text)))}`);
});

test('an English text that changes loses its translation until it is translated again', () => {
  for (const product of products) {
    const untranslated = (document) => translate(document, translations).missing.map(({ text }) => text);
    const before = new Set(untranslated(bundles[product]));
    const changed = structuredClone(bundles[product]);
    const [operation] = Object.values(Object.values(changed.paths)[0]);
    operation.summary += ' (changed)';
    assert.deepEqual(
      untranslated(changed).filter((text) => !before.has(text)),
      [operation.summary],
    );
  }
});

test('each translation keeps the code spans of its English text', () => {
  const codeSpans = (text) => (text.match(/`[^`]+`/g) ?? []).sort();
  const lost = [...translations].flatMap(([en, zh]) => {
    const kept = codeSpans(zh);
    const missing = codeSpans(en).filter((span) => !kept.includes(span));
    return missing.length ? [`${missing.join(' ')} in: ${JSON.stringify(zh)}`] : [];
  });
  assert.deepEqual(lost, [], `translations that drop code from their English text:\n${listed(lost)}`);
});

test("each translation addresses the reader as 您, the register of the vendor's pages, not 你", () => {
  // 你 outside a code span; 你们 is as informal.
  const informal = [...translations.values()].filter((zh) => /你/.test(zh.replace(/`[^`]+`/g, '')));
  assert.deepEqual(informal, [], `translations that say 你:\n${listed(informal.map((zh) => JSON.stringify(zh)))}`);
});
