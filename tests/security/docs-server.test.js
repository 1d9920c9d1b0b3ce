// Attacks on the docs server of `npm start` (scripts/lib/docs-server.js): downloads aborted by the
// thousand to exhaust its file descriptors, reads that fail under a descriptor limit, and paths that
// climb out of the site. Each test is named for the attack it stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocsServer, serversPath } from '../../scripts/lib/docs-server.js';

// A page big enough that no response fits in the socket's buffers, as the site's Redoc pages (MBs).
const pageSize = 1024 * 1024;

function siteFolder(t) {
  const folder = mkdtempSync(join(tmpdir(), 'docs-security-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'index.html'), `<!doctype html><title>docs</title>${'x'.repeat(pageSize)}`);
  writeFileSync(join(folder, 'secret.txt'), 'outside the site');
  return folder;
}

async function listen(t, server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  );
  return server.address().port;
}

const openDescriptors = () => readdirSync('/proc/self/fd').length;

/** Asks for `path` and hangs up at the first byte of the answer, as a cancelled download does. */
const abortedDownload = (port, path) =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    socket.once('data', () => socket.destroy());
    socket.once('close', resolve);
    socket.once('error', reject);
  });

async function settle(server, descriptors, baseline) {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const connections = await new Promise((resolve) => server.getConnections((_error, count) => resolve(count)));
    if (connections === 0 && descriptors() <= baseline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('10,000 aborted downloads leave the docs server with the descriptors it started with', async (t) => {
  const server = createDocsServer({ folder: siteFolder(t), servers: () => ({}) });
  const port = await listen(t, server);
  await abortedDownload(port, '/index.html');
  await settle(server, openDescriptors, Infinity);
  const before = openDescriptors();

  const total = 10_000;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      await abortedDownload(port, '/index.html');
    }
  };
  await Promise.all(Array.from({ length: 200 }, worker));
  await settle(server, openDescriptors, before);
  assert.equal(openDescriptors(), before, 'open descriptors after the aborted downloads');
});

test('paths that climb out of the site read nothing outside it', async (t) => {
  const folder = siteFolder(t);
  const inner = join(folder, 'site');
  mkdirSync(inner);
  writeFileSync(join(inner, 'index.html'), 'inside');
  const port = await listen(t, createDocsServer({ folder: inner, servers: () => ({}) }));
  const attempts = [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/....//secret.txt',
    '/%252e%252e/secret.txt',
    '/site/../../secret.txt',
    '//../secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/..%00/secret.txt',
  ];
  for (const path of attempts) {
    const text = await new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.once('close', () => resolve(answer));
      socket.once('error', reject);
    });
    assert.match(text, /^HTTP\/1\.1 [45]\d\d /, path);
    assert.doesNotMatch(text, /outside the site/, path);
  }
});

test(`GET ${serversPath} tells where the mocks and sandboxes listen`, async (t) => {
  const urls = { eiam: { mock: 'http://127.0.0.1:1', sandbox: 'http://127.0.0.1:2' } };
  const server = createDocsServer({ folder: siteFolder(t), servers: () => urls });
  const port = await listen(t, server);
  const response = await fetch(`http://127.0.0.1:${port}${serversPath}`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), urls);
});

// The server runs in a child process whose descriptor limit is small, as in the attack that made
// `npm start` die on EMFILE; after the flood it must still be there and answer.
test('a flood of downloads under a small descriptor limit fails some requests, never the server', async (t) => {
  const folder = siteFolder(t);
  const serve = `import { createDocsServer } from ${JSON.stringify(new URL('../../scripts/lib/docs-server.js', import.meta.url).href)};
const server = createDocsServer({ folder: ${JSON.stringify(folder)}, servers: () => ({}) });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn('sh', ['-c', `ulimit -n 48 && exec "${process.execPath}" --no-warnings --input-type=module -e "$0"`, serve], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = Number(
    await new Promise((resolve, reject) => {
      child.stdout.once('data', resolve);
      exited.then(() => reject(new Error(stderr)));
    }),
  );

  // Slow readers: every connection holds its file open until the flood is over.
  const sockets = [];
  await Promise.all(
    Array.from(
      { length: 200 },
      () =>
        /** @type {Promise<void>} */ (
          new Promise((resolve) => {
            const socket = connect(port, '127.0.0.1', () => socket.write('GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
            socket.once('data', () => {
              socket.pause();
              resolve();
            });
            socket.once('error', resolve);
            socket.once('close', resolve);
            sockets.push(socket);
          })
        ),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 300));

  /** @type {any} */
  const still = await Promise.race([
    exited.then((how) => ({ exited: how, stderr })),
    fetch(`http://127.0.0.1:${port}/index.html`).then(async (response) => ({ status: response.status, size: (await response.arrayBuffer()).byteLength })),
  ]);
  assert.equal(still.status, 200, JSON.stringify(still));
});
