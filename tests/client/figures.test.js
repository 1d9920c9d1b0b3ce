// The figures of every templated message in both products' catalogues, in every language each
// gives: each template is filled with known values, sent as an error answer, and read back by the
// product's client as params, remaining attempts and lockout. Filling is the inverse of what the
// client does, so the test does not share its parsing. `is(code)` is true exactly when the figures
// its type promises were read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IdaasError } from '../../dist/index.js';
import { productFixtures, products, recordingFetch } from './fixtures.js';

for (const product of products) {
  describe(product, () => {
    const { bundle, calls, invoke, create, templatedCodes } = productFixtures(product);
    const login = calls.find((o) => o.op.responses['400']);
    const sampleString = bundle.components.parameters.Agent.name;

    async function errorFor(code, message) {
      const { fetch } = recordingFetch(() => Response.json({ error_code: code, error_msg: message }, { status: 400 }));
      const client = create({ baseUrl: 'http://127.0.0.1:9', fetch });
      const before = Date.now();
      const error = await invoke(client, login).then(
        () => assert.fail('resolved'),
        (e) => e,
      );
      assert.ok(error instanceof IdaasError);
      return { error, before, after: Date.now() };
    }

    test('the catalogue has templated codes', () => assert.ok(templatedCodes.length > 0));

    for (const { code, ...entry } of templatedCodes) {
      for (const [language, template] of Object.entries(entry.message)) {
        test(`${code} in ${language}`, async () => {
          const expected = Object.fromEntries(entry.placeholders.map(({ name, type }, i) => [name, type === 'integer' ? 7 + i * 31 : sampleString]));
          const message = entry.placeholders.reduce((text, { name }, i) => text.replace(`{${i}}`, String(expected[name])), template);
          const { error, before, after } = await errorFor(code, message);
          assert.equal(error.code, code);
          assert.equal(error.message, message);
          assert.equal(error.is(code), true);
          assert.deepEqual(error.params, expected);
          assert.equal(error.remainingAttempts, expected.remainingAttempts);
          if (expected.minutes === undefined) return assert.equal(error.lockout, undefined);
          const { minutes, seconds, endsAt } = error.lockout ?? assert.fail(`${code} gives a lockout`);
          assert.deepEqual({ minutes, seconds }, { minutes: expected.minutes, seconds: expected.seconds });
          const lockMs = (expected.minutes * 60 + expected.seconds) * 1000;
          assert.ok(endsAt.getTime() >= before + lockMs && endsAt.getTime() <= after + lockMs);
        });
      }
    }

    test('a templated code whose message reads differently keeps its code and message, gives no figures, and is not `is`', async () => {
      const [{ code }] = templatedCodes;
      const { error } = await errorFor(code, 'A wording the catalogue does not have');
      assert.equal(error.code, code);
      assert.equal(error.message, 'A wording the catalogue does not have');
      assert.deepEqual(error.params, {});
      assert.equal(error.lockout, undefined);
      assert.equal(error.is(code), false);
    });

    test('a code without placeholders is `is` with no figures, and no other code is', async () => {
      const plain = productFixtures(product).catalogue.find((entry) => entry.placeholders.length === 0);
      const { error } = await errorFor(plain.code, plain.message.en);
      assert.equal(error.is(plain.code), true);
      assert.deepEqual(error.params, {});
      assert.equal(error.is(templatedCodes[0].code), false);
    });

    test('spacing that differs from the template still gives the figures', async () => {
      const entry = templatedCodes.find((e) => e.placeholders.every((p) => p.type === 'integer'));
      const message = Object.values(entry.message)
        .at(-1)
        .replace(/\s+/g, '')
        .replace(/\{\d+\}/g, '3');
      const { error } = await errorFor(entry.code, message);
      assert.deepEqual(
        Object.values(error.params),
        entry.placeholders.map(() => 3),
      );
    });
  });
}
