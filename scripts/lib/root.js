// The repository's root folder, for scripts, tests and benchmarks that read or run its other files
// (bundles, the client's build, node_modules/.bin) wherever they are started from.
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing slash. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
