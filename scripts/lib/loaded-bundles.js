// Every product's bundled contract, loaded once per process, so that every test and benchmark
// reads and validates against the same documents. A reader that covers both products loops over
// `products` (src/contract.js) and takes `bundles[product]`.
import { loadBundle } from '../../src/bundles.js';
import { products } from '../../src/contract.js';

/** Each product's bundled contract, by product name. */
export const bundles = Object.fromEntries(products.map((product) => [product, loadBundle(product)]));
