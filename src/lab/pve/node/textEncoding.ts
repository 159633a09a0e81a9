// Proxmox's encode_text/decode_text (pve-common Tools.pm): the `description` is stored as
// `#` comment lines with control characters, bytes above 0x7e and ':' percent-encoded
// (uri_escape of the UTF-8 bytes with the unsafe set "^\x20-\x39\x3b-\x7e").

export function encodeText(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const safe = byte >= 0x20 && byte <= 0x7e && byte !== 0x3a;
    out += safe ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeText(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
