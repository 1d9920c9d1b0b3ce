// Starts a Prism mock of one product's bundled contract on a free loopback port, for tests and
// benchmarks that need the scenario mock without the whole `npm start` stack. Prism serves one
// description per process, so each product gets a Prism of its own.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { products } from '../../src/contract.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const prismBin = `${root}node_modules/.bin/prism`;

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The bundle that `npm run mock:<product>` serves, and so the one the tests serve too. */
export const specOf = (product) => {
  if (!products.includes(product)) throw new Error(`startPrism needs { product }: one of ${products.join(', ')}, got ${product}`);
  return `${root}generated/${product}/openapi.yaml`;
};

/** `{ product }` serves that product's bundle; `{ spec }` serves any other description (a test's own). */
export async function startPrism({ product, spec = specOf(product), args = [] } = {}) {
  const port = await freePort();
  const child = spawn(prismBin, ['mock', spec, '--host', '127.0.0.1', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${log}`)), 30_000);
    const watch = (chunk) => {
      log += chunk;
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code} before it listened:\n${log}`));
    });
  });
  await ready;
  return {
    product,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
