// `npm run sandbox`: serves one product's sandbox alone. The product, port and host come from flags
// or the environment (--product / SANDBOX_PRODUCT, eiam or ciam, default eiam; --port /
// SANDBOX_PORT, default 4011 for EIAM and 4021 for CIAM; --host / SANDBOX_HOST, default
// 127.0.0.1); it stops cleanly on Ctrl-C or SIGTERM.
import { parseArgs } from 'node:util';
import { products } from '../contract.js';
import { createSandbox, defaultBodyLimit, defaultPorts } from './server.js';

const { values } = parseArgs({
  options: {
    product: { type: 'string', default: process.env.SANDBOX_PRODUCT ?? 'eiam' },
    port: { type: 'string', default: process.env.SANDBOX_PORT },
    host: { type: 'string', default: process.env.SANDBOX_HOST ?? '127.0.0.1' },
    'body-limit': { type: 'string', default: String(defaultBodyLimit) },
  },
});
if (!products.includes(values.product)) {
  console.error(`--product must be one of ${products.join(', ')}, not ${values.product}`);
  process.exit(2);
}

const sandbox = createSandbox({ product: values.product, bodyLimit: Number(values['body-limit']) });
const { url } = await sandbox.listen({ host: values.host, port: Number(values.port ?? defaultPorts[values.product]) });
const { tenant } = sandbox;
console.log(`Sandbox (${values.product.toUpperCase()}) listening on ${url}`);
console.log(`  client id ${tenant.clientId}, every password ${tenant.password}, every code ${[...new Set(Object.values(tenant.codes))].join(', ')}; users, captcha answer and control routes: GET ${url}/__sandbox/`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await sandbox.close();
    process.exit(0);
  });
}
