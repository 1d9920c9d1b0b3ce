// Runs Dredd on one product's bundle, configured by the repository's dredd.yml, against a server the
// caller started, and returns its exit code, output, the counts of its closing summary line and the
// transactions by outcome, with the message of each failure. The tenant settings (IDAAS_*) reach Dredd only through `env`, never from
// the caller's shell.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { bundlePath } from '../../../src/bundles.js';
import { root } from '../../../scripts/lib/root.js';
import YAML from 'yaml';

const dreddBin = `${root}node_modules/.bin/dredd`;

export async function runDredd({ product, endpoint, target = 'mock', env = {} }) {
  const config = YAML.parse(await readFile(`${root}dredd.yml`, 'utf8'));
  config.blueprint = relative(root, bundlePath(product));
  config.endpoint = endpoint;
  config.custom = { ...config.custom, target };
  await mkdir(`${root}test-results/dredd`, { recursive: true });
  const configPath = `${root}test-results/dredd/dredd-${process.pid}-${product}-${target}.yml`;
  await writeFile(configPath, YAML.stringify(config));

  const child = spawn(dreddBin, ['--config', configPath], {
    cwd: root,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IDAAS_'))), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('close', resolve));
  await rm(configPath);

  const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(output);
  const [passing, failing, errors, skipped, total] = summary ? summary.slice(1).map(Number) : [];
  const named = (pattern) => new Set(Array.from(output.matchAll(pattern), (match) => match[1]));
  return {
    code,
    output,
    summary: summary?.[0],
    counts: { passing, failing, errors, skipped, total },
    passed: named(/^pass: (.+) duration: \d+ms$/gm),
    failed: named(/^fail: (.+) duration: \d+ms$/gm),
    // Dredd repeats each failure at the end: its name line, then a line with the message.
    failures: new Map(Array.from(output.matchAll(/^fail: (.+) duration: \d+ms\nfail: (.+)$/gm), (match) => [match[1], match[2]])),
    skippedNames: named(/^skip: (.+)$/gm),
  };
}
