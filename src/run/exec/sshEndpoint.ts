// How to reach a host over SSH: the Proxmox host, or the vantage host (the workflow's external
// VPS), possibly through the Proxmox host as a jump (the lab's vantage host is reachable only
// from inside the lab; a real one may sit behind a bastion).

export interface SshEndpoint {
  /** Display name in messages and transcripts ("pve01", "vantage"). */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** Private key file. Without it the SSH agent (SSH_AUTH_SOCK) is used. */
  readonly identityFile?: string;
  /** Passphrase of the key, from secret storage or the environment; never from a file in the repo. */
  readonly passphrase?: string;
  /**
   * known_hosts file checked strictly: a host not in it is refused (the front end may ask to
   * add it, see HostKeyPrompt), a host whose key changed is always refused.
   */
  readonly knownHostsFile: string;
  /** The name known_hosts lists the host under; default `host`, or `[host]:port` when port ≠ 22. */
  readonly knownHostsName?: string;
  /** Connect through this host (ssh -J): a TCP channel opened from its connection. */
  readonly jump?: SshEndpoint;
  /** Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Keepalive interval; the connection counts as dropped after 3 missed answers. Default 5 s. */
  readonly keepaliveMs?: number;
}

/** A host key not in known_hosts yet: the front end shows the fingerprint and asks. */
export interface UnknownHostKey {
  readonly endpoint: string;
  /** The name it would be recorded under in known_hosts. */
  readonly knownHostsName: string;
  /** As ssh-keygen names it: "ED25519", "ECDSA", "RSA". */
  readonly keyType: string;
  /** "SHA256:…" as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
}

/** Answers true to trust the key and add it to known_hosts; false refuses. No prompt = refuse. */
export type HostKeyPrompt = (key: UnknownHostKey) => Promise<boolean>;
