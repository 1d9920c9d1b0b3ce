// The translation layer of the docs site: which texts of the contract a reader sees as prose, and
// how the Chinese page swaps each for its translation from openapi/i18n/zh.yaml. A translation is
// keyed by the English text itself, so an English text that changes loses its translation and the
// docs tests name it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { pointer } from '../../src/contract.js';

const translationsPath = fileURLToPath(new URL('../../openapi/i18n/zh.yaml', import.meta.url));

const proseKeys = new Set(['summary', 'description', 'title', 'note', 'meaning']);
// Example values and schema values are data the API exchanges, not prose.
const dataKeys = new Set(['example', 'value', 'const', 'enum', 'default']);
// In these maps a key is a name (a field called `value`, an example called `default`), not a keyword.
const nameMaps = new Set(['paths', 'properties', 'schemas', 'parameters', 'examples', 'responses', 'headers', 'content', 'variables']);
// A title such as `SessionResult` names a schema; a title with spaces describes something.
const isIdentifier = (text) => /^[A-Za-z][A-Za-z0-9]*$/.test(text);

/**
 * Every translatable text of `document`, in document order, as { pointer, text, holder, key }: the
 * text sits at `pointer`; its translation goes to property `key` of the object at path `holder`.
 */
export function translatableTexts(document) {
  const found = [];
  const add = (holder, sourceKey, text, key = sourceKey) => found.push({ pointer: pointer(...holder, sourceKey), text, holder, key });
  const visit = (node, path) => {
    if (!node || typeof node !== 'object') return;
    const named = nameMaps.has(path.at(-1));
    for (const [key, value] of Object.entries(node)) {
      if (dataKeys.has(key) && !named) continue;
      if (typeof value === 'string' && proseKeys.has(key) && !(key === 'title' && isIdentifier(value))) {
        add(path, key, value);
      } else if (key === 'x-enumDescriptions') {
        for (const [name, text] of Object.entries(value)) add([...path, key], name, text);
      } else {
        visit(value, [...path, key]);
      }
    }
  };
  visit(document, []);
  // Tag and tag group names are identifiers too (operations refer to tags by name), so the
  // translation of a tag's name goes to `x-displayName`, which the page shows instead.
  for (const [index, tag] of (document.tags ?? []).entries()) add(['tags', index], 'name', tag.name, 'x-displayName');
  for (const [index, group] of (document['x-tagGroups'] ?? []).entries()) add(['x-tagGroups', index], 'name', group.name);
  return found;
}

/** The translations file as a Map from English to Chinese; a text translated twice is an error. */
export function loadTranslations(path = translationsPath) {
  const entries = parse(readFileSync(path, 'utf8')) ?? [];
  const translations = new Map();
  for (const { en, zh } of entries) {
    if (translations.has(en)) throw new Error(`${path} translates this text twice:\n${en}`);
    translations.set(en, zh);
  }
  return translations;
}

/**
 * A copy of `document` with every translatable text in Chinese, and the texts that have no
 * translation (left in English).
 */
export function translate(document, translations) {
  const copy = structuredClone(document);
  const missing = [];
  for (const { pointer, text, holder, key } of translatableTexts(document)) {
    if (translations.has(text)) holder.reduce((node, step) => node[step], copy)[key] = translations.get(text);
    else missing.push({ pointer, text });
  }
  return { document: copy, missing };
}
