// Filling and reading back catalogue messages outside the sandbox: the docs build rewords an
// example's message in another language with it, and the tests and the Dredd hooks check the
// messages of the sandbox, the mocks and the examples. For the tests it is an oracle, not a second
// copy of the sandbox's `fillMessage` (src/sandbox/contract.js): it works from the template on its
// own, so that a fault in the sandbox's filling cannot hide in a helper both sides share.
import { escapeRegExp } from '../../src/regexp.js';

const messagePatterns = new Map();

/**
 * A regular expression that matches a catalogue message template with its placeholders filled:
 * `{n}` of an integer placeholder matches digits, any other matches some text.
 * @param {string} template the catalogue message, with `{0}`, `{1}` slots
 * @param {{ type?: string }[]} placeholders the template's placeholders, as the catalogue declares them
 * @returns {RegExp}
 */
export function messagePattern(template, placeholders) {
  if (!messagePatterns.has(template)) {
    const source = template
      .split(/(\{\d+\})/)
      .map((part) => {
        const index = /^\{(\d+)\}$/.exec(part)?.[1];
        if (index === undefined) return escapeRegExp(part);
        return placeholders[Number(index)].type === 'integer' ? '(\\d+)' : '(.+)';
      })
      .join('');
    messagePatterns.set(template, new RegExp(`^${source}$`, 'u'));
  }
  return messagePatterns.get(template);
}

/**
 * `template` with each `{n}` replaced by `values[n]`.
 * @param {string} template
 * @param {unknown[]} values
 */
export function filledMessage(template, values) {
  return template.replace(/\{(\d+)\}/g, (_, index) => String(values[Number(index)]));
}

/**
 * The values that fill the placeholders of `template` to give `message`, by placeholder index
 * (`values[n]` filled `{n}`), or undefined when `message` is not that template filled.
 * @param {string} template
 * @param {{ type?: string }[]} placeholders
 * @param {string} message
 * @returns {string[] | undefined}
 */
export function messageValues(template, placeholders, message) {
  const match = messagePattern(template, placeholders).exec(message);
  if (!match) return undefined;
  /** @type {string[]} */
  const values = [];
  [...template.matchAll(/\{(\d+)\}/g)].forEach(([, index], position) => {
    values[Number(index)] = match[position + 1];
  });
  return values;
}
