// Why `lab up` cannot run here, as opposed to a failure while it runs: the CLI maps this to
// its own exit code, and the message says what to do.

export class LabUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabUnsupportedError';
  }
}
