// punycode.js 2 (RFC 3492), imported as 'punycode/' so Node does not pick its deprecated built-in of the same name.
declare module 'punycode/' {
  const punycode: { decode(input: string): string; toUnicode(domain: string): string }
  export default punycode
}
