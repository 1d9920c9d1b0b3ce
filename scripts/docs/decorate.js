// Turns one product's bundled contract into the description that one page of the docs site renders:
// translated (Chinese pages), each header and field with its Chinese name, each operation with its
// vendor page and its code samples, and each error example worded in the language that the
// samples ask for. Everything added is read from the contracts; the only words written here are
// the pages' own labels (labels.js). Where the pages and their anchors sit is said here too.
import { catalogue, deref, operations } from '../../src/contract.js';
import { codeSamples } from './code-samples.js';
import { translate } from './i18n.js';
import { labels } from './labels.js';
import { filledMessage, messageValues } from '../lib/catalogue-messages.js';

export const languages = ['en', 'zh'];

/** The language tag of each page's `<html lang>`. */
export const htmlLang = { en: 'en', zh: 'zh-CN' };

/** The name of each language, in that language, as the links to it read. */
export const languageNames = { en: 'English', zh: '中文' };

/** Where the page of `product` in `lang` sits in the site, and its address from another page. */
export const pagePath = (product, lang) => `${product}/${lang}/`;
export const pageLink = (product, lang) => `../../${pagePath(product, lang)}`;

/** Where the product chooser of `lang` sits, and its address from a product's page. */
export const chooserPath = (lang) => `${lang}/`;
export const chooserLink = (lang) => `../../${chooserPath(lang)}`;

export { inferredMark, oursMark } from './labels.js';

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The anchors of a page, the same in both languages so that a link or a switch of language lands
 * on the same place: operations by operationId, tags by their (English) name, the introduction's
 * headings by the English heading at the same place, headers by name, error codes by code.
 */
export const anchors = {
  operation: (operationId) => `operation/${operationId}`,
  tag: (name) => `tag/${slug(name)}`,
  section: (englishHeading) => `section/${slug(englishHeading)}`,
  headers: 'section/request-headers',
  header: (name) => `header/${name}`,
  errors: 'section/error-codes',
  error: (code) => `error/${code}`,
};

/** The title of a product's contract as its page in `lang` shows it. */
export function productTitle(bundle, lang, translations) {
  const { title } = bundle.info;
  return lang === 'zh' ? (translations.get(title) ?? title) : title;
}

/**
 * Adds its Chinese name (`x-chinese-name`, its own or that of the schema it refers to) to the
 * description of every header and every body field.
 */
function addChineseNames(document, label) {
  const updates = [];
  const consider = (node) => {
    const referred = deref(document, node);
    const name = node['x-chinese-name'] ?? referred?.['x-chinese-name'];
    const description = node.description ?? referred?.description;
    if (name && description) updates.push([node, label(description, name)]);
  };
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.in === 'header') consider(node);
    if (node.properties && typeof node.properties === 'object') Object.values(node.properties).forEach(consider);
    Object.values(node).forEach(visit);
  };
  visit(document);
  // Written after the walk, so a field that refers to a schema reads that schema's own text.
  for (const [node, description] of updates) node.description = description;
}

/**
 * Each error example's message in the language that the page's samples ask for: the English
 * message as the example gives it on the English page (whose samples send no `X-L`), and the
 * catalogue's Chinese message with the same placeholder values on the Chinese page (whose samples
 * send the header's example, Chinese). An example whose message its catalogue entry cannot read
 * keeps its words, and is returned so that the build can name it.
 */
function localiseErrorExamples(document, lang) {
  if (lang !== 'zh') return [];
  const entries = new Map(catalogue(document).map((entry) => [entry.code, entry]));
  const unread = [];
  for (const [name, example] of Object.entries(document.components.examples ?? {})) {
    const entry = entries.get(example.value?.error_code);
    if (!entry) continue;
    const values = messageValues(entry.message.en, entry.placeholders, example.value.error_msg);
    if (values) example.value.error_msg = filledMessage(entry.message.zh, values);
    else unread.push(name);
  }
  return unread;
}

/**
 * The description that the page of `product` in `lang` renders, the texts the Chinese page still
 * shows in English for want of a translation, and the error examples whose message could not be
 * put in the page's language.
 */
export function decorate(bundle, { product, lang, translations, packageName }) {
  const text = labels[lang];
  const { document, missing } = lang === 'zh' ? translate(bundle, translations) : { document: structuredClone(bundle), missing: [] };
  addChineseNames(document, text.chineseName);
  const unlocalised = localiseErrorExamples(document, lang);
  for (const { path, method, operation } of operations(document)) {
    // operations() gives a copy of an operation that has path-level parameters; write to the original.
    const original = document.paths[path][method];
    if (operation['x-source']) original.description = `${operation.description.trim()}\n\n${text.source(operation['x-source'])}`;
    original['x-codeSamples'] = codeSamples(document, path, method, operation, { product, packageName, lang });
  }
  return { document, missing, unlocalised };
}
