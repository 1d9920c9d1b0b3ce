// Guards the contract's released promises: compares the bundled contract with the last released
// one (generated/released/openapi.json) using `redocly diff`, lists every change with the semver
// bump it needs, and fails on a breaking (major) change unless info.version's major was raised.
// Usage: node scripts/check-breaking.js [--base <released.json>] [<revision.json>]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  options: { base: { type: 'string', default: `${root}generated/released/openapi.json` } },
  allowPositionals: true,
});
const base = values.base;
const revision = positionals[0] ?? `${root}generated/openapi.json`;

const major = (file) => Number(JSON.parse(readFileSync(file, 'utf8')).info.version.split('.')[0]);
const majorRaised = major(revision) > major(base);
console.log(
  majorRaised
    ? `info.version's major was raised (${major(base)} → ${major(revision)}): breaking changes are listed, not refused.`
    : `info.version's major is unchanged (${major(revision)}): a breaking change fails this check.`,
);

const { status } = spawnSync(
  `${root}node_modules/.bin/redocly`,
  ['diff', base, revision, '--config', `${root}scripts/diff.redocly.yaml`, '--fail-on', majorRaised ? 'none' : 'major'],
  { stdio: 'inherit', env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
);
process.exit(status ?? 1);
