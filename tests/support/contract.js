// The bundled contract as tests read it: src/contract.js with the bundle loaded once and taken as
// the default document, so that every test reads and validates against the same contract the same
// way, and the repository root that tests find their other files from.
import { fileURLToPath } from 'node:url';
import * as contract from '../../src/contract.js';

export { bundlePath, componentName, deref, loadBundle, pointer } from '../../src/contract.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export const bundle = contract.loadBundle();

export const operations = (document = bundle) => contract.operations(document);

export const catalogue = (document = bundle) => contract.catalogue(document);

export const createValidators = (document = bundle, ajvOptions) => contract.createValidators(document, ajvOptions);

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
