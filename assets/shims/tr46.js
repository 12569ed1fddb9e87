// Stands in for `tr46` inside the whatwg-url bundle (see build.mjs).
//
// whatwg-url runs every special-scheme host through tr46.toASCII. For a host
// that is all ASCII and has no "xn--" label, UTS #46 processing with the URL
// Standard's options (CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength all
// false) is exactly ASCII lowercasing: in the IDNA mapping table every ASCII
// code point is "valid" except A-Z, which map to a-z; NFC, the bidi rule and
// the joiner rules cannot fail without non-ASCII code points. Any other host
// goes to the real tr46 (vendor/tr46), loaded on first use, since its mapping
// table is most of the weight of a URL implementation.
'use strict';

const NON_ASCII = /[^\x00-\x7f]/;
const PUNYCODE_LABEL = /(?:^|\.)xn--/;
const toLowerCase = String.prototype.toLowerCase;
const { apply } = Reflect;

let tr46;
function real() {
  if (tr46 === undefined) tr46 = require('vendor/tr46');
  return tr46;
}

exports.toASCII = function toASCII(domain, options) {
  if (
    !options.checkHyphens &&
    !options.useSTD3ASCIIRules &&
    !options.verifyDNSLength &&
    !NON_ASCII.test(domain)
  ) {
    const lower = apply(toLowerCase, domain, []);
    if (!PUNYCODE_LABEL.test(lower)) return lower;
  }
  return real().toASCII(domain, options);
};

exports.toUnicode = function toUnicode(domain, options) {
  return real().toUnicode(domain, options);
};
