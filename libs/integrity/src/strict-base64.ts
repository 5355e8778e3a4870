/**
 * Standard base64 (RFC 4648 section 4) decoding that refuses what Node's own decoder
 * quietly accepts: missing padding, whitespace, stray characters and non-canonical
 * trailing bits. Signed notes are compared byte for byte by other tools, so a note we
 * accept must have exactly one spelling.
 */
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or `undefined` when `text` is not canonical standard base64. */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!CANONICAL_BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
