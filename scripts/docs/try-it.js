// The "Try it" page of one product in one language: a small page of our own, built from the
// contract, on which a reader sends any named request example of an operation, with its headers
// filled in from the contract's parameter examples, to the local sandbox or to the local scenario
// mock (asking the mock for any named answer), and reads the status and the answer. It learns the
// servers' addresses from /servers.json, which only the docs server of `npm start` serves; on any
// other copy of the site it says so and sends nothing. On load it asks nothing of any other origin.
import { deref, operations } from '../../src/contract.js';
import { htmlLang, languageNames, languages, pagePath } from './decorate.js';
import { loadTranslations, translate } from './i18n.js';
import { serversPath } from '../lib/docs-server.js';

/** Where the try-it page of `product` in `lang` sits in the site: beside, under its reference page. */
export const tryItPath = (product, lang) => `${pagePath(product, lang)}try/`;

/**
 * Where, from the site's root, the docs server of `npm start` says which sandbox and which mock
 * serve each product. A static copy of the site may hold one that lists none (`{}`), so that the
 * page's question is answered without a 404 in the console.
 */

const labels = {
  en: {
    title: '{product}: try it',
    description: 'Send the named examples of the {product} to the local sandbox or scenario mock and read the answers.',
    intro:
      'Pick an operation, a named request example and where to send it. The headers are filled in from the contract’s examples; edit anything before sending. An empty header is not sent.',
    reference: 'Back to the reference',
    otherLanguage: 'Language: ',
    operations: 'Operations',
    offline: 'Try it sends requests only from the docs that `npm start` serves, to its local sandbox and scenario mock. This copy sends nothing.',
    found: 'Sends to the sandbox at {sandbox} or to the scenario mock at {mock}.',
    request: 'Request',
    example: 'Request example',
    headers: 'Headers',
    required: 'required',
    body: 'Body (JSON)',
    noBody: 'This operation takes no body.',
    target: 'Send to',
    sandbox: 'Sandbox (stateful, with the fixture tenant)',
    mock: 'Scenario mock (Prism)',
    answer: 'Answer the mock gives',
    send: 'Send',
    sending: 'Sending…',
    status: 'Status: {status}',
    failed: 'No answer: {reason}',
    badJson: 'The body is not JSON: {reason}',
  },
  zh: {
    title: '{product}：在线试用',
    description: '向本地沙箱或场景模拟服务发送{product}的命名示例，并查看响应。',
    intro: '选择接口、命名请求示例和发送目标。请求头已按契约中的示例填好；发送前可修改任何内容。留空的请求头不会发送。',
    reference: '返回接口文档',
    otherLanguage: '语言：',
    operations: '接口',
    offline: '只有通过 `npm start` 提供的文档才能发送请求，目标是其本地沙箱和场景模拟服务。此副本不会发送任何请求。',
    found: '请求将发送到沙箱 {sandbox} 或场景模拟服务 {mock}。',
    request: '请求',
    example: '请求示例',
    headers: '请求头',
    required: '必填',
    body: '请求体（JSON）',
    noBody: '此接口没有请求体。',
    target: '发送到',
    sandbox: '沙箱（有状态，使用示例租户）',
    mock: '场景模拟服务（Prism）',
    answer: '模拟服务返回的响应',
    send: '发送',
    sending: '正在发送…',
    status: '状态码：{status}',
    failed: '没有收到响应：{reason}',
    badJson: '请求体不是有效的 JSON：{reason}',
  },
};

/** `template` with each `{name}` replaced by `values[name]`; the page's script has the same. */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

/** `text` with its `code` spans as <code>, the rest escaped. */
const withCode = (text) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

// An example's summary is prose, and translated; its name is an identifier, shown only for want of one.
const exampleLabel = (name, example) => example.summary ?? name;

/** What the page needs of each operation, read from the (translated) contract. */
function describeOperations(document) {
  return operations(document).map(({ path, method, operation }) => {
    const headers = (operation.parameters ?? [])
      .map((parameter) => deref(document, parameter))
      .filter((parameter) => parameter.in === 'header')
      .map((parameter) => ({
        name: parameter.name,
        value: parameter.example === undefined ? '' : String(parameter.example),
        required: Boolean(parameter.required),
      }));
    const media = operation.requestBody?.content?.['application/json'];
    const requests = Object.entries(media?.examples ?? {}).map(([name, reference]) => {
      const example = deref(document, reference);
      return { name, label: exampleLabel(name, example), body: JSON.stringify(example.value, null, 2) };
    });
    const answers = Object.entries(operation.responses ?? {}).flatMap(([code, response]) => {
      const examples = Object.entries(response.content?.['application/json']?.examples ?? {});
      if (!examples.length) return [{ prefer: `code=${code}`, label: code }];
      return examples.map(([name, reference]) => ({
        prefer: `code=${code}, example=${name}`,
        label: `${code} · ${exampleLabel(name, deref(document, reference))}`,
      }));
    });
    return { id: operation.operationId, summary: operation.summary, method: method.toUpperCase(), path, headers, takesBody: Boolean(media), requests, answers };
  });
}

function operationSection(operation, text) {
  const { id } = operation;
  const headerRows = operation.headers
    .map(
      (
        header,
        index,
      ) => `        <p><label for="${id}-h${index}">${escapeHtml(header.name)}${header.required ? ` <span class="req">(${text.required})</span>` : ''}</label>
        <input id="${id}-h${index}" data-header="${escapeHtml(header.name)}" value="${escapeHtml(header.value)}" autocomplete="off" spellcheck="false"></p>`,
    )
    .join('\n');
  const requestChoice = operation.requests.length
    ? `      <p><label for="${id}-example">${text.example}</label>
      <select id="${id}-example" data-role="example">
${operation.requests.map((request, index) => `        <option value="${index}">${escapeHtml(request.label)}</option>`).join('\n')}
      </select></p>`
    : '';
  const body = operation.takesBody
    ? `      <p><label for="${id}-body">${text.body}</label>
      <textarea id="${id}-body" data-role="body" rows="6" spellcheck="false">${escapeHtml(operation.requests[0]?.body ?? '{}')}</textarea></p>`
    : `      <p>${text.noBody}</p>`;
  return `    <section id="${escapeHtml(id)}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${escapeHtml(operation.summary)}</h2>
    <p><code>${operation.method} ${escapeHtml(operation.path)}</code></p>
    <form data-operation="${escapeHtml(id)}">
      <fieldset>
      <legend>${text.request}</legend>
${requestChoice}
      <fieldset>
        <legend>${text.headers}</legend>
${headerRows}
      </fieldset>
${body}
      </fieldset>
      <fieldset>
      <legend>${text.target}</legend>
      <p><input type="radio" id="${id}-sandbox" name="${id}-target" value="sandbox" checked> <label for="${id}-sandbox">${text.sandbox}</label></p>
      <p><input type="radio" id="${id}-mock" name="${id}-target" value="mock"> <label for="${id}-mock">${text.mock}</label></p>
      <p><label for="${id}-answer">${text.answer}</label>
      <select id="${id}-answer" data-role="answer" disabled>
${operation.answers.map((answer) => `        <option value="${escapeHtml(answer.prefer)}">${escapeHtml(answer.label)}</option>`).join('\n')}
      </select></p>
      </fieldset>
      <p><button type="submit" disabled>${text.send}</button></p>
      <div class="answer" role="status" aria-live="polite" data-role="result"></div>
    </form>
    </section>`;
}

// Runs in the reader's browser. It reads the servers' addresses from the docs server (same
// origin) and sends a request only when the reader asks for one.
const script = `
const data = JSON.parse(document.getElementById('try-data').textContent);
const text = data.text;
const fill = (template, values) => template.replace(/\\{(\\w+)\\}/g, (_, name) => values[name]);
let servers;
const notice = document.getElementById('servers');
function show(result, status, body) {
  result.replaceChildren();
  const line = document.createElement('p');
  line.textContent = status;
  result.append(line);
  if (body !== undefined) {
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    pre.textContent = body;
    result.append(pre);
  }
}
for (const form of document.querySelectorAll('form[data-operation]')) {
  const operation = data.operations.find((candidate) => candidate.id === form.dataset.operation);
  const example = form.querySelector('[data-role=example]');
  const body = form.querySelector('[data-role=body]');
  const answer = form.querySelector('[data-role=answer]');
  const result = form.querySelector('[data-role=result]');
  example?.addEventListener('change', () => { body.value = operation.requests[example.value].body; });
  for (const radio of form.querySelectorAll('input[type=radio]')) {
    radio.addEventListener('change', () => { answer.disabled = form.elements[operation.id + '-target'].value !== 'mock'; });
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!servers) return;
    const target = form.elements[operation.id + '-target'].value;
    const headers = {};
    for (const input of form.querySelectorAll('[data-header]')) if (input.value.trim()) headers[input.dataset.header] = input.value.trim();
    let payload;
    if (body) {
      try { payload = JSON.stringify(JSON.parse(body.value)); } catch (error) { show(result, fill(text.badJson, { reason: error.message })); return; }
      headers['content-type'] = 'application/json';
    }
    if (target === 'mock') headers.prefer = answer.value;
    show(result, text.sending);
    try {
      const response = await fetch(servers[target] + operation.path, { method: operation.method, headers, body: payload });
      const raw = await response.text();
      let shown = raw;
      // An answer that is not JSON is shown as it came.
      try { shown = JSON.stringify(JSON.parse(raw), null, 2); } catch {}
      show(result, fill(text.status, { status: (response.status + ' ' + response.statusText).trim() }), shown);
    } catch (error) {
      show(result, fill(text.failed, { reason: error.message }));
    }
  });
}
if (location.protocol !== 'file:') {
  fetch(new URL(data.servers, location.href), { headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : undefined))
    .then((all) => {
      if (!all?.[data.product]?.sandbox || !all[data.product].mock) return;
      servers = all[data.product];
      notice.textContent = fill(text.found, servers);
      for (const button of document.querySelectorAll('form[data-operation] button')) button.disabled = false;
    })
    // No docs server of npm start to ask: the page keeps saying that it sends nothing.
    .catch(() => {});
}
`;

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
  header, main, nav { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
  a { color: #0b4fa8; }
  code, pre, input, textarea, select { font-family: ui-monospace, monospace; font-size: 0.9rem; }
  nav ul { padding-left: 1.2rem; columns: 2 16rem; }
  section { border-top: 1px solid #767676; margin-top: 2rem; }
  fieldset { border: 1px solid #767676; border-radius: 4px; margin: 0.8rem 0; }
  label { font-weight: 600; }
  input:not([type=radio]), textarea, select { display: block; box-sizing: border-box; width: 100%; padding: 0.3rem; border: 1px solid #595959; border-radius: 3px; color: #1a1a1a; background: #fff; }
  input[type=radio] + label { font-weight: normal; }
  select:disabled { color: #595959; background: #f2f2f2; }
  .req { font-weight: normal; color: #595959; }
  button { font: inherit; padding: 0.4rem 1.4rem; border: 0; border-radius: 4px; color: #fff; background: #0b4fa8; cursor: pointer; }
  button:disabled { background: #595959; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
  pre { background: #f4f4f4; padding: 0.6rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .notice { border-left: 4px solid #0b4fa8; padding: 0.2rem 0.8rem; background: #eef3fb; }`;

/**
 * The HTML of the try-it page of `product` in `lang`, built from `bundle` (the product's bundled
 * contract). The Chinese page reads its texts through `translations` (openapi/i18n/zh.yaml's map,
 * loaded when not given).
 * @param {{ product: string, lang: string, bundle: any, translations?: Map<string, string> }} options
 */
export function tryItPage({ product, lang, bundle, translations }) {
  const text = labels[lang];
  if (!text) throw new Error(`tryItPage: no labels for the language ${lang}; one of ${Object.keys(labels).join(', ')}`);
  const document = lang === 'zh' ? translate(bundle, translations ?? loadTranslations()).document : bundle;
  const described = describeOperations(document);
  const title = fill(text.title, { product: document.info.title });
  const other = languages.find((candidate) => candidate !== lang);
  // `<` escaped, so that no text of the contract can close the script element.
  const { found, failed, badJson, sending, status } = text;
  // Relative to the page, so that a copy of the site under a sub-path asks its own root.
  const servers = `${'../'.repeat(tryItPath(product, lang).split('/').filter(Boolean).length)}${serversPath.slice(1)}`;
  const data = JSON.stringify({ product, servers, operations: described, text: { found, failed, badJson, sending, status } }).replaceAll('<', '\\u003c');
  return `<!DOCTYPE html>
<html lang="${htmlLang[lang]}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="${escapeHtml(fill(text.description, { product: document.info.title }))}">
  <style>${style}
  </style>
</head>
<body>
  <header>
    <p><a href="../">${text.reference}</a> | ${text.otherLanguage}<a href="../../../${tryItPath(product, other)}" hreflang="${htmlLang[other]}" lang="${htmlLang[other]}">${languageNames[other]}</a></p>
    <h1>${escapeHtml(title)}</h1>
    <p>${escapeHtml(text.intro)}</p>
    <p id="servers" class="notice" role="status" aria-live="polite">${withCode(text.offline)}</p>
  </header>
  <nav aria-label="${text.operations}">
    <h2>${text.operations}</h2>
    <ul>
${described.map((operation) => `      <li><a href="#${escapeHtml(operation.id)}">${escapeHtml(operation.summary)}</a></li>`).join('\n')}
    </ul>
  </nav>
  <main>
${described.map((operation) => operationSection(operation, text)).join('\n')}
  </main>
  <script type="application/json" id="try-data">${data}</script>
  <script>${script}</script>
</body>
</html>
`;
}
