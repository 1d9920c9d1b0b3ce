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
