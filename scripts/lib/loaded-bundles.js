// The bundled contracts as tests read them: src/contract.js and src/bundles.js, with every
// product's bundle loaded once, so that every test reads and validates against the same contracts
// the same way, and the repository root that tests find their other files from. A test that covers
// both products loops over `products` and takes `bundles[product]`.
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../../src/bundles.js';
import { products } from '../../src/contract.js';

export { bundlePath, loadBundle } from '../../src/bundles.js';
export {
  catalogue,
  componentName,
  createValidators,
  deref,
  operations,
  pointer,
  products,
} from '../../src/contract.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Each product's bundled contract, by product name. */
export const bundles = Object.fromEntries(products.map((product) => [product, loadBundle(product)]));

const messagePatterns = new Map();

/**
 * A regular expression that matches a catalogue message template with its placeholders filled:
 * `{n}` of an integer placeholder matches digits, any other matches some text. The tests check the
 * sandbox's messages and the examples' with it, independently of the sandbox's own filling.
 */
export function messagePattern(template, placeholders) {
  if (!messagePatterns.has(template)) {
    const source = template
      .split(/(\{\d+\})/)
      .map((part) => {
        const index = /^\{(\d+)\}$/.exec(part)?.[1];
        if (index === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return placeholders[Number(index)].type === 'integer' ? '(\\d+)' : '(.+)';
      })
      .join('');
    messagePatterns.set(template, new RegExp(`^${source}$`, 'u'));
  }
  return messagePatterns.get(template);
}
