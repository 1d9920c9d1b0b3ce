// What the `npm start` tests share: running scripts/start.js (directly or through npm) on free
// ports without the build, waiting for its banner, the processes it left (read from /proc: these
// tests run on Linux, as CI does), and whether a port is free again.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../scripts/lib/free-port.js';
import { root } from '../../scripts/lib/root.js';

export const script = `${root}scripts/start.js`;

/** The servers of `npm start` as its user meets them: their port option and variable, default port, and name. */
export const servers = [
  { option: 'docs-port', variable: 'DOCS_PORT', defaultPort: 4012, what: 'the docs site' },
  { option: 'eiam-mock-port', variable: 'EIAM_MOCK_PORT', defaultPort: 4010, what: 'the EIAM scenario mock (Prism)', product: 'eiam', kind: 'mock' },
  { option: 'eiam-sandbox-port', variable: 'EIAM_SANDBOX_PORT', defaultPort: 4011, what: 'the EIAM sandbox', product: 'eiam', kind: 'sandbox' },
  { option: 'ciam-mock-port', variable: 'CIAM_MOCK_PORT', defaultPort: 4020, what: 'the CIAM scenario mock (Prism)', product: 'ciam', kind: 'mock' },
  { option: 'ciam-sandbox-port', variable: 'CIAM_SANDBOX_PORT', defaultPort: 4021, what: 'the CIAM sandbox', product: 'ciam', kind: 'sandbox' },
];

/** A free port for each server, by its option. */
export async function freePorts() {
  const ports = {};
  for (const { option } of servers) ports[option] = await freePort();
  return ports;
}

export const portArgs = (ports) => Object.entries(ports).flatMap(([option, port]) => [`--${option}`, String(port)]);

/**
 * Runs `command` with `args` from the repository's root, with `env` added to the environment, and
 * collects what the user would see (stdout and stderr together). `exited` resolves with
 * `{ code, signal, output }`.
 */
export function launch(t, command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Processes seen below the child: cleaned up even if a failed test left them orphaned.
  const run = { child, output: '', seen: new Set() };
  child.stdout.on('data', (chunk) => (run.output += chunk));
  child.stderr.on('data', (chunk) => (run.output += chunk));
  run.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output: run.output })));
  t.after(() => {
    for (const pid of new Set([child.pid, ...run.seen, ...descendantsOf(child.pid)])) {
      if (commandOf(pid) === undefined) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  });
  return run;
}

/** Starts scripts/start.js without the build and resolves once its banner is out. */
export async function startServing(t, ports, { command = process.execPath, args = [script, '--no-build', ...portArgs(ports)] } = {}) {
  const run = launch(t, command, args);
  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${run.output}`)), 30_000);
      const check = () => {
        if (!run.output.includes('Ctrl-C stops')) return;
        clearTimeout(timer);
        for (const pid of descendantsOf(run.child.pid)) run.seen.add(pid);
        resolve();
      };
      run.child.stdout.on('data', check);
      run.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`start exited early:\n${run.output}`));
      });
    })
  );
  return run;
}

function parents() {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  return parentOf;
}

/** Every live process below `pid`. */
export function descendantsOf(pid) {
  const parentOf = parents();
  const found = [];
  const walk = (parent) => {
    for (const [child, itsParent] of parentOf) {
      if (itsParent === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/**
 * The command line of `pid`, or undefined once it has ended. A zombie has ended once its last
 * thread has: until then (Node's worker threads exit after its main thread) it still holds its ports.
 */
export function commandOf(pid) {
  try {
    const zombie = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
    if (zombie && readdirSync(`/proc/${pid}/task`).length <= 1) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** Resolves with the processes of `pids` still alive after `ms` milliseconds, or earlier when none is. */
export async function survivors(pids, ms = 5_000) {
  const until = Date.now() + ms;
  for (;;) {
    const alive = pids.filter((pid) => commandOf(pid) !== undefined);
    if (!alive.length || Date.now() > until) return alive.map((pid) => `${pid} ${commandOf(pid)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const portIsFree = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The ports of `ports` that are still taken. */
export async function heldPorts(ports) {
  const held = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portIsFree(port))) held.push(`${name} ${port}`);
  return held;
}
