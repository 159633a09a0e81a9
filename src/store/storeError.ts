// The store's one error for file-system failures (a disk that is full, a folder that cannot be
// written): a message in plain words that says what to do, so front ends show it instead of a
// stack, and the errno code for whoever needs to branch on it.

const ADVICE: Record<string, string> = {
  EACCES: 'permission denied: give the user running Certify access to it',
  EPERM: 'operation not permitted: give the user running Certify access to it',
  ENOSPC: 'no space left on the device: free some space and try again',
  EDQUOT: 'disk quota exceeded: free some space and try again',
  EROFS: 'the file system is read-only: make it writable and try again',
  EIO: 'input/output error from the disk: check the disk',
  ELOOP: 'too many levels of symbolic links: replace the links with the file or folder itself',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files: close some programs and try again',
  ENFILE: 'too many open files on this machine: close some programs and try again',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'it no longer exists',
  EBUSY: 'the file is busy: try again',
};

/** "permission denied: give the user running Certify access to it (EACCES)" */
export function describeIoError(error: unknown): string {
  const code = errnoCode(error);
  if (code && ADVICE[code]) return `${ADVICE[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export class StoreError extends Error {
  readonly code: string | undefined;

  /**
   * With a cause, `what` says what failed ("could not save /r/.certify/gitea/record.json") and
   * the cause says why in plain words; without one, `what` is the whole message. `more`: what
   * else the reader must know (a temp file that could not be removed).
   */
  constructor(what: string, cause?: unknown, more?: string) {
    super(cause === undefined ? what : `${what}: ${describeIoError(cause)}${more ? `; ${more}` : ''}.`, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.code = errnoCode(cause);
  }
}
