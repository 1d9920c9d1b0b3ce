// What the docs pages add to each product's contract, checked against that contract: each header's
// and field's Chinese name, each operation's vendor page, error examples worded in the language the
// page's samples ask for, and code samples that send exactly the request the contract's examples
// describe (the typed-client sample is run against the product's real client, imported as the
// sample imports it, with a fetch that records the request).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { clientFactory, clientModule, omittedHeaders } from '../../scripts/docs/code-samples.js';
import { languages } from '../../scripts/docs/decorate.js';
import { catalogue, deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { messagePattern } from '../../scripts/lib/catalogue-messages.js';
import { root } from '../../scripts/lib/root.js';
import { pageDocument } from './support.js';

const { name: packageName } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** Each header and body field of `bundle` that has a Chinese name, with where it sits. */
const namedFields = (bundle) =>
  [
    ...Object.entries(bundle.components.parameters).map(([name, parameter]) => ({
      where: ['parameters', name],
      chineseName: parameter['x-chinese-name'],
    })),
    ...Object.entries(bundle.components.schemas).flatMap(([schema, { properties = {} }]) =>
      Object.entries(properties).map(([name, property]) => ({
        where: ['schemas', schema, 'properties', name],
        chineseName: property['x-chinese-name'] ?? deref(bundle, property)['x-chinese-name'],
      })),
    ),
  ].filter(({ chineseName }) => chineseName);

const unquote = (word) => word.replace(/^'|'$/g, '').replaceAll(`'\\''`, "'");

/** The method, URL, headers and body of a curl sample as written by the docs build. */
function parseCurl(source) {
  const lines = source.split(' \\\n').map((line) => line.trim());
  const [, method = 'GET', url] = lines[0].match(/^curl (?:-X (\w+) )?(.+)$/);
  const headers = Object.fromEntries(
    lines
      .filter((line) => line.startsWith('-H '))
      .map((line) =>
        unquote(line.slice(3))
          .split(/: (.*)/s)
          .slice(0, 2)
          .map((part, index) => (index ? part : part.toLowerCase())),
      ),
  );
  const data = lines.find((line) => line.startsWith('--data '));
  return { method, url: unquote(url), headers, body: data && JSON.parse(unquote(data.slice(7))) };
}

const AsyncFunction = /** @type {FunctionConstructor} */ ((async () => {}).constructor);

/** Runs a typed-client sample of `product` against its real client; returns the request it sent. */
async function runClientSample(product, source, operation) {
  const bundle = bundles[product];
  const sent = [];
  const [[mediaType, content] = []] = Object.entries(operation.responses['200'].content ?? {});
  const fetch = async (request) => {
    sent.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    if (!content) return new Response(null, { status: 200 });
    const example = deref(bundle, Object.values(content.examples)[0]).value;
    return new Response(JSON.stringify(example), { headers: { 'content-type': String(mediaType) } });
  };
  const [importLine, ...code] = source.split('\n');
  const factory = clientFactory(product);
  assert.equal(importLine, `import { ${factory} } from '${clientModule(packageName, product)}';`);
  // The package imports itself by name (its `exports`), so this is the module a reader installs.
  const client = await import(clientModule(packageName, product));
  assert.equal(typeof client[factory], 'function', `${clientModule(packageName, product)} exports no ${factory}`);
  await new AsyncFunction(factory, code.join('\n'))((options) => client[factory]({ ...options, fetch }));
  assert.equal(sent.length, 1);
  return sent[0];
}

for (const product of products) {
  const bundle = bundles[product];

  for (const lang of languages) {
    describe(`the ${product} ${lang} page's description`, () => {
      const page = pageDocument(product, lang);

      test('gives every header and body field its Chinese name', () => {
        for (const { where, chineseName } of namedFields(bundle)) {
          const { description } = where.reduce((node, key) => node[key], page.components);
          assert.ok(description.includes(chineseName), `${where.join('.')}: "${chineseName}" is missing from: ${description}`);
          if (lang === 'zh') assert.ok(description.startsWith(`**${chineseName}**`), `${where.join('.')} does not start with its name`);
        }
      });

      test("names each operation's vendor page", () => {
        for (const { path, method, operation } of operations(bundle)) {
          assert.ok(page.paths[path][method].description.includes(`<${operation['x-source']}>`), `${operation.operationId} does not link its page`);
        }
      });

      test("words each error example in the language that the page's samples ask for", () => {
        const sent = page.paths[Object.keys(page.paths)[0]];
        const samples = Object.values(sent)[0]['x-codeSamples'];
        const { name } = page.components.parameters.Language;
        const asks = samples[0].source.includes(`-H '${name}: `);
        assert.equal(asks, !omittedHeaders(lang).includes('Language'));
        const messageLang = asks ? page.components.parameters.Language.example : 'en';
        const entries = new Map(catalogue(page).map((entry) => [entry.code, entry]));
        const errorExamples = Object.entries(page.components.examples).filter(([, example]) => entries.has(example.value?.error_code));
        assert.ok(errorExamples.length > 0);
        for (const [exampleName, { value }] of errorExamples) {
          const template = entries.get(value.error_code).message[messageLang];
          assert.ok(
            messagePattern(template, entries.get(value.error_code).placeholders).test(value.error_msg),
            `${exampleName}: "${value.error_msg}" is not worded as "${template}"`,
          );
        }
      });
    });
  }

  describe(`the ${product} code samples`, () => {
    for (const lang of languages) {
      const page = pageDocument(product, lang);
      for (const { path, method, operation } of operations(bundle)) {
        test(`of ${operation.operationId} on the ${lang} page send the request of the contract's examples, in curl and with the typed client`, async () => {
          const samples = page.paths[path][method]['x-codeSamples'];
          assert.deepEqual(
            samples.map(({ lang }) => lang),
            ['Shell', 'JavaScript'],
          );
          const [server] = bundle.servers;
          const url = server.url.replace(/\{(\w+)\}/g, (_, name) => server.variables[name].default) + path;
          const [[mediaType, content] = []] = Object.entries(operation.requestBody?.content ?? {});
          const body = content && deref(bundle, Object.values(content.examples)[0]).value;
          const omitted = omittedHeaders(lang).map((component) => bundle.components.parameters[component].name);
          const headers = (operation.parameters ?? []).map((parameter) => deref(bundle, parameter)).filter(({ name }) => !omitted.includes(name));

          const curl = parseCurl(samples[0].source);
          assert.equal(curl.method, method.toUpperCase());
          assert.equal(curl.url, url);
          assert.deepEqual(curl.body, body);
          assert.equal(curl.headers['content-type'], mediaType);
          for (const header of headers) assert.equal(curl.headers[header.name.toLowerCase()], header.example, header.name);
          assert.equal(Object.keys(curl.headers).length, headers.length + (mediaType ? 1 : 0));

          const sent = await runClientSample(product, samples[1].source, operation);
          assert.equal(sent.method, method.toUpperCase());
          assert.equal(sent.url, url);
          if (body === undefined) assert.equal(sent.body, '');
          else assert.deepEqual(JSON.parse(sent.body), body);
          for (const header of headers) assert.equal(sent.headers.get(header.name), header.example, header.name);
          for (const name of omitted) assert.equal(sent.headers.get(name), null, name);
        });
      }
    }
  });
}
