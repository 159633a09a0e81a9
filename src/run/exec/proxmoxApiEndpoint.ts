// How to reach the Proxmox API: its HTTPS base URL, an API token, and how to trust its
// certificate. Proxmox nodes usually serve a self-signed certificate, so pinning its SHA-256
// fingerprint is the normal way; a CA file (or the system store) is the other.

export interface ProxmoxApiEndpoint {
  /** The API's base URL, e.g. https://127.0.0.1:8006/api2/json. Only https is accepted. */
  readonly url: string;
  /** "automation@pve!ansible": user@realm!tokenname. Shown in transcripts. */
  readonly tokenId: string;
  /** The token's secret (a UUID). Sent only in the Authorization header, never shown. */
  readonly secret: string;
  /**
   * SHA-256 of the server certificate as Proxmox shows it (colon-separated hex, e.g. "AB:CD:…").
   * When given, exactly that certificate is accepted and nothing else is checked.
   */
  readonly fingerprint?: string;
  /** PEM file of the CA that signed the certificate; without it (and without a pin) the system store. */
  readonly caFile?: string;
  /** A request with no timeoutMs of its own is abandoned after this long. Default 30 s. */
  readonly timeoutMs?: number;
}

/** "the Proxmox API at 127.0.0.1:8006": what messages call it (the URL's path adds nothing). */
export function apiLabel(endpoint: ProxmoxApiEndpoint): string {
  try {
    const url = new URL(endpoint.url);
    return `the Proxmox API at ${url.hostname}:${url.port || '443'}`;
  } catch {
    return `the Proxmox API at ${endpoint.url}`;
  }
}
