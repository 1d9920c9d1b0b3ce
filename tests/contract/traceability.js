// The traceability check: every header, field, status value and error code that the vendor's pages
// give is in a product's bundled contract, as the pages give it, on the operation that names the
// page in `x-source`; and every operation of the contract has a page. traceability.test.js runs it on
// the real bundles and on mutated copies, conventions.test.js on a copy with an operation added.
import { catalogue, deref, operations } from '../../src/contract.js';
import { filledMessage } from '../../scripts/lib/catalogue-messages.js';

/** The file of openapi/<product>/ that holds the path item of `path`, as redocly.yaml's rule names it. */
export const pathFile = (path) => `paths/${path.slice(1).replaceAll('/', '_')}.yaml`;

function jsonTypesOf(schema) {
  return [schema.type ?? []].flat().map((type) => (type === 'integer' ? 'number' : type));
}

function members(document, schema) {
  return schema.oneOf ? schema.oneOf.map((member) => deref(document, member)) : [schema];
}

function statusValues(document, schema) {
  return members(document, schema).flatMap((member) => {
    const status = deref(document, member.properties?.status ?? {});
    return status.const !== undefined ? [status.const] : (status.enum ?? []);
  });
}

function responseProperties(document, schema) {
  return Object.assign({}, ...members(document, schema).map((member) => member.properties ?? {}));
}

/**
 * What `document`, the bundled contract of `product`, fails to say of what `productPages` (its
 * vendor pages' facts) say, each problem worded with the file to write.
 */
export function traceabilityProblems(product, document, productPages) {
  const problems = [];
  const entries = new Map(catalogue(document).map((entry) => [entry.code, entry]));
  const paged = new Set(productPages.map((page) => `${page.method} ${page.path}`));
  const all = operations(document);
  const byRoute = new Map(all.map(({ path, method, operation }) => [`${method} ${path}`, operation]));
  for (const { path, method, operation } of all) {
    if (!paged.has(`${method} ${path}`)) {
      problems.push(
        `${operation.operationId} (${method.toUpperCase()} ${path}) has no vendor page in tests/contract/page-facts.js: write down what its page says, and name the page in its x-source`,
      );
    }
  }

  for (const page of productPages) {
    const where = `${page.method.toUpperCase()} ${page.path} (${page.page})`;
    const operation = byRoute.get(`${page.method} ${page.path}`);
    if (!operation) {
      problems.push(`${where}: operation missing`);
      continue;
    }
    if (operation['x-source'] !== page.page) problems.push(`${where}: x-source should name the page, in openapi/${product}/${pathFile(page.path)}`);

    const headers = new Map(
      (operation.parameters ?? [])
        .map((parameter) => deref(document, parameter))
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => [parameter.name, parameter.required === true]),
    );
    for (const [name, required] of Object.entries(page.headers)) {
      if (!headers.has(name)) problems.push(`${where}: header ${name} missing`);
      else if (headers.get(name) !== required) problems.push(`${where}: header ${name} required should be ${required}`);
    }
    for (const name of headers.keys()) {
      if (!(name in page.headers)) problems.push(`${where}: header ${name} is not on the page`);
    }

    const request = deref(document, operation.requestBody?.content?.['application/json']?.schema ?? {});
    const requiredFields = new Set(request.required ?? []);
    for (const [field, required] of Object.entries(page.requestFields ?? {})) {
      const property = request.properties?.[field];
      if (!property) problems.push(`${where}: request field ${field} missing`);
      else {
        if (requiredFields.has(field) !== required) problems.push(`${where}: request field ${field} required should be ${required}`);
        if (deref(document, property).type !== 'string') problems.push(`${where}: request field ${field} should be a string`);
      }
    }
    for (const field of Object.keys(request.properties ?? {})) {
      if (!(field in (page.requestFields ?? {}))) problems.push(`${where}: request field ${field} is not on the page`);
    }
    for (const field of page.passwordFields ?? []) {
      const property = deref(document, request.properties?.[field] ?? {});
      if (property.format !== 'password' || property.writeOnly !== true) {
        problems.push(`${where}: ${field} should be format password and writeOnly`);
      }
    }
    if (page.scenarios) {
      const scenarios = deref(document, request.properties?.type ?? {}).enum ?? [];
      for (const scenario of page.scenarios) {
        if (!scenarios.includes(scenario)) problems.push(`${where}: scenario ${scenario} missing`);
      }
      for (const scenario of scenarios) {
        if (!page.scenarios.includes(scenario)) problems.push(`${where}: scenario ${scenario} is not on the page`);
      }
      const captcha = deref(document, request.properties?.captcha_token ?? {});
      if (captcha.type !== 'string' || (captcha.pattern && !new RegExp(captcha.pattern, 'u').test(page.captchaTokenExample))) {
        problems.push(`${where}: captcha_token does not accept the page's example`);
      }
    }

    if (page.codeScenario) {
      const scenarioSchema = Object.values(document.components.schemas).find((schema) => schema.enum?.includes(page.codeScenario));
      if (scenarioSchema?.['x-accepted-by']?.[page.codeScenario] !== operation.operationId) {
        problems.push(`${where}: scenario ${page.codeScenario} should be accepted by ${operation.operationId}`);
      }
    }

    const success = operation.responses?.['200'];
    if (!success) problems.push(`${where}: 200 response missing`);
    else if (page.emptySuccessBody) {
      if (success.content) problems.push(`${where}: the 200 answer has no body on the page`);
    } else {
      const schema = deref(document, success.content?.['application/json']?.schema ?? {});
      const statuses = statusValues(document, schema);
      for (const status of page.statuses) {
        if (!statuses.includes(status)) problems.push(`${where}: status ${status} missing`);
      }
      const properties = responseProperties(document, schema);
      for (const [field, type] of Object.entries(page.responseFields)) {
        const property = properties[field];
        if (!property) problems.push(`${where}: response field ${field} missing`);
        else if (!jsonTypesOf(deref(document, property)).includes(type)) problems.push(`${where}: response field ${field} should allow ${type}`);
      }
    }

    for (const [code, seen] of Object.entries(page.errors)) {
      const entry = entries.get(code);
      if (!entry) {
        problems.push(`${where}: error ${code} missing from the catalogue`);
        continue;
      }
      if (entry.httpStatus !== seen.status) problems.push(`${where}: error ${code} should come with HTTP ${seen.status}`);
      const english = entry.placeholders.length && !seen.en.includes('{0}') ? filledMessage(entry.message.en, ['X-client-id']) : entry.message.en;
      if (english !== seen.en) problems.push(`${where}: error ${code} English message differs from the page`);
      if (seen.zh && entry.message.zh !== seen.zh) problems.push(`${where}: error ${code} Chinese message differs from the page`);
      if (seen.measure && entry.measure.en !== seen.measure && !entry.note?.includes(`"${seen.measure}"`)) {
        problems.push(`${where}: error ${code} handling measure is not the page's words`);
      }
      if (!entry.operations.includes(operation.operationId))
        problems.push(
          `${where}: error ${code} should list ${operation.operationId} in its x-error.operations, in openapi/${product}/components/schemas/ErrorCode.yaml`,
        );
      const examples = Object.values(operation.responses?.[String(seen.status)]?.content?.['application/json']?.examples ?? {});
      if (!examples.some((example) => deref(document, example).value?.error_code === code)) {
        problems.push(`${where}: no ${seen.status} example of error ${code}`);
      }
    }
    for (const code of page.uncatalogued ?? []) {
      if (!operation.description.includes(code)) problems.push(`${where}: the description should name ${code}, which the page shows`);
      if (entries.has(code)) problems.push(`${where}: ${code} is catalogued although no page gives its whole message`);
    }
  }
  return problems;
}
