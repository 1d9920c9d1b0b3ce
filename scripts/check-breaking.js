// Guards each product's released promises: compares a product's bundled contract
// (generated/<product>/openapi.json) with its last released one (generated/released/<product>/openapi.json)
// using `redocly diff`, lists every change with the semver bump it needs, and fails on a breaking
// (major) change unless info.version's major was raised. Without options it checks every product.
// Usage: node scripts/check-breaking.js [--product <eiam|ciam>]
//        node scripts/check-breaking.js --base <released.json> <revision.json>
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundlePath } from '../src/bundles.js';
import { products } from '../src/contract.js';
import { root } from './lib/root.js';

const { values, positionals } = parseArgs({
  options: { product: { type: 'string' }, base: { type: 'string' } },
  allowPositionals: true,
});

const releasedPath = (product) => `${root}generated/released/${product}/openapi.json`;

function pairs() {
  if (values.base || positionals.length) {
    if (!values.base || positionals.length !== 1 || values.product) {
      throw new Error('give --base <released.json> and one <revision.json>, or --product, or nothing');
    }
    return [{ label: positionals[0], base: values.base, revision: positionals[0] }];
  }
  if (values.product && !products.includes(values.product)) throw new Error(`no product ${values.product}: the products are ${products.join(', ')}`);
  return (values.product ? [values.product] : products).map((product) => ({ label: product, base: releasedPath(product), revision: bundlePath(product) }));
}

const major = (file) => Number(JSON.parse(readFileSync(file, 'utf8')).info.version.split('.')[0]);

function check({ label, base, revision }) {
  const majorRaised = major(revision) > major(base);
  console.log(`\n${label}: ${revision} against ${base}`);
  console.log(
    majorRaised
      ? `${label}: info.version's major was raised (${major(base)} → ${major(revision)}): breaking changes are listed, not refused.`
      : `${label}: info.version's major is unchanged (${major(revision)}): a breaking change fails this check.`,
  );
  const { status } = spawnSync(
    `${root}node_modules/.bin/redocly`,
    ['diff', base, revision, '--config', `${root}scripts/diff.redocly.yaml`, '--fail-on', majorRaised ? 'none' : 'major'],
    { stdio: 'inherit', env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
  );
  return status ?? 1;
}

let checks;
try {
  checks = pairs();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const failed = checks.filter((pair) => check(pair) !== 0).map(({ label }) => label);
console.log(
  failed.length
    ? `\nbreaking changes without a major version: ${failed.join(', ')}`
    : `\nno unannounced breaking change: ${checks.map(({ label }) => label).join(', ')}`,
);
process.exit(failed.length ? 1 : 0);
