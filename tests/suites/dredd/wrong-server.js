// A deliberately wrong server, to prove that the Dredd suite fails when a server breaks the
// contract. It answers like Prism (the example that `Prefer` asks for) but breaks every body that
// has something to break: `expire` of the wrong type, `state_token` missing although required, and
// a `status` value that the contract does not document. Error bodies are served unchanged, so the
// suite must also pass what is right.
import { createServer } from 'node:http';
import { bundle } from '../../support/contract.js';
import { scenariosOf } from './scenarios.js';

export const UNDOCUMENTED_STATUS = 'SOMETHING_ELSE';

export function breakBody(body) {
  const wrong = structuredClone(body);
  if ('expire' in wrong) wrong.expire = String(wrong.expire);
  if ('state_token' in wrong) delete wrong.state_token;
  if (Object.keys(wrong).length === 1 && 'status' in wrong) wrong.status = UNDOCUMENTED_STATUS;
  return wrong;
}

function answer(request) {
  const operation = bundle.paths[request.url]?.[request.method.toLowerCase()];
  const [, status, exampleName = ''] = /code=(\d+)(?:, example=(\w+))?/.exec(request.headers.prefer ?? '') ?? [];
  const scenario = operation && scenariosOf(operation).find((s) => s.status === status && s.exampleName === exampleName);
  if (!scenario) return { status: 404 };
  if (!scenario.example) return { status: Number(status) };
  return { status: Number(status), body: JSON.stringify(breakBody(scenario.example)) };
}

export async function startWrongServer() {
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      const { status, body } = answer(request);
      response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      response.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
