// A product's sandbox standing in for a real tenant in Dredd's server mode: how to start it, and the
// tenant settings (IDAAS_*) of its plain user, set as a tester sets them for a real tenant.
import { startSandbox } from '../../../scripts/lib/sandbox-client.js';
import { tenants } from '../../../src/sandbox/tenants/index.js';
import { requestFields, settingOf } from './scenarios.js';

const camelCase = (field) => field.replace(/_(\w)/g, (_, letter) => letter.toUpperCase());

export function sandboxTenant(product) {
  const tenant = tenants[product];
  // The fixture tenant's first user signs in plainly; its fields are named as the sandbox names them.
  const account = { ...tenant.users[0], password: tenant.password };
  const env = { IDAAS_CLIENT_ID: tenant.clientId };
  for (const field of requestFields(product)) {
    const value = account[camelCase(field)];
    if (typeof value === 'string') env[settingOf(field)] = value;
  }
  return { start: () => startSandbox({ product }), env };
}
