// `npm run docs`: builds the static docs site in site/ from the bundled contract. One page per
// language (site/en/, site/zh/), each rendered by `redocly build-docs` from a decorated copy of
// generated/openapi.json; the bundle itself for download; and site/index.html, which sends a
// reader to the page of their browser's language.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../src/contract.js';
import { decorate, htmlLang, languages } from './docs/decorate.js';
import { loadTranslations } from './docs/i18n.js';
import { buildPage } from './docs/redoc.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const site = join(root, 'site');

const indexPage = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>IDaaS SDK login API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <script>
    location.replace(/^zh\\b/i.test(navigator.language) ? 'zh/' : 'en/');
  </script>
</head>
<body>
  <p><a href="en/">English</a> · <a href="zh/">中文</a></p>
</body>
</html>
`;

export async function buildSite() {
  const bundle = loadBundle();
  const { name: packageName } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const translations = loadTranslations();
  const work = await mkdtemp(join(tmpdir(), 'idaas-docs-'));
  try {
    for (const lang of languages) {
      const { document, missing } = decorate(bundle, { lang, translations, packageName });
      if (missing.length) {
        console.warn(`The ${lang} page shows ${missing.length} text(s) in English, for want of a translation in openapi/i18n/zh.yaml:`);
        for (const { pointer } of missing) console.warn(`  ${pointer}`);
      }
      const spec = join(work, `openapi.${lang}.json`);
      await writeFile(spec, JSON.stringify(document));
      await mkdir(join(site, lang), { recursive: true });
      await buildPage({ spec, output: join(site, lang, 'index.html'), lang: htmlLang[lang] });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  for (const file of ['openapi.yaml', 'openapi.json']) await copyFile(join(root, 'generated', file), join(site, file));
  await writeFile(join(site, 'index.html'), indexPage);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSite();
  console.log(`Docs site written to ${site}: ${languages.map((lang) => `${lang}/index.html`).join(', ')}`);
}
