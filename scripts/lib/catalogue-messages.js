// The tests' own filling and reading back of catalogue messages, for the tests and the Dredd hooks
// that check the messages of the sandbox, the mocks and the examples. This is a test oracle, not a
// second copy of the sandbox's `fillMessage` (src/sandbox/contract.js): it works from the template
// on its own, so that a fault in the sandbox's filling cannot hide in a helper both sides share.

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
        if (index === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
