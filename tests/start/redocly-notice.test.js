// The build that `npm start` runs shows Redocly CLI's Node 20 end-of-life notice once, not once per
// redocly run: first on the real output of two redocly runs (which carry the notice only on Node
// 20), then, on any Node, on output made like it and cut into small chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { createNoticeFilter } from '../../scripts/lib/redocly-notice.js';
import { root } from '../../scripts/lib/root.js';

const notice = 'Node.js 20 support is ending';
const count = (text, part) => text.split(part).length - 1;

/** Collects what `pass` writes to a fake terminal. */
function terminal() {
  const screen = {
    text: '',
    write: (chunk) => {
      screen.text += chunk;
      return true;
    },
  };
  return screen;
}

test('two real redocly runs show the notice once on Node 20, never elsewhere, and their own output twice', async () => {
  const pass = createNoticeFilter();
  const screen = terminal();
  for (let run = 0; run < 2; run += 1) {
    const child = spawn(`${root}node_modules/.bin/redocly`, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await Promise.all([pass(child.stdout, screen), pass(child.stderr, screen)]);
  }
  assert.equal(count(screen.text, notice), process.versions.node.startsWith('20.') ? 1 : 0);
  const version = screen.text.match(/^\d+\.\d+\.\d+$/m)?.[0];
  assert.equal(count(screen.text, `${version}\n`), 2);
});

test('repeated notices are dropped with the blank lines around them; other lines and boxes pass whole', async () => {
  const box = (text) => ['    ╔════╗', `    ║  ${text}  ║`, '    ╚════╝'].join('\n');
  const step = (n) => `\n${box(`Deprecation warning: ${notice}`)}\n\nstep ${n}\n`;
  const input = `${step(1)}${step(2)}\n${box('another box')}\n${step(3)}done`;
  const source = new PassThrough();
  const screen = terminal();
  const passed = createNoticeFilter()(source, screen);
  for (let at = 0; at < input.length; at += 7) source.write(input.slice(at, at + 7));
  source.end();
  await passed;
  assert.equal(screen.text, `\n${box(`Deprecation warning: ${notice}`)}\n\nstep 1\nstep 2\n\n${box('another box')}\nstep 3\ndone`);
});
