// Renders one OpenAPI file into one self-contained HTML page with `redocly build-docs`, the way
// every page of the docs site is built (the benchmark builds its baseline page with it too).
import { execFile } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const redocly = `${root}node_modules/.bin/redocly`;
const config = fileURLToPath(new URL('redocly.yaml', import.meta.url));
const template = fileURLToPath(new URL('template.hbs', import.meta.url));

// Redoc 3 draws "API docs by <Redocly logo>" in the sidebar and loads the logo from this CDN;
// build-docs has no option to change or drop it (its docs: "Only the Redocly logo in the sidebar
// loads from the CDN"). The page must make no outside request, so the built HTML gets a small
// inline picture of the name instead, and the attribution link stays.
const cdnLogos = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];
const inlineLogo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="14"><text x="0" y="11" font-family="sans-serif" font-size="12" fill="#5b5b5b">Redocly</text></svg>',
)}`;

/**
 * Builds `spec` into `output`. The page embeds Redoc (`--inlineBundle`) instead of loading it from
 * the CDN, and declares `lang` as its language. The file is written beside `output` and renamed
 * into place, so a server that reads `output` meanwhile never sees half a page.
 */
export async function buildPage({ spec, output, lang }) {
  const draft = `${output}.${process.pid}.tmp`;
  const args = ['build-docs', spec, '-o', draft, '--inlineBundle', '--config', config, '--template', template, `--templateOptions.lang=${lang}`];
  try {
    await promisify(execFile)(redocly, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await rm(draft, { force: true });
    throw new Error(`redocly build-docs ${spec} failed:\n${error.stderr || error.message}`);
  }
  let html = await readFile(draft, 'utf8');
  if (!cdnLogos.some((url) => html.includes(url))) {
    throw new Error(`Redoc no longer loads its logo from ${cdnLogos.join(' or ')}: review scripts/docs/redoc.js`);
  }
  for (const url of cdnLogos) html = html.replaceAll(url, inlineLogo);
  await writeFile(draft, html);
  await rename(draft, output);
}
