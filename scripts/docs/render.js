// Renders the decorated description of one product in one language (decorate.js) into one
// self-contained static HTML page: the whole reference is in the HTML, styled by inlined CSS, with
// one small inlined script for search and the switchers. Every sidebar link is a plain anchor, and
// nothing on the page asks for anything from any server. The only words written here come from
// labels.js; everything else is read from the description. Why a renderer of our own and not Redoc:
// the ADR "Where the docs page's time went".
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { catalogue, deref, operations } from '../../src/contract.js';
import { anchors, chooserLink, htmlLang, languageNames, languages, pageLink } from './decorate.js';
import { inferredMark, labels, oursMark } from './labels.js';

const style = readFileSync(new URL('page.css', import.meta.url), 'utf8');
const script = readFileSync(new URL('page-script.js', import.meta.url), 'utf8');

// No raw HTML from the contract's Markdown: a description is text, and `<scenario>` in one is a word.
const markdown = new MarkdownIt({ html: false });

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

/** Markdown as HTML; its headings get `headingIds`, in order. */
function render(text, headingIds = []) {
  const tokens = markdown.parse(text ?? '', {});
  let index = 0;
  for (const token of tokens) {
    if (token.type !== 'heading_open') continue;
    const id = headingIds[index++];
    if (id) {
      token.attrSet('id', id);
      token.attrSet('data-anchor', '');
    }
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}

/** Markdown of one line, without its paragraph. */
const inline = (text) => markdown.renderInline(text ?? '');

/** The headings of Markdown `text`, as { level, text }, in order. */
function headingsOf(text) {
  const tokens = markdown.parse(text ?? '', {});
  return tokens.flatMap((token, index) => (token.type === 'heading_open' ? [{ level: Number(token.tag.slice(1)), text: tokens[index + 1].content }] : []));
}

/** The anchors of the introduction's headings, read from the English description; each is unique. */
function sectionAnchors(englishDescription) {
  const seen = new Set();
  return headingsOf(englishDescription).map(({ text }) => {
    let anchor = anchors.section(text);
    for (let count = 2; seen.has(anchor); count += 1) anchor = `${anchors.section(text)}-${count}`;
    seen.add(anchor);
    return anchor;
  });
}

const json = (value) => JSON.stringify(value, null, 2);

/** The type of a schema as a reader says it: `string`, `array of string`, or nothing for a choice. */
function typeOf(document, schema, text) {
  if (schema.type === 'array') {
    const items = deref(document, schema.items ?? {});
    return text.arrayOf(typeOf(document, items, text) || items.title || '');
  }
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? '');
}

/** The limits and hints of a schema (format, length, enum, ...) as one line. */
function constraints(schema, text) {
  const facts = [];
  for (const [keyword, say] of Object.entries(text.constraints)) {
    const value = schema[keyword];
    if (value === undefined) continue;
    if (keyword === 'enum' && schema['x-enumDescriptions']) continue;
    const shown = Array.isArray(value)
      ? value.map((item) => `<code>${escapeHtml(json(item))}</code>`).join(' ')
      : `<code>${escapeHtml(typeof value === 'string' ? value : json(value))}</code>`;
    facts.push(say(shown));
  }
  if (schema.writeOnly) facts.push(text.writeOnly);
  if (schema.readOnly) facts.push(text.readOnly);
  return facts;
}

/** The fields of a schema (its properties, its alternatives, its items), as nested lists. */
function schemaView(document, node, text, trail = []) {
  const schema = deref(document, node);
  if (!schema || typeof schema !== 'object' || trail.includes(schema)) return '';
  const next = [...trail, schema];
  const parts = [];
  if (schema.oneOf) {
    const { propertyName, mapping = {} } = schema.discriminator ?? {};
    const variants = schema.oneOf.map((variantNode) => {
      const variant = deref(document, variantNode);
      const values = Object.entries(mapping)
        .filter(([, ref]) => ref === variantNode.$ref)
        .map(([value]) => `<code>${escapeHtml(value)}</code>`);
      const when =
        propertyName && values.length ? ` <span class="type">${text.whenStatus(`<code>${escapeHtml(propertyName)}</code>`, values.join(' / '))}</span>` : '';
      return `<li><p><strong>${escapeHtml(variant.title ?? '')}</strong>${when}</p>${render(variant.description)}${schemaView(document, variant, text, next)}</li>`;
    });
    parts.push(`<p>${text.oneOf}</p><ul class="variants">${variants.join('')}</ul>`);
  }
  if (schema.properties) {
    const required = schema.required ?? [];
    const fields = Object.entries(schema.properties).map(([name, property]) =>
      field(document, { name, node: property, required: required.includes(name) }, text, next),
    );
    parts.push(`<ul class="fields">${fields.join('')}</ul>`);
  }
  if (schema.type === 'array' && schema.items) parts.push(schemaView(document, schema.items, text, next));
  if (schema.contentSchema) parts.push(schemaView(document, schema.contentSchema, text, next));
  return parts.join('');
}

/** One header or body field: name, type, whether required, description, limits, example, its own fields. */
function field(document, { name, node, required, id = '' }, text, trail = []) {
  const target = deref(document, node);
  const schema = { ...deref(document, target.schema ?? target), ...(node.$ref ? {} : node) };
  const description = node.description ?? target.description;
  const example = node.example ?? target.example ?? schema.example;
  const facts = constraints(schema, text);
  if (example !== undefined) facts.push(`${text.example} <code>${escapeHtml(typeof example === 'string' ? example : JSON.stringify(example))}</code>`);
  const enumDescriptions = schema['x-enumDescriptions']
    ? `<ul>${Object.entries(schema['x-enumDescriptions'])
        .map(([value, meaning]) => `<li><code>${escapeHtml(value)}</code>: ${inline(meaning)}</li>`)
        .join('')}</ul>`
    : '';
  return `<li${id ? ` id="${escapeHtml(id)}"` : ''}><p><code>${escapeHtml(name)}</code> <span class="type">${escapeHtml(typeOf(document, schema, text))}</span> ${
    required ? `<span class="required">${text.required}</span>` : `<span class="type">${text.optional}</span>`
  }</p>${render(description)}${facts.length ? `<p class="constraints">${facts.join(' · ')}</p>` : ''}${enumDescriptions}${schemaView(document, schema, text, trail)}</li>`;
}

/** The named examples of a media type, each one folded under its summary; the first one open. */
function examplesView(document, content, text) {
  const examples = Object.entries(content.examples ?? {}).map(([name, node]) => ({ name, ...deref(document, node) }));
  if (!examples.length && content.example !== undefined) examples.push({ name: text.example, value: content.example });
  return examples
    .map(
      (example, index) =>
        `<details class="example"${index === 0 ? ' open' : ''}><summary>${text.example}: ${escapeHtml(example.summary ?? example.name)}</summary>${render(example.description)}<pre><code>${escapeHtml(
          typeof example.value === 'string' ? example.value : json(example.value),
        )}</code></pre></details>`,
    )
    .join('');
}

/** A request body or a response: its media type, its schema's fields and its examples. */
function contentView(document, content, text) {
  return Object.entries(content ?? {})
    .map(([mediaType, media]) => {
      const schema = deref(document, media.schema ?? {});
      // The error body is the same for every error of every operation: the error section
      // describes it once, and each error answer shows its own examples.
      const fields =
        schema === document.components.schemas.Error
          ? `<p>${text.errorBody(`<a href="#${anchors.errors}">${text.errors}</a>`)}</p>`
          : `${render(schema.description)}${schemaView(document, schema, text)}`;
      return `<p><code>${escapeHtml(mediaType)}</code></p>${fields}${examplesView(document, media, text)}`;
    })
    .join('');
}

/** Every header the operations send, described once, each with its anchor. */
function headersView(document, text) {
  const headers = Object.values(document.components.parameters ?? {}).filter((parameter) => parameter.in === 'header');
  return [
    `<section id="${anchors.headers}" data-anchor aria-labelledby="${anchors.headers}/title">`,
    `<h2 id="${anchors.headers}/title">${text.headers}</h2>`,
    `<p>${text.headersIntro}</p>`,
    `<ul class="fields">${headers.map((header) => field(document, { name: header.name, node: header, required: header.required, id: anchors.header(header.name) }, text)).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function operationView(document, { path, method, operation }, text, { tryIt }) {
  const id = anchors.operation(operation.operationId);
  const headers = (operation.parameters ?? []).map((parameter) => deref(document, parameter));
  const parts = [
    `<section class="operation" id="${escapeHtml(id)}" data-anchor aria-labelledby="${escapeHtml(id)}/title">`,
    `<h3 id="${escapeHtml(id)}/title">${escapeHtml(operation.summary)}</h3>`,
    `<p class="endpoint"><code class="method">${method.toUpperCase()}</code> <code>${escapeHtml(path)}</code></p>`,
    render(operation.description),
  ];
  if (tryIt) parts.push(`<p><a href="try/#${escapeHtml(operation.operationId)}">${text.tryIt}</a>${text.tryItHint}</p>`);
  if (headers.length) {
    // Each header is described once, under the request headers; an operation names its own.
    const items = headers.map((header) => {
      const facts = [header.required ? `<span class="required">${text.required}</span>` : `<span class="type">${text.optional}</span>`];
      if (header.example !== undefined) facts.push(`${text.example} <code>${escapeHtml(String(header.example))}</code>`);
      return `<li><a href="#${escapeHtml(anchors.header(header.name))}"><code>${escapeHtml(header.name)}</code></a> ${facts.join(' · ')}</li>`;
    });
    parts.push(`<h4>${text.headers}</h4>`, `<ul class="fields">${items.join('')}</ul>`);
  }
  if (operation.requestBody) {
    const body = deref(document, operation.requestBody);
    parts.push(`<h4>${text.requestBody}</h4>`, render(body.description), contentView(document, body.content, text));
  }
  parts.push(`<h4>${text.responses}</h4>`);
  for (const [status, node] of Object.entries(operation.responses ?? {})) {
    const response = deref(document, node);
    parts.push(
      `<h5><code>${escapeHtml(status)}</code></h5>`,
      render(response.description),
      response.content ? contentView(document, response.content, text) : `<p>${text.noContent}</p>`,
    );
  }
  parts.push(`<h4>${text.samples}</h4>`);
  for (const sample of operation['x-codeSamples'] ?? []) {
    parts.push(`<figure><figcaption>${escapeHtml(sample.label)}</figcaption><pre><code>${escapeHtml(sample.source)}</code></pre></figure>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** `text` with its marks `*` and `†`, as the catalogue says. */
const marked = (text, part, ours = []) => (ours.includes(part) ? `${escapeHtml(text)}${oursMark}` : escapeHtml(text));

/** The error catalogue of the product as one table, with its legend, placeholders and notes. */
function errorsView(document, text, lang) {
  const entries = catalogue(document);
  const [codeColumn, messageColumn, measureColumn, operationsColumn] = text.columns;
  const { components } = document;
  const operationLink = (operationId, mark = '') =>
    `<a href="#${escapeHtml(anchors.operation(operationId))}"><code>${escapeHtml(operationId)}</code></a>${mark}`;
  const rows = entries.map(
    ({ code, title, ...error }) => `<tr id="${escapeHtml(anchors.error(code))}" data-anchor>
<th scope="row" data-label="${escapeHtml(codeColumn)}"><code>${escapeHtml(code)}</code><br>${escapeHtml(title)}<br><code>HTTP ${error.httpStatus}</code><br><a href="${escapeHtml(error.source)}">${text.sourceLink}</a></th>
<td data-label="${escapeHtml(messageColumn)}"><span lang="en">${marked(error.message.en, 'message.en', error.ours)}</span><br><span lang="zh-CN">${marked(error.message.zh, 'message.zh', error.ours)}</span></td>
<td data-label="${escapeHtml(measureColumn)}">${marked(error.measure[lang], `measure.${lang}`, error.ours)}</td>
<td data-label="${escapeHtml(operationsColumn)}">${[...error.operations.map((id) => operationLink(id)), ...(error.inferredFor ?? []).map((id) => operationLink(id, inferredMark))].join('<br>')}</td>
</tr>`,
  );
  const placeholders = entries.flatMap(({ code, placeholders: list }) =>
    list.map(
      (placeholder, index) =>
        `<li><code>${escapeHtml(code)}</code> <code>{${index}}</code> (${escapeHtml(placeholder.name)}): ${inline(placeholder.meaning)}</li>`,
    ),
  );
  const notes = entries.filter((entry) => entry.note).map((entry) => `<li><code>${escapeHtml(entry.code)}</code>: ${inline(entry.note)}</li>`);
  return [
    `<section id="${anchors.errors}" data-anchor aria-labelledby="${anchors.errors}/title">`,
    `<h2 id="${anchors.errors}/title">${text.errors}</h2>`,
    render(text.errorsIntro(Object.keys(components.schemas.Error.properties), components.parameters.Language.name)),
    schemaView(document, components.schemas.Error, text),
    `<table class="errors"><thead><tr>${text.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table>',
    `<p>${text.legend.map(escapeHtml).join('<br>')}</p>`,
    ...(placeholders.length ? [`<h3>${text.placeholders}</h3>`, `<ul>${placeholders.join('')}</ul>`] : []),
    ...(notes.length ? [`<h3>${text.notes}</h3>`, `<ul>${notes.join('')}</ul>`] : []),
    '</section>',
  ].join('\n');
}

/** The introduction's headings with their anchors, for the contents. */
const introSections = (description, ids) => headingsOf(description).map((heading, index) => ({ ...heading, anchor: ids[index], title: heading.text }));

/**
 * The HTML of the page of `product` in `lang`. `document` is the decorated description; `english`
 * the product's bundle, whose headings name the introduction's anchors; `others` the other
 * products as { product, title }; `tryIt` whether each operation links its "Try it" page.
 */
export function renderPage({ document, english, product, lang, others, tryIt }) {
  const text = labels[lang];
  const { info } = document;
  const ids = sectionAnchors(english.info.description);
  const sections = introSections(info.description, ids);
  if (sections.length !== ids.length) throw new Error(`The ${lang} introduction of ${product} has ${sections.length} headings, the English one ${ids.length}`);
  const tags = document.tags ?? [];
  const byTag = new Map(tags.map((tag) => [tag.name, []]));
  for (const entry of operations(document)) {
    const [tag] = entry.operation.tags ?? [];
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push(entry);
  }
  const tagName = (name) => tags.find((tag) => tag.name === name)?.['x-displayName'] ?? name;
  const otherLanguage = languages.find((candidate) => candidate !== lang);
  const title = info.title;

  const contents = [
    `<li><a href="#${anchors.section('introduction')}">${text.introduction}</a><ul>${sections
      .filter(({ level }) => level === 2)
      .map(({ anchor, title: heading }) => `<li><a href="#${escapeHtml(anchor)}">${escapeHtml(heading)}</a></li>`)
      .join('')}</ul></li>`,
    `<li><a href="#${anchors.headers}">${text.headers}</a></li>`,
    ...[...byTag].map(
      ([name, entries]) =>
        `<li><a href="#${escapeHtml(anchors.tag(name))}">${escapeHtml(tagName(name))}</a><ul>${entries
          .map(({ operation }) => `<li><a href="#${escapeHtml(anchors.operation(operation.operationId))}">${escapeHtml(operation.summary)}</a></li>`)
          .join('')}</ul></li>`,
    ),
    `<li><a href="#${anchors.errors}">${text.errors}</a></li>`,
  ].join('\n');

  const [server] = document.servers ?? [];
  const serverFacts = server
    ? `<dt>${text.servers}</dt><dd><code>${escapeHtml(server.url)}</code>${render(server.description)}${Object.entries(server.variables ?? {})
        .map(
          ([name, variable]) =>
            `<p>${text.variable(`<code>${escapeHtml(name)}</code>`, `<code>${escapeHtml(variable.default)}</code>`)}: ${inline(variable.description)}</p>`,
        )
        .join('')}</dd>`
    : '';

  const body = [
    `<section id="${anchors.section('introduction')}" data-anchor aria-labelledby="${anchors.section('introduction')}/title">`,
    `<h1 id="${anchors.section('introduction')}/title">${escapeHtml(title)} <span class="version">${text.version} ${escapeHtml(info.version)}</span></h1>`,
    `<dl class="facts">${serverFacts}<dt>${text.download}</dt><dd><a href="../openapi.yaml"><code>openapi.yaml</code></a> · <a href="../openapi.json"><code>openapi.json</code></a></dd></dl>`,
    render(info.description, ids),
    '</section>',
    headersView(document, text),
    ...[...byTag].map(([name, entries]) => {
      const tag = tags.find((candidate) => candidate.name === name) ?? { name };
      const id = anchors.tag(name);
      return [
        `<section id="${escapeHtml(id)}" data-anchor aria-labelledby="${escapeHtml(id)}/title">`,
        `<h2 id="${escapeHtml(id)}/title">${escapeHtml(tagName(name))}</h2>`,
        render(tag.description),
        ...entries.map((entry) => operationView(document, entry, text, { tryIt })),
        '</section>',
      ].join('\n');
    }),
    errorsView(document, text, lang),
  ].join('\n');

  const productLinks = [{ product, title }, ...others]
    .sort((a, b) => a.product.localeCompare(b.product))
    .map(({ product: each }) =>
      each === product
        ? `<li><span aria-current="page">${each.toUpperCase()}</span></li>`
        : `<li><a href="${pageLink(each, lang)}" data-keep-place>${each.toUpperCase()}</a></li>`,
    )
    .join('');

  return `<!DOCTYPE html>
<html lang="${htmlLang[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(text.description(title, info.summary ?? ''))}">
<meta name="referrer" content="no-referrer">
<style>${style}</style>
</head>
<body>
<a class="skip" href="#main">${text.skip}</a>
<header>
<div><span class="label">${text.product}: </span><ul>${productLinks}</ul></div>
<p><span class="label">${text.language}: </span><a href="${pageLink(product, otherLanguage)}" data-keep-place hreflang="${htmlLang[otherLanguage]}" lang="${htmlLang[otherLanguage]}">${languageNames[otherLanguage]}</a></p>
<p><a href="${chooserLink(lang)}">${text.allProducts}</a></p>
<div id="search" role="search" hidden data-none="${escapeHtml(text.searchNone)}" data-count="${escapeHtml(text.searchCount('#'))}">
<label for="search-input">${text.search}</label>
<input id="search-input" type="search" placeholder="${escapeHtml(text.searchHint)}" autocomplete="off">
<ul aria-label="${text.search}"></ul>
<p role="status"></p>
</div>
</header>
<div class="layout">
<nav class="contents" aria-label="${text.contents}">
<details id="contents"><summary>${text.contents}</summary>
<ul>
${contents}
</ul>
</details>
</nav>
<main id="main">
${body}
</main>
</div>
<script>${script}</script>
</body>
</html>
`;
}
