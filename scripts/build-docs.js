// `npm run docs`: builds the static docs site in site/ from the bundled contracts. One page per
// product and language (site/<product>/<lang>/), each a static page rendered by scripts/docs/render.js
// from a decorated copy of generated/<product>/openapi.json, with its "Try it" page beside it
// (try/); each product's bundle for download (site/<product>/openapi.{yaml,json}); a product
// chooser per language (site/<lang>/); and site/index.html, which sends a reader to the chooser of
// their browser's language. The products are different APIs, so no page picks one for the reader.
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../src/bundles.js';
import { products } from '../src/contract.js';
import { chooserPath, decorate, htmlLang, languageNames, languages, pagePath, productTitle } from './docs/decorate.js';
import { loadTranslations } from './docs/i18n.js';
import { renderPage } from './docs/render.js';
import { tryItPage, tryItPath } from './docs/try-it.js';
import { serversPath } from './lib/docs-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const site = join(root, 'site');

/** The files of each product's bundle that the site offers for download, beside its pages. */
export const downloads = ['openapi.yaml', 'openapi.json'];

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

const chooserText = {
  en: { heading: 'Choose your product', intro: "Each of the vendor's products has SDK login APIs of its own, and a tenant belongs to one product only." },
  zh: { heading: '请选择您的产品', intro: '厂商的每个产品各有自己的 SDK 登录接口，一个租户只属于其中一个产品。' },
};

const chooserStyle = `body { font: 16px/1.6 system-ui, sans-serif; color: #1a1a1a; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; }
    a { color: #0a4f9e; display: inline-block; padding: 0.3rem 0; }
    ul { list-style: none; padding: 0; }
    li { border: 1px solid #d0d0d0; border-radius: 6px; padding: 0 1rem; margin: 1rem 0; }`;

/** Writes `text` to `file` through a file beside it, so that a server never serves half a page. */
async function writeAtomically(file, text) {
  await mkdir(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, text);
  await rename(draft, file);
}

/** The root page: straight on to the chooser of the browser's language, with links for no script. */
const indexPage = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Bamboo Cloud IDaaS SDK login APIs</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="The SDK login APIs of Bamboo Cloud IDaaS, EIAM and CIAM, in English and Chinese.">
  <style>${chooserStyle}</style>
  <script>
    location.replace(/^zh\\b/i.test(navigator.language) ? '${chooserPath('zh')}' : '${chooserPath('en')}');
  </script>
</head>
<body>
  <main>
  <h1>Bamboo Cloud IDaaS SDK login APIs</h1>
  <p>${languages.map((lang) => `<a href="${chooserPath(lang)}" hreflang="${htmlLang[lang]}" lang="${htmlLang[lang]}">${languageNames[lang]}</a>`).join(' · ')}</p>
  </main>
</body>
</html>
`;

/** The page of `lang` that lists the products, each with its title, summary and downloads. */
function chooserPage(lang, entries) {
  const other = languages.find((candidate) => candidate !== lang);
  const items = entries
    .map(
      ({ product, title, summary }) => `    <li>
      <h2><a href="../${pagePath(product, lang)}">${escapeHtml(title)}</a></h2>
      <p>${escapeHtml(summary)}</p>
      <p>${downloads.map((file) => `<a href="../${product}/${file}">${file}</a>`).join(' · ')}</p>
    </li>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${htmlLang[lang]}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(chooserText[lang].heading)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="${escapeHtml(chooserText[lang].intro)}">
  <style>${chooserStyle}</style>
</head>
<body>
  <nav aria-label="${languageNames[other]}"><a href="../${chooserPath(other)}" hreflang="${htmlLang[other]}" lang="${htmlLang[other]}">${languageNames[other]}</a></nav>
  <main>
  <h1>${escapeHtml(chooserText[lang].heading)}</h1>
  <p>${escapeHtml(chooserText[lang].intro)}</p>
  <ul>
${items}
  </ul>
  </main>
</body>
</html>
`;
}

/**
 * What the page of `product` in `lang` renders (decorate's { document, missing, unlocalised }), and
 * the other products with their titles in `lang`; `bundles` are every product's bundle, by product.
 */
export function pageDescription(bundles, product, lang, { translations, packageName }) {
  const others = products.filter((other) => other !== product).map((other) => ({ product: other, title: productTitle(bundles[other], lang, translations) }));
  return { ...decorate(bundles[product], { product, lang, translations, packageName }), others };
}

export async function buildSite() {
  const bundles = Object.fromEntries(products.map((product) => [product, loadBundle(product)]));
  const { name: packageName } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const translations = loadTranslations();
  for (const product of products) {
    for (const lang of languages) {
      const { document, missing, unlocalised, others } = pageDescription(bundles, product, lang, { translations, packageName });
      if (missing.length) {
        console.warn(`The ${product} ${lang} page shows ${missing.length} text(s) in English, for want of a translation in openapi/i18n/zh.yaml:`);
        for (const { pointer } of missing) console.warn(`  ${pointer}`);
      }
      if (unlocalised.length)
        console.warn(
          `The ${product} ${lang} page shows these error examples in English, as their catalogue entry does not word them: ${unlocalised.join(', ')}`,
        );
      const html = renderPage({ document, english: bundles[product], product, lang, others, tryIt: true });
      await writeAtomically(join(site, pagePath(product, lang), 'index.html'), html);
      await writeAtomically(join(site, tryItPath(product, lang), 'index.html'), tryItPage({ product, lang, bundle: bundles[product], translations }));
    }
    for (const file of downloads) await copyFile(join(root, 'generated', product, file), join(site, product, file));
  }
  for (const lang of languages) {
    const entries = products.map((product) => {
      const { summary } = bundles[product].info;
      return { product, title: productTitle(bundles[product], lang, translations), summary: lang === 'zh' ? (translations.get(summary) ?? summary) : summary };
    });
    await writeAtomically(join(site, chooserPath(lang), 'index.html'), chooserPage(lang, entries));
  }
  await writeAtomically(join(site, 'index.html'), indexPage);
  // The try-it pages ask for this file; a published copy of the site names no local servers, so
  // they send nothing, and its presence spares the reader's console a 404. The docs server of
  // `npm start` answers the same path with the servers it runs.
  await writeAtomically(join(site, serversPath.slice(1)), '{}\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSite();
  const pages = products.flatMap((product) => languages.map((lang) => `${pagePath(product, lang)}index.html`));
  console.log(`Docs site written to ${site}: ${pages.join(', ')}, and a product chooser per language`);
}
