// Runs one product's Arazzo flows (openapi/<product>/flows/) with `redocly respect` against a server
// the caller started, and returns the exit code, output and the counts of respect's workflow summary.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { root } from '../../../scripts/lib/root.js';

const redocly = `${root}node_modules/.bin/redocly`;

/** The folder of `product`'s flows; each names that product's root as its only source, called after the product. */
export const flowsDir = (product) => `${root}openapi/${product}/flows/`;
export const flowFiles = (product) =>
  readdirSync(flowsDir(product))
    .filter((name) => name.endsWith('.arazzo.yaml'))
    .map((name) => `${flowsDir(product)}${name}`);

export function runRedocly(args) {
  const child = spawn(redocly, args, {
    cwd: root,
    env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

/**
 * Runs `product`'s flows (or only the named `workflows`) against `serverUrl` with `redocly respect`.
 * @param {{ product: string, serverUrl: string, workflows?: string[], inputs?: Record<string, unknown> }} run
 */
export async function runRespect({ product, serverUrl, workflows = [], inputs }) {
  const args = ['respect', ...flowFiles(product), '--server', `${product}=${serverUrl}`];
  for (const workflow of workflows) args.push('--workflow', workflow);
  if (inputs) args.push('--input', JSON.stringify(inputs));
  const { code, output } = await runRedocly(args);
  const summary = /Workflows: (?:(\d+) passed, )?(?:(\d+) failed, )?(\d+) total/.exec(output);
  const [passed = 0, failed = 0, total] = summary ? summary.slice(1).map((n) => Number(n ?? 0)) : [];
  return { code, output, summary: summary?.[0], passed, failed, total };
}
