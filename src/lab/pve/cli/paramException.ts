// Proxmox's parameter exception (pve-common Exception.pm, code 400) and how the CLI prints
// it: `<code> <msg>`, one `<param>: <error>` line per error, then the command's short usage.

export class ParamException extends Error {
  constructor(
    message: string,
    readonly errors?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ParamException';
  }
}

/** PVE::Exception::stringify with the usage that cli_handler attaches to parameter errors. */
export function formatParamError(message: string, errors: Readonly<Record<string, string>> | undefined, usage: string): string {
  let text = `400 ${message}`;
  if (!text.endsWith('\n')) text += '\n';
  // Perl walks the error hash in its own (random) order; sorted keys keep the lab reproducible.
  for (const key of Object.keys(errors ?? {}).sort()) {
    text += `${key}: ${(errors as Record<string, string>)[key]}\n`;
  }
  text += usage;
  if (!text.endsWith('\n')) text += '\n';
  return text;
}

export const PARAMETER_VERIFICATION_FAILED = 'Parameter verification failed.\n';
