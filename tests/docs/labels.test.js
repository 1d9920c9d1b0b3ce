// The interface words of the docs pages (scripts/docs/labels.js) against each other: every label
// has both languages, of the same kind (a text, a list of as many texts, or a function of as many
// arguments), and the Chinese labels are Chinese. The browser test lists any English word left on a
// Chinese page; this one names the label to translate before a page is built.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labels } from '../../scripts/docs/labels.js';

/** Every label of `node` as [path, value], a function called with placeholders to read its words. */
function flatten(node, path = []) {
  if (typeof node === 'function') return [[path.join('.'), node(...Array.from({ length: node.length }, (_, index) => `{${index}}`))]];
  if (Array.isArray(node) || typeof node !== 'object') return [[path.join('.'), node]];
  return Object.entries(node).flatMap(([key, value]) => flatten(value, [...path, key]));
}

test('every interface label has an English and a Chinese wording of the same shape', () => {
  const shape = (node) =>
    typeof node === 'function'
      ? `function/${node.length}`
      : Array.isArray(node)
        ? `list/${node.length}`
        : typeof node === 'object'
          ? Object.fromEntries(Object.entries(node).map(([key, value]) => [key, shape(value)]))
          : typeof node;
  assert.deepEqual(shape(labels.zh), shape(labels.en));
});

test('every Chinese label is worded in Chinese, apart from code, names and marks', () => {
  // What a Chinese label may keep in Latin letters: its code spans, the placeholders it is given,
  // and the names of programs and products it mentions, which are the same in both languages.
  const names = ['curl'];
  const english = flatten(labels.zh).filter(([, text]) => {
    const rest = String(text)
      .replace(/`[^`]*`/g, '')
      .replace(/\{\d+\}/g, '')
      .replace(new RegExp(`\\b(${names.join('|')})\\b`, 'g'), '');
    return /[A-Za-z]{2,}/.test(rest);
  });
  assert.deepEqual(english, []);
});
