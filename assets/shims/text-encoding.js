// Injected into bundles that use the TextEncoder / TextDecoder globals
// (whatwg-url does): bind them to the runtime module, not to the globals,
// which user code may have replaced before the bundle is first loaded.
const te = require('web/text_encoding');

export const TextEncoder = te.TextEncoder;
export const TextDecoder = te.TextDecoder;
