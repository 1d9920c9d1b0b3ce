// The Chinese page's translation layer (openapi/i18n/zh.yaml) against the contract: every text a
// reader sees has a current translation, no translation is left over, and each translation keeps
// the code of its English text (headers, fields, statuses, codes are not translated).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTranslations, translatableTexts, translate } from '../../scripts/docs/i18n.js';
import { bundle } from '../support/contract.js';
const translations = loadTranslations();

const listed = (items) => items.map((item) => `  ${item}`).join('\n');

test('every text of the contract that a reader sees has a current Chinese translation', () => {
  const { missing } = translate(bundle, translations);
  assert.deepEqual(
    missing,
    [],
    `openapi/i18n/zh.yaml has no translation of these texts (new, or changed in English):\n${listed(
      missing.map(({ pointer, text }) => `${pointer}: ${JSON.stringify(text)}`),
    )}`,
  );
});

test('every translation is of a text the contract still has', () => {
  const texts = new Set(translatableTexts(bundle).map(({ text }) => text));
  const unused = [...translations.keys()].filter((text) => !texts.has(text));
  assert.deepEqual(unused, [], `openapi/i18n/zh.yaml translates texts the contract no longer has:\n${listed(unused.map((text) => JSON.stringify(text)))}`);
});

test('an English text that changes loses its translation until it is translated again', () => {
  const untranslated = (document) => translate(document, translations).missing.map(({ text }) => text);
  const before = new Set(untranslated(bundle));
  const changed = structuredClone(bundle);
  const [operation] = Object.values(Object.values(changed.paths)[0]);
  operation.summary += ' (changed)';
  assert.deepEqual(
    untranslated(changed).filter((text) => !before.has(text)),
    [operation.summary],
  );
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
