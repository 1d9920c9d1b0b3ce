// Turns the bundled contract into the description one language page of the docs site renders:
// translated (Chinese page), each header and field with its Chinese name, the error catalogue as
// a table, a link to the other language, and code samples per operation. Everything added is
// read from the contract; the only words written here are the page's own labels.
import { catalogue, deref, operations } from '../../src/contract.js';
import { codeSamples } from './code-samples.js';
import { translate } from './i18n.js';

export const languages = ['en', 'zh'];

/** The language tag of each page's `<html lang>`. */
export const htmlLang = { en: 'en', zh: 'zh-CN' };

const labels = {
  en: {
    otherLanguage: '[中文版](../zh/)',
    chineseName: (description, name) => `${description}\n\n*Chinese name:* ${name}`,
    errors: 'Error codes',
    errorsIntro: ([code, message], language) =>
      `Every documented error code. An error answer has the fields \`${code}\` and \`${message}\`; \`${message}\` is in the language \`${language}\` asks for, with the placeholders filled in.`,
    columns: ['Code', 'HTTP', 'Message (English, Chinese)', 'What to do', 'Operations'],
    inferred: '\\* The contract expects this code from the operation, although its page on the vendor site does not list it (see the notes).',
    placeholders: 'Placeholders',
    notes: 'Notes',
    clientLabel: 'Typed client',
  },
  zh: {
    otherLanguage: '[English](../en/)',
    chineseName: (description, name) => `**${name}**：${description}`,
    errors: '错误码',
    errorsIntro: ([code, message], language) =>
      `所有已记载的错误码。错误响应包含字段 \`${code}\` 和 \`${message}\`；\`${message}\` 使用 \`${language}\` 指定的语言，占位符已填入实际值。`,
    columns: ['错误码', 'HTTP', '错误信息（英文、中文）', '处理措施', '相关接口'],
    inferred: '\\* 厂商页面未为该接口列出此错误码，本契约推断该接口也会返回它（见说明）。',
    placeholders: '占位符',
    notes: '说明',
    clientLabel: '类型化客户端',
  },
};

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

/** The error catalogue (`ErrorCode`'s `x-error` entries) as a Markdown section. */
function errorSection(document, lang) {
  const text = labels[lang];
  const entries = catalogue(document);
  const rows = entries.map(({ code, title, ...error }) => [
    `\`${code}\`<br>${title}`,
    error.httpStatus,
    `${error.message.en}<br>${error.message.zh}`,
    error.measure[lang],
    [...error.operations, ...(error.inferredFor ?? []).map((id) => `${id}\\*`)].join('<br>'),
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
    text.inferred,
    ...(placeholders.length ? [`### ${text.placeholders}`, placeholders.join('\n')] : []),
    ...(notes.length ? [`### ${text.notes}`, notes.join('\n')] : []),
  ].join('\n\n');
}

/**
 * The description that the page of `lang` renders, and the texts the Chinese page still shows in
 * English for want of a translation.
 */
export function decorate(bundle, { lang, translations, packageName }) {
  const text = labels[lang];
  const { document, missing } = lang === 'zh' ? translate(bundle, translations) : { document: structuredClone(bundle), missing: [] };
  addChineseNames(document, text.chineseName);
  document.info.description = [text.otherLanguage, document.info.description.trim(), errorSection(document, lang)].join('\n\n');
  for (const { path, method, operation } of operations(document)) {
    operation['x-codeSamples'] = codeSamples(document, path, method, operation, { packageName, clientLabel: text.clientLabel });
  }
  return { document, missing };
}
