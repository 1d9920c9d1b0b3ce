// The sandbox's own error codes, for what the vendor documents no code for: faults of a call that
// the product's catalogue does not cover, and requests that are not API calls at all. They come in
// the vendor's error shape, prefixed `SANDBOX.` so that nobody takes them for the vendor's, and the
// sandbox sends X-Sandbox-Reason with them. Entries are shaped like catalogue entries, so that one
// function fills both. The HTTP-level answers (403, 408, 413, 415, 431) are the node:http sandbox's:
// the vendor's servers may answer such requests otherwise.

const parameter = [{ name: 'parameter', type: 'string', meaning: 'Name of the header or field.' }];

const entries = {
  // A call's fault that its product's catalogue has no code for.
  PARAMETER_BLANK: {
    httpStatus: 400,
    message: {
      en: 'Parameter {0} is missing or blank. The vendor documents no error code for this on this call; this answer is the sandbox’s own.',
      zh: '参数{0}缺失或为空。供应商未为此接口的这种情形给出错误码；此应答为沙箱自定。',
    },
    placeholders: parameter,
  },
  PARAMETER_INVALID: {
    httpStatus: 400,
    message: {
      en: 'Parameter {0} has a value this call does not accept. The vendor documents no error code for this on this call; this answer is the sandbox’s own.',
      zh: '参数{0}的值不被此接口接受。供应商未为此接口的这种情形给出错误码；此应答为沙箱自定。',
    },
    placeholders: parameter,
  },
  PASSWORD_POLICY: {
    httpStatus: 400,
    message: {
      en: 'The new password does not satisfy the password policy. The vendor documents no error code for this on this call; this answer is the sandbox’s own.',
      zh: '新密码不符合密码策略。供应商未为此接口的这种情形给出错误码；此应答为沙箱自定。',
    },
    placeholders: [],
  },
  // Requests that are not calls of the product's API.
  NOT_FOUND: { httpStatus: 404, message: { en: 'No operation at {0}.' }, placeholders: [{ name: 'path' }] },
  METHOD_NOT_ALLOWED: { httpStatus: 405, message: { en: '{0} takes {1} only.' }, placeholders: [{ name: 'path' }, { name: 'methods' }] },
  BAD_REQUEST: { httpStatus: 400, message: { en: '{0}' }, placeholders: [{ name: 'problem' }] },
  INTERNAL: { httpStatus: 500, message: { en: 'The sandbox failed on this request; see its log.' }, placeholders: [] },
  // The sandbox's memory of failed attempts is full of counts and locks that still matter; it
  // refuses to count one more login name rather than forget one (see ./state.js).
  BUSY: { httpStatus: 503, message: { en: '{0}' }, placeholders: [{ name: 'problem' }] },
  // The browser policy of the node:http sandbox (./server.js): who may call it, and how.
  HOST_NOT_ALLOWED: {
    httpStatus: 403,
    message: { en: 'Host {0} is not one the sandbox answers: loopback names, and the hosts given with --allow-host (SANDBOX_ALLOW_HOSTS).' },
    placeholders: [{ name: 'host' }],
  },
  ORIGIN_NOT_ALLOWED: {
    httpStatus: 403,
    message: {
      en: 'Origin {0} may not call the sandbox: pages on localhost, 127.0.0.1 or [::1] at any port may, and the origins given with --allow-origin (SANDBOX_ALLOW_ORIGINS).',
    },
    placeholders: [{ name: 'origin' }],
  },
  CROSS_ORIGIN_CONTROL: {
    httpStatus: 403,
    message: { en: 'The control routes answer no request from another origin ({0}).' },
    placeholders: [{ name: 'origin' }],
  },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, message: { en: 'A POST to a control route must have Content-Type: application/json.' }, placeholders: [] },
  // HTTP-level faults, answered by the node:http sandbox before any API call is read.
  PAYLOAD_TOO_LARGE: { httpStatus: 413, message: { en: 'The request body is larger than {0} bytes.' }, placeholders: [{ name: 'limit' }] },
  HEADERS_TOO_LARGE: { httpStatus: 431, message: { en: 'The request headers are larger than the sandbox accepts.' }, placeholders: [] },
  REQUEST_TIMEOUT: { httpStatus: 408, message: { en: 'The request did not arrive in time.' }, placeholders: [] },
};

/** The sandbox's own error `name` as a catalogue-shaped entry, with its `SANDBOX.` code. */
export function ownError(name) {
  if (!Object.hasOwn(entries, name)) throw new Error(`No sandbox error ${name}`);
  return { code: `SANDBOX.${name}`, own: true, ...entries[name] };
}
