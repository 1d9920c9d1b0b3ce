// Passes a build step's output on with Redocly CLI's Node 20 end-of-life notice shown once only.
// Every `redocly` run on Node 20 prints that boxed notice, unconditionally (no option or variable
// turns it off), and `npm start` runs redocly several times: the first box is passed on, later ones
// are dropped together with the blank lines around them. Everything else passes unchanged.

const notice = 'Node.js 20 support is ending';
const opensBox = (line) => /^\s*╔/.test(line);
const closesBox = (line) => /^\s*╚/.test(line);

/**
 * A function that copies a readable stream of text to a writable one, line by line, and resolves
 * when the source ends. The notice is shown once across every stream it is given.
 */
export function createNoticeFilter() {
  let shown = false;

  return function pass(source, target) {
    const emit = (lines) => lines.length && target.write(lines.map((line) => `${line}\n`).join(''));
    let partial = '';
    let blanks = [];
    let box = null;
    let afterDroppedBox = false;

    const take = (line) => {
      if (box === null && opensBox(line)) box = [];
      if (box !== null) {
        box.push(line);
        if (!closesBox(line)) return;
        const isNotice = box.some((boxLine) => boxLine.includes(notice));
        afterDroppedBox = isNotice && shown;
        if (!afterDroppedBox) emit([...blanks, ...box]);
        shown ||= isNotice;
        [blanks, box] = [[], null];
        return;
      }
      if (line.trim() === '') {
        if (afterDroppedBox) afterDroppedBox = false;
        else blanks.push(line);
        return;
      }
      afterDroppedBox = false;
      emit([...blanks, line]);
      blanks = [];
    };

    source.setEncoding('utf8');
    source.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(take);
    });
    return /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        source.on('end', () => {
          emit([...blanks, ...(box ?? [])]);
          if (partial) target.write(partial);
          resolve();
        });
      })
    );
  };
}
