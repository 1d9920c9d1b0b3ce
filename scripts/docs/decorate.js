// Turns one product's bundled contract into the description that one page of the docs site renders:
// translated (Chinese pages), each header and field with its Chinese name, each operation with its
// vendor page, the error catalogue as a table, links to the other product and the other language,
// and code samples per operation. Everything added is read from the contracts; the only words
// written here are the pages' own labels.
import { catalogue, deref, operations } from '../../src/contract.js';
import { codeSamples } from './code-samples.js';
import { translate } from './i18n.js';

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

/** The mark of a catalogue text that is this project's words (`ours`), not the vendor's. */
export const oursMark = '†';
/** The mark of an operation that the contract expects a code from, though its page does not list it. */
export const inferredMark = '*';

const labels = {
  en: {
    otherProducts: 'Other product: ',
    otherLanguage: 'Language: ',
    allProducts: 'All products',
    chineseName: (description, name) => `${description}\n\n*Chinese name:* ${name}`,
    source: (url) => `Vendor's page: <${url}>`,
    errors: 'Error codes',
    errorsIntro: ([code, message], language) =>
      `Every documented error code of this product. An error answer has the fields \`${code}\` and \`${message}\`; \`${message}\` is in the language \`${language}\` asks for, with the placeholders filled in.`,
    columns: ['Code', 'Message (English, Chinese)', 'What to do', 'Operations'],
    sourceLink: "vendor's page",
    legend: [
      `${inferredMark} The contract expects this code from the operation, although the operation's page on the vendor site does not list it (see the notes).`,
      `${oursMark} This project's words: the vendor's page gives no such text, so the contract words it.`,
    ],
    placeholders: 'Placeholders',
    notes: 'Notes',
  },
  zh: {
    otherProducts: '其他产品：',
    otherLanguage: '语言：',
    allProducts: '全部产品',
    chineseName: (description, name) => `**${name}**：${description}`,
    source: (url) => `厂商页面：<${url}>`,
    errors: '错误码',
    errorsIntro: ([code, message], language) =>
      `本产品所有已记载的错误码。错误响应包含字段 \`${code}\` 和 \`${message}\`；\`${message}\` 使用 \`${language}\` 指定的语言，占位符已填入实际值。`,
    columns: ['错误码', '错误信息（英文、中文）', '处理措施', '相关接口'],
    sourceLink: '厂商页面',
    legend: [
      `${inferredMark} 该接口在厂商网站上的页面未列出此错误码，但本文档预期该接口也会返回它（见说明）。`,
      `${oursMark} 本项目的措辞：厂商页面没有给出这段文字，由本项目补写。`,
    ],
    placeholders: '占位符',
    notes: '说明',
  },
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

const cell = (text) => String(text).replaceAll('|', '\\|');

/** `text` with its `*` and `_` escaped, so that Markdown shows them instead of opening an emphasis. */
const literal = (text) => text.replace(/[*_]/g, '\\$&');

/** `text`, marked when `part` of the catalogue entry is this project's words. */
const marked = (text, part, ours = []) => (ours.includes(part) ? `${text}${oursMark}` : text);

/** The error catalogue (`ErrorCode`'s `x-error` entries) as a Markdown section. */
function errorSection(document, lang) {
  const text = labels[lang];
  const entries = catalogue(document);
  const rows = entries.map(({ code, title, ...error }) => [
    // The HTTP status and the vendor's page go under the code rather than in columns of their
    // own: the middle column of a Redoc page is narrow, and more columns scroll out of sight.
    `\`${code}\`<br>${title}<br>HTTP ${error.httpStatus}<br>[${text.sourceLink}](${error.source})`,
    `${marked(error.message.en, 'message.en', error.ours)}<br>${marked(error.message.zh, 'message.zh', error.ours)}`,
    marked(error.measure[lang], `measure.${lang}`, error.ours),
    [...error.operations, ...(error.inferredFor ?? []).map((id) => `${id}${literal(inferredMark)}`)].join('<br>'),
  ]);
  const table = [text.columns, text.columns.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`);
  const placeholders = entries.flatMap(({ code, placeholders }) =>
    placeholders.map((placeholder, index) => `- \`${code}\` \`{${index}}\` (${placeholder.name}): ${placeholder.meaning}`),
  );
  const notes = entries.filter((entry) => entry.note).map((entry) => `- \`${entry.code}\`: ${entry.note}`);
  const { components } = document;
  return [
    `## ${text.errors}`,
    text.errorsIntro(Object.keys(components.schemas.Error.properties), components.parameters.Language.name),
    table.join('\n'),
    // A Markdown line break between the legend's lines, so that each is a line of its own.
    text.legend.map(literal).join('  \n'),
    ...(placeholders.length ? [`### ${text.placeholders}`, placeholders.join('\n')] : []),
    ...(notes.length ? [`### ${text.notes}`, notes.join('\n')] : []),
  ].join('\n\n');
}

/** The line at the top of a page that leads to the other products and the other language. */
function navigation(product, lang, others) {
  const text = labels[lang];
  const otherLanguage = languages.find((candidate) => candidate !== lang);
  return [
    `${text.otherProducts}${others.map(({ product: other, title }) => `[${title}](${pageLink(other, lang)})`).join(' · ')}`,
    `${text.otherLanguage}[${languageNames[otherLanguage]}](${pageLink(product, otherLanguage)})`,
    `[${text.allProducts}](${chooserLink(lang)})`,
  ].join(' | ');
}

/**
 * The description that the page of `product` in `lang` renders, and the texts the Chinese page
 * still shows in English for want of a translation. `others` are the other products, each as
 * { product, title } with its title in `lang`.
 */
export function decorate(bundle, { product, lang, translations, packageName, others }) {
  const text = labels[lang];
  const { document, missing } = lang === 'zh' ? translate(bundle, translations) : { document: structuredClone(bundle), missing: [] };
  addChineseNames(document, text.chineseName);
  document.info.description = [navigation(product, lang, others), document.info.description.trim(), errorSection(document, lang)].join('\n\n');
  for (const { path, method, operation } of operations(document)) {
    // operations() gives a copy of an operation that has path-level parameters; write to the original.
    const original = document.paths[path][method];
    if (operation['x-source']) original.description = `${operation.description.trim()}\n\n${text.source(operation['x-source'])}`;
    original['x-codeSamples'] = codeSamples(document, path, method, operation, { product, packageName });
  }
  return { document, missing };
}
