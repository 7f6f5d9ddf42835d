// Decodes Cloudflare email-protection strings (hex, first byte is the XOR key for the rest).

export function decodeCfEmail(hex: string): string | null {
  if (hex.length < 4 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  const key = Number.parseInt(hex.slice(0, 2), 16);
  let out = '';
  for (let i = 2; i < hex.length; i += 2)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16) ^ key);
  // Cloudflare encodes UTF-8 bytes; addresses are ASCII in practice, anything else is not an address.
  return /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(out) ? out : null;
}
