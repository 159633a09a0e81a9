// A throwaway PostgreSQL 15 cluster for one test (recipe: shared/notes/lab-recipes.md): its own
// data folder and socket folder, TCP on 127.0.0.1 only, password (scram) auth over TCP like the
// notes service uses, peer auth for `postgres` on the socket like Debian's default cluster.
// Stopped by its own postmaster PID.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { run } from './run';

const BIN = '/usr/lib/postgresql/15/bin';

export interface LocalPostgres {
  port: number;
  /** Socket folder: PGHOST for clients running as postgres. */
  socketDir: string;
  pid: number;
  /** Runs SQL as the postgres superuser (over the socket). */
  sql(statement: string, database?: string): string;
  stop(): Promise<void>;
}

export async function startPostgres(dir: string, port: number): Promise<LocalPostgres> {
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  await fs.mkdir(socketDir, { recursive: true });
  const passwordFile = path.join(dir, 'superuser-password');
  await fs.writeFile(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  run('chown', ['-R', 'postgres:postgres', dir]);
  const asPostgres = (command: string, args: string[]): string => run('runuser', ['-u', 'postgres', '--', command, ...args]).stdout;

  asPostgres(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth-local=peer', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`, '--no-sync']);
  asPostgres(`${BIN}/pg_ctl`, [
    '-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-o',
    `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start',
  ]);
  const pid = Number((await fs.readFile(path.join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);

  return {
    port,
    socketDir,
    pid,
    sql: (statement, database = 'postgres') =>
      asPostgres('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-d', database, '-c', statement]),
    async stop() {
      const stopped = run('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', data, '-m', 'fast', '-w', 'stop'], { allowFailure: true });
      if (stopped.code !== 0) killPid(pid);
    },
  };
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
