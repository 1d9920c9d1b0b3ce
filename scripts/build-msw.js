// Builds the `idaas-sdk-login/msw` entry: bundles src/msw/index.js with the sandbox core, Ajv and
// the trimmed contracts into dist/msw.js (msw stays outside: it is the app's, a peer dependency),
// and puts its hand-written declarations beside it. The package ships dist/, not src/, so the
// entry carries everything it runs.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

mkdirSync(at('dist'), { recursive: true });
await build({
  entryPoints: [at('src/msw/index.js')],
  outfile: at('dist/msw.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  external: ['msw'],
  target: 'es2022',
  logLevel: 'warning',
});
copyFileSync(at('src/msw/index.d.ts'), at('dist/msw.d.ts'));
