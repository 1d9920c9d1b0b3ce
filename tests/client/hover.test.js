// What an editor shows on hovering a method of either client: TypeScript's language service, the
// one editors use, is asked for the quick info of `client.<operationId>` in a file that imports the
// package by its published entries, so the declarations read are the built ones and the generated
// client contracts they point to. Each method must show its operation's summary, description,
// method and path, and the vendor page it comes from, as the product's contract gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { root } from '../../scripts/lib/root.js';
import { productFixtures, products } from './fixtures.js';

const factoryName = { eiam: 'createEiamClient', ciam: 'createCiamClient' };
const file = `${root}test-results/hover/example.ts`;
const source = products
  .map(
    (product) => `import { ${factoryName[product]} } from 'idaas-sdk-login/${product}';
export const ${product} = ${factoryName[product]}({ domain: 'acme.idaas.example.com', clientId: 'x', device: { osVersion: 'a', fingerprint: 'b', agent: 'c' } });
${productFixtures(product)
  .calls.map(({ op }) => `void ${product}.${op.operationId};`)
  .join('\n')}
`,
  )
  .join('\n')
  .concat('void ciam.verifyIdToken;\n');

const { options } =
  ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} }) ??
  assert.fail('tsconfig.json parses');
// The example lives only in memory; every other file is read from the disk.
const service = ts.createLanguageService({
  getScriptFileNames: () => [file],
  getScriptVersion: () => '1',
  getScriptSnapshot: (name) => {
    const text = name === file ? source : ts.sys.readFile(name);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  fileExists: (name) => name === file || ts.sys.fileExists(name),
  readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
  getCurrentDirectory: () => root,
  getCompilationSettings: () => ({ ...options, noEmit: true }),
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  readDirectory: ts.sys.readDirectory,
});

const squash = (text) => text.replace(/\s+/g, ' ').trim();

function hover(product, operationId) {
  const position = source.indexOf(`void ${product}.${operationId};`) + `void ${product}.`.length;
  const info = service.getQuickInfoAtPosition(file, position);
  assert.ok(info, `no quick info for ${product}.${operationId}`);
  return {
    signature: ts.displayPartsToString(info.displayParts),
    documentation: squash(ts.displayPartsToString(info.documentation)),
    tags: (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`),
  };
}

test('the example compiles against the built entries', () => {
  const problems = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(problems, []);
});

for (const product of products) {
  for (const { op, method, path } of productFixtures(product).calls) {
    test(`${product}.${op.operationId} shows its contract on hover`, () => {
      const { documentation, tags } = hover(product, op.operationId);
      assert.ok(documentation.startsWith(squash(op.summary)), documentation);
      assert.ok(documentation.includes(squash(op.description)), 'the description is missing');
      assert.ok(documentation.includes(`${method.toUpperCase()} ${path}`), 'the method and path are missing');
      assert.ok(
        tags.some((tag) => tag.includes(op['x-source'])),
        'the vendor page is missing',
      );
    });
  }
}

test('verifyIdToken shows what it checks', () => {
  assert.match(hover('ciam', 'verifyIdToken').documentation, /RS256/);
});
