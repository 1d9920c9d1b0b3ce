// The sandbox's own error codes, for what the vendor documents no code for: faults of a call that
// the product's catalogue does not cover, and requests that are not API calls at all. They come in
// the vendor's error shape, prefixed `SANDBOX.` so that nobody takes them for the vendor's, and the
// sandbox sends X-Sandbox-Reason with them. Entries are shaped like catalogue entries, so that one
// function fills both.

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
};

/** The sandbox's own error `name` as a catalogue-shaped entry, with its `SANDBOX.` code. */
export function ownError(name) {
  if (!Object.hasOwn(entries, name)) throw new Error(`No sandbox error ${name}`);
  return { code: `SANDBOX.${name}`, own: true, ...entries[name] };
}
