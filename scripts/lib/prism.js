// Runs Prism, the scenario mock, on one description: `spawnPrism` is the one place that starts the
// Prism process and waits for it to listen; `startPrism` uses it to serve one product's bundle on a
// free loopback port, for tests and benchmarks that need the scenario mock without the whole
// `npm start` stack. Prism serves one description per process, so each product gets a Prism of its own.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { products } from '../../src/contract.js';
import { freePort } from './free-port.js';
import { root } from './root.js';

const prismCli = join(dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');

/**
 * Runs `prism mock spec` on `host`:`port` with this Node, and resolves once Prism says it listens.
 * It rejects, with Prism's last line in the message and all it wrote in `output`, when Prism stops
 * first (`code` is EADDRINUSE for a busy port) or, with `timeout`, takes longer than that.
 * @param {string} spec the description, a path from the repository root or absolute
 * @param {object} options
 * @param {number} options.port
 * @param {string} [options.host]
 * @param {string[]} [options.args] more arguments for `prism mock`
 * @param {string[]} [options.nodeArgs] arguments for Node before Prism's script (a `--require`d guard)
 * @param {import('node:child_process').SpawnOptions} [options.spawnOptions] a process group of its own, say
 * @param {number} [options.timeout] milliseconds to wait for it to listen; no limit without
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, exited: Promise<string> }>} `exited`
 * settles, with how (`exit status 0`, `signal SIGTERM`), when the process ends
 */
export function spawnPrism(spec, { port, host = '127.0.0.1', args = [], nodeArgs = [], spawnOptions = {}, timeout }) {
  const child = spawn(process.execPath, [...nodeArgs, prismCli, 'mock', spec, '--host', host, '--port', String(port), ...args], {
    cwd: root,
    ...spawnOptions,
    // Standard input is a pipe too, for a guard in `nodeArgs` that watches for its writer's end.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  /** @type {Promise<string>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit status ${code}`)));
  let output = '';
  return new Promise((resolve, reject) => {
    /** @param {string} message */
    const fail = (message) => {
      // Prism answers a failed start with its whole --help; its last line says what failed.
      /** @type {Error & { code?: string, output?: string }} */
      const error = new Error(`${message}: ${output.trim().split('\n').at(-1)}`);
      if (output.includes('EADDRINUSE')) error.code = 'EADDRINUSE';
      error.output = output;
      reject(error);
    };
    const timer = timeout === undefined ? undefined : setTimeout(() => fail(`Prism did not listen within ${timeout} ms`), timeout);
    /** @param {Buffer} chunk */
    const watch = (chunk) => {
      output += chunk;
      if (!output.includes('Prism is listening')) return;
      clearTimeout(timer);
      child.stdout?.off('data', watch);
      child.stderr?.off('data', watch);
      resolve({ child, exited });
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    exited.then((how) => {
      clearTimeout(timer);
      fail(`Prism stopped before it listened (${how})`);
    });
  });
}

/**
 * The bundle that `npm run mock:<product>` serves, and so the one the tests serve too.
 * @param {string | undefined} product
 */
export const specOf = (product) => {
  if (!product || !products.includes(product)) throw new Error(`startPrism needs { product }: one of ${products.join(', ')}, got ${product}`);
  return `${root}generated/${product}/openapi.yaml`;
};

/**
 * A running Prism on a free loopback port: `{ product, url, stop }`.
 * @param {object} [options]
 * @param {string} [options.product] serves that product's bundle
 * @param {string} [options.spec] serves this description instead (a test's own)
 * @param {string[]} [options.args] more arguments for `prism mock`
 * @returns {Promise<{ product: string | undefined, url: string, stop: () => Promise<void> }>}
 */
export async function startPrism({ product, spec = specOf(product), args = [] } = {}) {
  const port = await freePort();
  const { child, exited } = await spawnPrism(spec, { port, args, timeout: 30_000 });
  // Prism logs each request once it listens; nobody reads that here, but the pipes must not fill up.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    product,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
