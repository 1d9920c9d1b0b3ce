// What the docs pages add to the contract, checked against the contract: each header's and
// field's Chinese name, one error table row per catalogued code, and code samples that send
// exactly the request the contract's examples describe (the typed-client sample is run against
// the real client, with a fetch that records the request).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createIdaasClient } from '../../dist/index.js';
import { languages } from '../../scripts/docs/decorate.js';
import { bundle, catalogue, deref, operations, root } from '../support/contract.js';
import { pageDocument } from './support.js';

const { name: packageName } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

const resolve = (node) => deref(bundle, node);

/** Each header and body field of the bundle that has a Chinese name, with where it sits. */
const namedFields = [
  ...Object.entries(bundle.components.parameters).map(([name, parameter]) => ({
    where: ['parameters', name],
    chineseName: parameter['x-chinese-name'],
  })),
  ...Object.entries(bundle.components.schemas).flatMap(([schema, { properties = {} }]) =>
    Object.entries(properties).map(([name, property]) => ({
      where: ['schemas', schema, 'properties', name],
      chineseName: property['x-chinese-name'] ?? resolve(property)['x-chinese-name'],
    })),
  ),
].filter(({ chineseName }) => chineseName);

const unquote = (word) => word.replace(/^'|'$/g, '').replaceAll(`'\\''`, "'");

/** The method, URL, headers and body of a curl sample as written by the docs build. */
function parseCurl(source) {
  const lines = source.split(' \\\n').map((line) => line.trim());
  const [, method, url] = lines[0].match(/^curl -X (\w+) (.+)$/);
  const headers = Object.fromEntries(
    lines
      .filter((line) => line.startsWith('-H '))
      .map((line) => unquote(line.slice(3)).split(/: (.*)/s).slice(0, 2).map((part, index) => (index ? part : part.toLowerCase()))),
  );
  const data = lines.find((line) => line.startsWith('--data '));
  return { method, url: unquote(url), headers, body: JSON.parse(unquote(data.slice(7))) };
}

const AsyncFunction = (async () => {}).constructor;

/** Runs a typed-client sample against the real client; returns the request it sent. */
async function runClientSample(source, operation) {
  const sent = [];
  const [[mediaType, content] = []] = Object.entries(operation.responses['200'].content ?? {});
  const fetch = async (request) => {
    sent.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    if (!content) return new Response(null, { status: 200 });
    const example = resolve(Object.values(content.examples)[0]).value;
    return new Response(JSON.stringify(example), { headers: { 'content-type': mediaType } });
  };
  const [importLine, ...code] = source.split('\n');
  assert.equal(importLine, `import { createIdaasClient } from '${packageName}';`);
  await new AsyncFunction('createIdaasClient', code.join('\n'))((options) => createIdaasClient({ ...options, fetch }));
  assert.equal(sent.length, 1);
  return sent[0];
}

for (const lang of languages) {
  describe(`the ${lang} page's description`, () => {
    const page = pageDocument(lang);

    test('gives every header and body field its Chinese name', () => {
      for (const { where, chineseName } of namedFields) {
        const { description } = where.reduce((node, key) => node[key], page.components);
        assert.ok(description.includes(chineseName), `${where.join('.')}: "${chineseName}" is missing from: ${description}`);
        if (lang === 'zh') assert.ok(description.startsWith(`**${chineseName}**`), `${where.join('.')} does not start with its name`);
      }
    });

    test('has a row in the error table for every catalogued code, with all its facts', () => {
      const rows = page.info.description.split('\n').filter((line) => line.startsWith('| `'));
      const entries = catalogue();
      assert.equal(rows.length, entries.length);
      for (const { code, ...error } of entries) {
        const row = rows.find((line) => line.startsWith(`| \`${code}\``));
        assert.ok(row, `no row for ${code}`);
        const facts = [` ${error.httpStatus} `, error.message.en, error.message.zh, error.measure[lang], ...error.operations];
        for (const fact of [...facts, ...(error.inferredFor ?? []).map((id) => `${id}\\*`)]) {
          assert.ok(row.includes(fact), `the row of ${code} lacks "${fact}": ${row}`);
        }
      }
    });
  });
}

describe('the code samples', () => {
  const page = pageDocument('en');
  for (const { path, method, operation } of operations()) {
    test(`of ${operation.operationId} send the request of the contract's examples, in curl and with the typed client`, async () => {
      const samples = page.paths[path][method]['x-codeSamples'];
      assert.deepEqual(
        samples.map(({ lang }) => lang),
        ['Shell', 'JavaScript'],
      );
      const [server] = bundle.servers;
      const url = server.url.replace(/\{(\w+)\}/g, (_, name) => server.variables[name].default) + path;
      const [[mediaType, content]] = Object.entries(operation.requestBody.content);
      const body = resolve(Object.values(content.examples)[0]).value;
      const headers = operation.parameters.map(resolve);

      const curl = parseCurl(samples[0].source);
      assert.equal(curl.method, method.toUpperCase());
      assert.equal(curl.url, url);
      assert.deepEqual(curl.body, body);
      assert.equal(curl.headers['content-type'], mediaType);
      for (const header of headers) assert.equal(curl.headers[header.name.toLowerCase()], header.example, header.name);
      assert.equal(Object.keys(curl.headers).length, headers.length + 1);

      const sent = await runClientSample(samples[1].source, operation);
      assert.equal(sent.method, method.toUpperCase());
      assert.equal(sent.url, url);
      assert.deepEqual(JSON.parse(sent.body), body);
      for (const header of headers) assert.equal(sent.headers.get(header.name), header.example, header.name);
    });
  }
});
