// The script of each docs page, inlined at its end by render.js. The page reads fully without it
// (every link is a plain anchor); it adds the search box, keeps the reader's place when they switch
// product or language, and unfolds the contents beside the page on a wide screen. It asks nothing of any server.
(() => {
  const search = document.getElementById('search');
  // What search looks through: every anchored place of the page (introduction, tag, operation,
  // error code), with its own text, without that of the places inside it. Read from the page on
  // the first search, so that the page carries its text once.
  let entries;
  const index = () => {
    entries ??= [...document.querySelectorAll('main [data-anchor]')].map((element) => {
      const own = [...element.childNodes].filter(
        (child) => !(child instanceof Element && (child.matches('[data-anchor]') || child.querySelector('[data-anchor]'))),
      );
      const title = element.matches('h1, h2, h3, h4') ? element : element.querySelector('h1, h2, h3, code');
      return {
        anchor: element.id,
        title: title?.textContent?.trim() ?? '',
        where: element.querySelector(':scope > .endpoint')?.textContent ?? '',
        text: own
          .map((child) => child.textContent)
          .join(' ')
          .toLowerCase(),
      };
    });
    return entries;
  };
  const input = search?.querySelector('input');
  const list = search?.querySelector('ul');
  const status = search?.querySelector('[role="status"]');
  if (search && input && list && status) {
    search.hidden = false;
    const clear = () => {
      list.replaceChildren();
      status.textContent = '';
    };
    input.addEventListener('input', () => {
      const query = input.value.trim().toLowerCase();
      clear();
      if (!query) return;
      // A substring match, so that a Chinese word is found inside a sentence, which has no spaces.
      const found = index().filter((entry) => entry.text.includes(query));
      for (const entry of found) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `#${entry.anchor}`;
        link.textContent = entry.title;
        const where = document.createElement('span');
        where.textContent = entry.where;
        item.append(link, ' ', where);
        list.append(item);
      }
      status.textContent = found.length ? (search.dataset.count ?? '').replace('#', String(found.length)) : (search.dataset.none ?? '');
    });
    list.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) {
        input.value = '';
        clear();
      }
    });
  }

  // The place a reader is at: the last anchored element whose top is above a line a little below
  // the header (where a link to an anchor puts the anchor, see scroll-margin-top in page.css).
  const anchored = [...document.querySelectorAll('main [data-anchor]')];
  const header = document.querySelector('body > header');
  const here = () => {
    const line = (header?.getBoundingClientRect().bottom ?? 0) + 32;
    let current = '';
    for (const element of anchored) {
      if (element.getBoundingClientRect().top > line) break;
      current = element.id;
    }
    return current;
  };
  for (const link of document.querySelectorAll('a[data-keep-place]')) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const base = link.getAttribute('href') ?? '';
    link.addEventListener('click', () => {
      const place = here() || decodeURIComponent(location.hash.slice(1));
      link.setAttribute('href', place ? `${base}#${place}` : base);
    });
  }

  // The contents start folded, so that a phone shows the reference first, without the shift that
  // folding them after the first paint would cause; a wide screen unfolds them beside the page.
  const contents = document.getElementById('contents');
  if (contents instanceof HTMLDetailsElement) {
    const narrow = matchMedia('(max-width: 60rem)');
    if (!narrow.matches) contents.open = true;
    contents.addEventListener('click', (event) => {
      if (narrow.matches && event.target instanceof Element && event.target.closest('a')) contents.open = false;
    });
  }
})();
