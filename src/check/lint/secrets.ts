// What counts as a secret: which variable and parameter names hold one, which values are
// placeholders rather than secrets, and which passwords are too weak to ship as defaults.

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase']);
const SECRET_WORDS = new Set([...PASSWORD_WORDS, 'secret', 'token', 'apikey', 'privatekey', 'secretkey']);
/** Two-word endings that name a secret (`*_api_key`, `*_private_key`). `access_key` is an id. */
const SECRET_PAIRS = new Set(['api key', 'private key', 'secret key', 'encryption key', 'master key', 'signing key', 'auth key']);
/** `PGPASSWORD`, `adminpassword`: one word ending in a password word. */
const GLUED_PASSWORD = /.(password|passwd|passphrase)$/;
/** Parameters whose names end like a secret but take a mode, not a secret (user module). */
const NOT_SECRETS = new Set(['update_password']);

/** The words of a name: `db_password`, `DB-PASSWORD`, `dbPassword` → [db, password]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Does this key name a secret? Decided by its last word(s): `token_id`, `password_file`, `password_length` do not. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRETS.has(name.toLowerCase())) return false;
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  return (
    SECRET_WORDS.has(last) || GLUED_PASSWORD.test(last) || SECRET_PAIRS.has(words.slice(-2).join(' ')) || words.slice(-3).join(' ') === 'secret access key'
  );
}

export function isPasswordName(name: string): boolean {
  if (NOT_SECRETS.has(name.toLowerCase())) return false;
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last !== undefined && (PASSWORD_WORDS.has(last) || GLUED_PASSWORD.test(last));
}

/** Values that stand for "fill this in", documented as such: not a leaked secret. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (/change[_ -]?me|replace[_ -]?me|^(todo|tbd|fixme|secret_here|your[_ -].*)$/i.test(text)) return true;
  return /^(<[^>]*>|\$\{[^}]*\}|x{3,}|\*{3,}|\.{3})$/i.test(text);
}

/** Jinja, a vault blob or an inline lookup: the value is not written here. */
export function isIndirect(value: string): boolean {
  return /\{\{|\{%/.test(value) || value.trimStart().startsWith('$ANSIBLE_VAULT');
}

/** A crypt(3) hash (`$6$…`, `$y$…`, `$2b$…`, `$argon2id$…`): stored hashed, not in plain text. */
export function isPasswordHash(value: string): boolean {
  return /^\$(1|2[aby]?|5|6|y|gy|7|argon2(id|i|d)?|scrypt|pbkdf2[-\w]*)\$\S+$/.test(value.trim());
}

/** A file path (`/etc/x/secret`, `~/.ssh/id_ed25519`): names where the secret is, not the secret. */
export function isPathLike(value: string): boolean {
  return /^(~|\.{1,2})?\/[\w.@:+/-]*$/.test(value.trim()) && value.includes('/');
}

const WEAK_PASSWORDS = new Set([
  'admin', 'administrator', 'changeme', 'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'secret', 'root',
  'toor', 'test', 'guest', 'default', 'letmein', 'welcome', 'qwerty', 'abc123', '123456', '12345678',
  '123456789', '1234567890', 'pass', 'postgres', 'mysql', 'master',
]);
export const MIN_DEFAULT_PASSWORD_LENGTH = 12;

/** Too weak to ship: a well-known password (CHANGE_ME included) or shorter than 12 characters. */
export function isWeakPassword(value: string): boolean {
  const text = value.trim();
  if (text === '') return false;
  return WEAK_PASSWORDS.has(text.toLowerCase().replace(/[_ -]/g, '')) || text.length < MIN_DEFAULT_PASSWORD_LENGTH;
}

/** A variable name valid as an Ansible variable (can become `vault_<name>`). */
export function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** The literal a value holds, when it holds one that could be a secret (strings and numbers, not Jinja, not a vault blob). */
export function literalSecret(value: unknown, tag: string | undefined): string | undefined {
  if (tag === '!vault') return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return undefined;
  // `!unsafe` marks the text as never templated: braces in it are literal characters.
  if (tag !== '!unsafe' && isIndirect(value)) return undefined;
  if (isPasswordHash(value) || isPathLike(value)) return undefined;
  return value;
}
