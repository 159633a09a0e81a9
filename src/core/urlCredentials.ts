// Credentials written into URLs (`https://admin:s3cret@host`) are masked wherever Certify shows
// text, and the mark that replaces them is the one vault values get: one word for "not shown".
// Pure, so every front end and every finding builder can call it.

/** What a secret Certify will not show reads as. */
export const SECRET_MARK = '‹secret›';

/**
 * The authority after `://` ends at the first `/`, `?`, `#`, backslash, whitespace, quote or
 * control character; its userinfo runs to the authority's last `@`, as URL parsers split it, so a
 * password with a raw `@` in it is masked whole.
 */
const AUTHORITY_END = /[\s/?#\\"'<>`\u0000-\u001f\u007f]/;

/**
 * A user name alone is a login (`ssh://root@pve`, `git@`) and stays; one that looks like an
 * access token (`https://ghp_…@github.com`: 20 characters or more with letters and digits) is
 * the credential itself and is masked.
 */
const TOKEN_LIKE = /^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_.~%+=-]{20,}$/;

/** Linear in the text: each `://` is looked at once, its authority scanned once. */
export function maskUrlCredentials(text: string): string {
  let at = text.indexOf('://');
  if (at < 0) return text;
  let masked = '';
  let copied = 0;
  while (at >= 0) {
    const start = at + 3;
    let end = start;
    let sign = -1;
    for (; end < text.length && !AUTHORITY_END.test(text[end]); end++) if (text[end] === '@') sign = end;
    if (sign >= 0) {
      masked += text.slice(copied, start) + maskUserinfo(text.slice(start, sign));
      copied = sign;
    }
    at = text.indexOf('://', Math.max(end, start));
  }
  return masked + text.slice(copied);
}

function maskUserinfo(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  if (colon >= 0) return `${userinfo.slice(0, colon)}:${SECRET_MARK}`;
  return TOKEN_LIKE.test(userinfo) ? SECRET_MARK : userinfo;
}
