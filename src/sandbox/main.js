// `npm run sandbox`: serves the sandbox alone. Port and host come from flags or the environment
// (--port / SANDBOX_PORT, default 4011; --host / SANDBOX_HOST, default 127.0.0.1); it stops
// cleanly on Ctrl-C or SIGTERM.
import { parseArgs } from 'node:util';
import { createSandbox, defaultBodyLimit } from './server.js';
import * as tenant from './tenant.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SANDBOX_PORT ?? '4011' },
    host: { type: 'string', default: process.env.SANDBOX_HOST ?? '127.0.0.1' },
    'body-limit': { type: 'string', default: String(defaultBodyLimit) },
  },
});

const sandbox = createSandbox({ bodyLimit: Number(values['body-limit']) });
const { address, port } = await sandbox.listen({ host: values.host, port: Number(values.port) });
const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
console.log(`Sandbox listening on ${url}`);
console.log(`  client id ${tenant.clientId}, every password ${tenant.password}, codes ${tenant.smsCode}; users and control routes: GET ${url}/__sandbox/`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await sandbox.close();
    process.exit(0);
  });
}
