// A lockout erased by volume: wrong passwords on many other login names must not make the sandbox
// forget a lock or a running count (it once dropped the oldest of 10,000 records, whatever they
// held). The logins that set up and check the locks go through the sandbox's fetch-shaped core,
// which the node:http sandbox and the MSW handlers both run. The flood of 100,000 wrong passwords
// is counted straight into the core's state, as its login handler counts each one, so that it takes
// a fraction of a second instead of minutes; a login through the core then shows how the sandbox
// answers a name beyond the bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandboxCore } from '../../src/sandbox/core.js';
import { maxEntries, StateFull } from '../../src/sandbox/state.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { messagePattern } from '../../scripts/lib/catalogue-messages.js';
import { forProduct, ownCode } from '../../scripts/lib/sandbox-client.js';

const product = 'ciam';
const { tenant, appHeaders, errorEntry, operationsById } = forProduct(product);
const login = /** @type {string} */ (Object.keys(operationsById).find((id) => id.startsWith('loginBy') && operationsById[id].requestBody));
const { path } = operationsById[login];
const [locked, counting] = tenant.users;
const { maxPasswordAttempts, lockMinutes } = tenant.limits;
const fixtureMobiles = new Set(tenant.users.map((user) => user.mobile));
const base = 'http://127.0.0.1:4021';

async function wrongLogin(core, mobile) {
  const response = await core.handle(
    new Request(base + path, { method: 'POST', headers: appHeaders(login), body: JSON.stringify({ mobile, password: `not-${tenant.password}` }) }),
  );
  return { status: response.status, body: await response.json() };
}

// The lock's countdown in seconds, read from the lockedOut message by the catalogue's own template.
const [lockedCode, lockedEntry] = errorEntry('lockedOut');
function countdown(answer) {
  assert.equal(answer.body.error_code, lockedCode, JSON.stringify(answer.body));
  const template = lockedEntry.message.en;
  const values = (messagePattern(template, lockedEntry.placeholders).exec(answer.body.error_msg) ?? []).slice(1);
  const order = [...template.matchAll(/\{(\d+)\}/g)].map((match) => lockedEntry.placeholders[Number(match[1])].name);
  const by = Object.fromEntries(order.map((name, index) => [name, Number(values[index])]));
  return by.minutes * 60 + by.seconds;
}

test('100,000 wrong logins on other numbers leave a locked user locked, with the right countdown, and a running count counting', async (t) => {
  const core = createSandboxCore({ product, bundle: bundles[product] });
  for (let attempt = 0; attempt < maxPasswordAttempts; attempt += 1) await wrongLogin(core, locked.mobile);
  const lockedAt = Date.now();
  for (let attempt = 0; attempt < maxPasswordAttempts - 1; attempt += 1) await wrongLogin(core, counting.mobile);

  const total = 100_000;
  let refused = 0;
  for (let index = 0; index < total; index += 1) {
    const mobile = `137${String(index).padStart(8, '0')}`;
    if (fixtureMobiles.has(mobile)) continue;
    try {
      core.state.failPassword(mobile);
    } catch (error) {
      assert.ok(error instanceof StateFull, String(error));
      refused += 1;
    }
  }
  t.diagnostic(`of ${total} wrong passwords on other numbers, ${refused} were refused`);
  const beyond = await wrongLogin(core, '13799999999');
  assert.deepEqual([beyond.status, beyond.body.error_code], [503, ownCode('BUSY')]);

  const advanced = 60;
  core.advance(advanced);
  const left = countdown(await wrongLogin(core, locked.mobile));
  const expected = lockMinutes * 60 - advanced - (Date.now() - lockedAt) / 1000;
  assert.ok(Math.abs(left - expected) <= 2, `countdown ${left} s, expected about ${Math.round(expected)} s`);

  // The counting user had one attempt left: the next wrong password locks, for the whole lock time.
  assert.equal(countdown(await wrongLogin(core, counting.mobile)), lockMinutes * 60);

  // Memory is bounded by the records held, not by the names tried.
  assert.ok(core.summary().state.lockouts <= maxEntries, `${core.summary().state.lockouts} records of attempts`);

  // Once the locks have ended there is room again: ended locks are dropped, not running counts.
  core.advance(lockMinutes * 60);
  assert.notEqual((await wrongLogin(core, '13799999999')).status, 503);
});

test('200 concurrent wrong passwords for one user are each counted: exactly one answer locks', async () => {
  const core = createSandboxCore({ product, bundle: bundles[product] });
  const answers = await Promise.all(Array.from({ length: 200 }, () => wrongLogin(core, locked.mobile)));
  const codes = answers.map((answer) => answer.body.error_code);
  assert.equal(codes.filter((code) => code !== lockedCode).length, maxPasswordAttempts - 1);
});
