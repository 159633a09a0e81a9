// Secrets never reach a transcript, a record or a report: known secret values (the API token,
// the vault password, vault variables passed as extra vars) are replaced wherever they appear,
// and so are values of password-like assignments a command prints ("password=…",
// "PGPASSWORD: …", `"api_password": "…"`, an Authorization header).

export const REDACTED = '[REDACTED]';

/** Shorter values are not taken as secrets: replacing "1" or "yes" everywhere would ruin the text. */
const MIN_SECRET_LENGTH = 4;

const KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pass(?![a-z])|secret|token|api_key|apikey|private_key)[A-Za-z0-9_.-]*`;
/** key = value, key: value, "key": "value", --key value; the value up to the end of its quotes or word. */
const ASSIGNMENT = new RegExp(
  String.raw`((?:["']?\b${KEY}["']?\s*[=:]|--${KEY}[ =])\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,;}\]"']+)`,
  'gi',
);
const AUTH_HEADER = /\b(Authorization:\s*(?:PVEAPIToken=[^=\s]+=|Bearer\s+|Basic\s+))(\S+)/gi;
const TOKEN_PAIR = /\b(PVEAPIToken=[^=\s]+=)([0-9a-f-]{8,})/gi;

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...new Set([...secrets].map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also knows `more`. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.secrets, ...more]);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    out = out.replace(AUTH_HEADER, (_, head: string) => `${head}${REDACTED}`);
    out = out.replace(TOKEN_PAIR, (_, head: string) => `${head}${REDACTED}`);
    return out.replace(ASSIGNMENT, (whole, head: string, value: string) => {
      if (value.includes('[REDACTED')) return whole;
      // `--vault-password-file x`, `token_path: x` name where a secret is kept, not the secret.
      if (/(file|path|dir)["']?\s*[=: ]\s*$/i.test(head)) return whole;
      // Jinja and shell references name a secret, they do not hold one.
      if (/^["']?(\{\{|\$\{?[A-Za-z_]|<|%\()/.test(value)) return whole;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${head}${quote}${REDACTED}${quote}`;
    });
  }

  redactArgv(argv: readonly string[]): string[] {
    return argv.map((arg) => this.redact(arg));
  }
}

/**
 * Text that arrives in chunks: a secret split across two chunks must still be caught, so the
 * tail of each chunk that could begin a secret is held back until the next one (or flush).
 */
export class StreamRedactor {
  private pending = '';

  constructor(private readonly redactor: Redactor) {}

  /** Redacted text that is safe to show now; whole lines only, the rest waits. */
  push(chunk: string): string {
    this.pending += chunk;
    const cut = this.pending.lastIndexOf('\n');
    if (cut < 0) {
      // A very long line without a newline is let through in big pieces.
      if (this.pending.length < 64 * 1024) return '';
      const text = this.pending;
      this.pending = '';
      return this.redactor.redact(text);
    }
    const ready = this.pending.slice(0, cut + 1);
    this.pending = this.pending.slice(cut + 1);
    return this.redactor.redact(ready);
  }

  flush(): string {
    const text = this.pending;
    this.pending = '';
    return text === '' ? '' : this.redactor.redact(text);
  }
}
