// The `punycode` package ships no types; the one function the wallet uses.
declare module 'punycode/punycode.js' {
  const punycode: { toUnicode(domain: string): string };
  export default punycode;
}
