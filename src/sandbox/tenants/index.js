// The fixture tenant of each product's sandbox, by product name.
import * as ciam from './ciam.js';
import * as eiam from './eiam.js';

export const tenants = Object.freeze({ eiam, ciam });
