// Text as a regular expression that matches it literally: the MSW handlers match the contract's
// paths with it, and the docs build and the tests read catalogue messages back with it.
// (RegExp.escape would do, from Node 24 on; the project runs on 20.19.)

/** @param {string} text */
export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
