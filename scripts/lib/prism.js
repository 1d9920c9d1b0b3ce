// Starts a Prism mock of one product's bundled contract on a free loopback port, for tests and
// benchmarks that need the scenario mock without the whole `npm start` stack. Prism serves one
// description per process, so each product gets a Prism of its own.
import { spawn } from 'node:child_process';
import { products } from '../../src/contract.js';
import { freePort } from './free-port.js';
import { root } from './root.js';

const prismBin = `${root}node_modules/.bin/prism`;

/**
 * The bundle that `npm run mock:<product>` serves, and so the one the tests serve too.
 * @param {string | undefined} product
 */
export const specOf = (product) => {
  if (!product || !products.includes(product)) throw new Error(`startPrism needs { product }: one of ${products.join(', ')}, got ${product}`);
  return `${root}generated/${product}/openapi.yaml`;
};

/**
 * A running Prism: `{ product, url, stop }`.
 * @param {object} [options]
 * @param {string} [options.product] serves that product's bundle
 * @param {string} [options.spec] serves this description instead (a test's own)
 * @param {string[]} [options.args] more arguments for `prism mock`
 * @returns {Promise<{ product: string | undefined, url: string, stop: () => Promise<void> }>}
 */
export async function startPrism({ product, spec = specOf(product), args = [] } = {}) {
  const port = await freePort();
  const child = spawn(prismBin, ['mock', spec, '--host', '127.0.0.1', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${log}`)), 30_000);
    /** @param {Buffer} chunk */
    const watch = (chunk) => {
      log += chunk;
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve(undefined);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code} before it listened:\n${log}`));
    });
  });
  return {
    product,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
