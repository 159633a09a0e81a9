// The archives vzdump writes and `pct restore` reads: the container's own layer (its files,
// whiteouts and opaque folders, kept with their `trusted.*` attributes) at `./`, and its config
// as `./etc/vzdump/pct.conf`, as Proxmox's LXC vzdump plugin lays it out. GNU tar does the
// work; its `--totals` line is what vzdump logs.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mustRun, runCommand } from './commands';
import type { Compress } from './vzdumpNames';

const KEEP_OVERLAY = ['--xattrs', '--xattrs-include=trusted.*', '--numeric-owner'];
/** vzdump's standard exclusions: temporary files and pid files. */
const STANDARD_EXCLUDES = ['--exclude=./tmp/?*', '--exclude=./var/tmp/?*', '--exclude=./var/run/?*.pid'];
const CONFIG_MEMBER = './etc/vzdump/pct.conf';

/** Writes the archive to `target` (the `.tar.dat` vzdump renames at the end); resolves with tar's totals line. */
export async function writeContainerArchive(options: { upper: string; configText: string; target: string; scratch: string; compress: Compress }): Promise<string> {
  const configDir = path.join(options.scratch, 'etc/vzdump');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, 'pct.conf'), options.configText);
  const compressor = { '0': [], gzip: ['--gzip'], zstd: ['--use-compress-program=zstd --threads=1 -q'] }[options.compress];
  try {
    const result = await mustRun([
      'tar', '--create', `--file=${options.target}`, '--totals', '--sparse', ...KEEP_OVERLAY, ...compressor, ...STANDARD_EXCLUDES,
      '-C', options.upper, '.', '-C', options.scratch, CONFIG_MEMBER,
    ]);
    return totalsLine(result.stderr);
  } finally {
    rmSync(options.scratch, { recursive: true, force: true });
  }
}

/** The config stored in an archive, or an error naming the archive. */
export async function readArchiveConfig(archive: string): Promise<string> {
  const result = await runCommand(['tar', '--extract', `--file=${archive}`, '--to-stdout', CONFIG_MEMBER]);
  if (result.code !== 0 || result.stdout === '') throw new Error(`unable to read config from archive '${archive}' - no '${CONFIG_MEMBER.slice(2)}' in it`);
  return result.stdout;
}

/** Unpacks the container's layer from an archive into `upper` (the config stays out); resolves with tar's totals line. */
export async function extractContainerArchive(archive: string, upper: string): Promise<string> {
  mkdirSync(upper, { recursive: true });
  const result = await mustRun(['tar', '--extract', `--file=${archive}`, '--totals', '--sparse', '-p', ...KEEP_OVERLAY, `--exclude=${CONFIG_MEMBER}`, '-C', upper]);
  return totalsLine(result.stderr);
}

function totalsLine(stderr: string): string {
  return stderr.split('\n').find((line) => line.startsWith('Total bytes')) ?? '';
}
