// Why the Proxmox API refused a request, in one line: Proxmox puts the reason in the HTTP status
// message ("401 authentication failure", "500 CT 165 already exists on node 'pve01'"), the
// per-parameter complaints in the body's "errors", and sometimes a "message" there too.

/** "HTTP 400 Parameter verification failed. (vmid: value must have a minimum value of 100)". */
export function apiFailureReason(status: number, statusMessage: string, body: string): string {
  const parts = [`HTTP ${status}`];
  const said = oneLine(statusMessage);
  if (said !== '') parts.push(said);
  const parsed = parseBody(body);
  const message = typeof parsed?.message === 'string' ? oneLine(parsed.message) : '';
  if (message !== '' && !said.includes(message)) parts.push(`— ${message}`);
  const errors = parsed?.errors;
  if (errors !== null && typeof errors === 'object') {
    const listed = Object.entries(errors as Record<string, unknown>).map(([key, why]) => `${key}: ${oneLine(String(why))}`);
    if (listed.length > 0) parts.push(`(${listed.join('; ')})`);
  }
  const advice = ADVICE[status];
  return advice === undefined ? parts.join(' ') : `${parts.join(' ')}: ${advice}`;
}

const ADVICE: Record<number, string> = {
  401: 'check the API token id and secret (PROXMOX_API_TOKEN_ID, PROXMOX_API_TOKEN_SECRET), and that the token exists and has not expired.',
  403: "the token lacks a permission: grant it to the token (pveum acl modify … --tokens …), or turn off the token's privilege separation.",
};

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
