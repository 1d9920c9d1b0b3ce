// `npm run sandbox`: serves one product's sandbox alone. The product, port and host come from flags
// or the environment (--product / SANDBOX_PRODUCT, eiam or ciam, default eiam; --port /
// SANDBOX_PORT, default 4011 for EIAM and 4021 for CIAM; --host / SANDBOX_HOST, default
// 127.0.0.1; --allow-origin / SANDBOX_ALLOW_ORIGINS and --allow-host / SANDBOX_ALLOW_HOSTS, lists
// separated by commas, for the web pages and host names it answers besides loopback ones); it
// stops cleanly on Ctrl-C or SIGTERM. A misuse (an unknown option, a bad value, a
// busy port) is told in one line, with exit status 2.
import { parseArgs } from 'node:util';
import { products } from '../contract.js';
import { createSandbox, defaultBodyLimit, defaultPorts, normalizeHost, normalizeOrigin, readList } from './server.js';

/** @returns {never} */
function usageError(message) {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      product: { type: 'string', default: process.env.SANDBOX_PRODUCT ?? 'eiam' },
      port: { type: 'string', default: process.env.SANDBOX_PORT },
      host: { type: 'string', default: process.env.SANDBOX_HOST ?? '127.0.0.1' },
      'body-limit': { type: 'string', default: String(defaultBodyLimit) },
      'allow-origin': { type: 'string', default: process.env.SANDBOX_ALLOW_ORIGINS },
      'allow-host': { type: 'string', default: process.env.SANDBOX_ALLOW_HOSTS },
    },
  }));
} catch (error) {
  // parseArgs says what is wrong in its message's first line; its stack trace says nothing to a user.
  usageError(
    `${String(error instanceof Error ? error.message : error)
      .split('\n')[0]
      .replace(/\.?$/, '')}; the options are --product, --port, --host, --body-limit, --allow-origin, --allow-host`,
  );
}
if (!products.includes(values.product)) usageError(`--product must be one of ${products.join(', ')}, not ${values.product}`);
const port = values.port ?? String(defaultPorts[values.product]);
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) usageError(`--port (or SANDBOX_PORT) must be a port number from 0 to 65535, not "${port}"`);

if (!/^[1-9]\d*$/.test(values['body-limit'])) usageError(`--body-limit must be a number of bytes above 0, not "${values['body-limit']}"`);

const origins = readList(values['allow-origin'], normalizeOrigin);
if (origins.bad !== undefined)
  usageError(
    `--allow-origin (or SANDBOX_ALLOW_ORIGINS) takes http(s) origins separated by commas, as in https://devbox.example:5173; "${origins.bad}" is not one`,
  );
const hosts = readList(values['allow-host'], normalizeHost);
if (hosts.bad !== undefined)
  usageError(`--allow-host (or SANDBOX_ALLOW_HOSTS) takes host names separated by commas, as in devbox.example; "${hosts.bad}" is not one`);

const sandbox = createSandbox({ product: values.product, bodyLimit: Number(values['body-limit']), allowedOrigins: origins.values, allowedHosts: hosts.values });
const { url } = await sandbox.listen({ host: values.host, port: Number(port) }).catch((error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  return usageError(`port ${port} on ${values.host} is in use; choose another with --port PORT (npm run sandbox -- --port PORT) or SANDBOX_PORT=PORT`);
});
const { tenant } = sandbox;
console.log(`Sandbox (${values.product.toUpperCase()}) listening on ${url}`);
console.log(
  `  client id ${tenant.clientId}, every password ${tenant.password}, every code ${[...new Set(Object.values(tenant.codes))].join(', ')}; users, captcha answer and control routes: GET ${url}/__sandbox/`,
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await sandbox.close();
    process.exit(0);
  });
}
