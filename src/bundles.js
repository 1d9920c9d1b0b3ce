// Reads each product's bundled contract (generated/<product>/openapi.json) from disk, for the code
// that runs in Node: the sandbox's server, the build scripts, the benchmarks and the tests. The
// reading of a bundle itself is ./contract.js, which stays free of Node so that it runs in a browser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { products } from './contract.js';

export const bundlePath = (product) => fileURLToPath(new URL(`../generated/${product}/openapi.json`, import.meta.url));

/** The bundled contract of `product`. */
export function loadBundle(product) {
  if (!products.includes(product)) throw new Error(`No product ${product}: the products are ${products.join(', ')}`);
  return JSON.parse(readFileSync(bundlePath(product), 'utf8'));
}
