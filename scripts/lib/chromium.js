// The one place that finds and launches Chromium for the browser tests and the docs benchmark, so
// that `npm install && npm test` needs no browser installed on the machine. In this order:
//   1. the executable named by IDAAS_CHROMIUM, when set (a wrong path is an error, not a fallback);
//   2. a system Chromium or Chrome at a usual path;
//   3. the headless Chromium that the devDependency @sparticuz/chromium ships inside itself.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const chromiumVariable = 'IDAAS_CHROMIUM';

export const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// Headless, in a new empty profile, and no traffic of the browser's own: the docs tests fail on
// any request that leaves the page's server.
const quiet = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Of the package's serverless defaults, --single-process makes closing a page close the browser,
// and --disable-web-security turns CORS off, which the CORS test must see enforced.
const unwanted = new Set(['--single-process', '--disable-web-security']);

/**
 * Unpacks the packaged Chromium once per package version and returns its path. The package itself
 * unpacks to a fixed `<tmp>/chromium` and trusts any file there: one left half-written by an
 * interrupted run, or by another version, would be launched. So it unpacks into a fresh folder
 * (its unpacking reads the temporary folder from TMPDIR), which is then renamed into place whole;
 * when two test files race, the first rename wins and the other copy is dropped.
 */
async function packagedChromium() {
  const { default: packaged } = await import('@sparticuz/chromium');
  const manifest = fileURLToPath(new URL('../../package.json', import.meta.resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(await readFile(manifest, 'utf8'));
  const folder = join(tmpdir(), `idaas-chromium-${version}`);
  const executable = join(folder, 'chromium');
  if (existsSync(executable)) return { executablePath: executable, args: packaged.args };

  const staging = await mkdtemp(`${folder}-unpacking-`);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  // The package reads the temporary folder before its first await; restoring it right after the
  // call keeps everything else in this process on the real one.
  const unpacked = packaged.executablePath();
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  try {
    await unpacked;
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw error;
  }
  return { executablePath: executable, args: packaged.args };
}

/** Which Chromium to launch, and where it came from (`variable`, `system` or `package`). */
export async function findChromium({ env = process.env, candidates = systemChromiums } = {}) {
  const named = env[chromiumVariable];
  if (named) {
    if (!existsSync(named)) throw new Error(`${chromiumVariable} names ${named}, which does not exist.`);
    return { source: 'variable', executablePath: named, args: quiet };
  }
  const system = candidates.find((candidate) => existsSync(candidate));
  if (system) return { source: 'system', executablePath: system, args: quiet };
  const { executablePath, args } = await packagedChromium();
  return { source: 'package', executablePath, args: [...new Set([...args.filter((arg) => !unwanted.has(arg)), ...quiet])] };
}

/**
 * Launches the Chromium that findChromium picks, with playwright-core.
 * @param {{ args?: string[] }} [options] `args` are added to the switches findChromium chooses
 * (the docs benchmark's remote debugging port, which Lighthouse connects to)
 */
export async function launchChromium({ args: extra = [] } = {}) {
  const { executablePath, args } = await findChromium();
  return chromium.launch({ executablePath, args: [...args, ...extra] });
}
