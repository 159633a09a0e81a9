// The notes example service's data survives backup → wipe → restore, proven with the real
// pieces: the application from roles/notes_api/files (run by its rendered LSB init script), a
// real PostgreSQL 15, the populate/verify scripts over HTTPS with a CA made here, and the
// backup_infrastructure / restore_infrastructure roles run by ansible-playbook. Every host of
// the inventory is this machine (ansible_connection: local) and every path points into a
// temporary folder; only loopback is used. Needs root (PostgreSQL as postgres, the service
// dropping to `nobody`, a private mount namespace for /etc/init.d).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { load as loadYaml } from 'js-yaml';
import { ansibleLocal } from './ansibleLocal';
import { startPostgres, type LocalPostgres } from './localPostgres';
import { privateInitd } from './privateInitd';
import { run } from './run';
import { makePki } from './testPki';

const REPO = path.resolve(__dirname, '../../../examples/homelab');
const ROLE = path.join(REPO, 'roles/notes_api');
const DNS_NAME = 'notes.example.net';
const RUN_AS = 'nobody';

interface KindPrint {
  count: number;
  bytes: number;
  sha256: string;
}
type Fingerprint = Record<'notes' | 'tags' | 'note_tags' | 'attachments', KindPrint>;

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('notes: populate → backup (role) → wipe → restore (role) → verify gives the same fingerprint', { timeout: 900_000 }, async () => {
  assert.equal(process.getuid?.(), 0, 'this test needs root (test/lab runs as root in CI)');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lsvc-notes-'));
  await fs.chmod(dir, 0o711); // postgres and the service's user walk through it
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));

  // --- PostgreSQL, as the role leaves it: role and database notes ---------------------
  const dbPassword = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 24);
  const postgres: LocalPostgres = await startPostgres(path.join(dir, 'pg'), await freePort());
  cleanups.push(() => postgres.stop());
  postgres.sql(`CREATE ROLE notes LOGIN PASSWORD '${dbPassword}'`);
  const createDatabase = (): void => void postgres.sql('CREATE DATABASE notes OWNER notes');
  createDatabase();

  // --- the service's files, rendered from the role's own templates ----------------------
  const port = await freePort();
  const pki = await makePki(path.join(dir, 'pki'), DNS_NAME, '127.0.0.1');
  const etcNotes = path.join(dir, 'etc/notes');
  const attachments = path.join(dir, 'lib/notes/attachments');
  const pidFile = path.join(dir, 'run/notes.pid');
  const initd = await privateInitd(path.join(dir, 'init.d'));
  const ansible = await ansibleLocal(REPO, path.join(dir, 'ansible'), initd);
  const serviceVars = {
    vault_notes_db_password: dbPassword,
    notes_user: RUN_AS,
    notes_bind_address: '127.0.0.1',
    notes_service_port: port,
    notes_db_port: postgres.port,
    notes_app_dir: path.join(ROLE, 'files/notes'),
    notes_config_dir: etcNotes,
    notes_config_file: path.join(etcNotes, 'notes.conf'),
    notes_tls_dir: path.join(etcNotes, 'tls'),
    notes_attachments_dir: attachments,
    notes_log_dir: path.join(dir, 'log'),
    notes_pid_file: pidFile,
  };
  const renderFiles = async (): Promise<void> => {
    for (const folder of [path.join(etcNotes, 'tls'), attachments, path.join(dir, 'log'), path.join(dir, 'run')]) {
      await fs.mkdir(folder, { recursive: true });
    }
    run('chown', [`${RUN_AS}:`, attachments]);
    await fs.copyFile(pki.certificate, path.join(etcNotes, 'tls', `${DNS_NAME}.pem`));
    await fs.copyFile(pki.privateKey, path.join(etcNotes, 'tls', `${DNS_NAME}.key`));
    await fs.chmod(path.join(etcNotes, 'tls', `${DNS_NAME}.key`), 0o600);
    ansible.playbook(await renderPlaybook(dir, etcNotes, initd.dir), serviceVars);
  };
  await renderFiles();

  const startService = (): void => void initd.run('/etc/init.d/notes', ['start']);
  const stopService = async (): Promise<void> => {
    const pid = await readPid(pidFile);
    if (pid !== undefined) killQuietly(pid);
  };
  cleanups.push(stopService);
  startService();
  const servicePid = await readPid(pidFile);
  assert.ok(servicePid, 'the init script wrote no pid file');
  assert.equal(initd.run('/etc/init.d/notes', ['status'], { allowFailure: true }).code, 0, 'init script status while running');

  const url = `https://127.0.0.1:${port}`;
  const health = await waitForHealth(url, pki.caFile, 200);
  assert.equal(health.status, 'ok');
  // It answers only after dropping root: from then on it runs as the configured user.
  assert.match(await fs.readFile(`/proc/${servicePid}/status`, 'utf8'), /^Uid:\s+65534\s+65534/m, 'the service must drop root and run as nobody');

  // --- Step 5: populate, verify, fingerprint -------------------------------------------
  const scriptEnv = { ...process.env, NOTES_URL: url, CURL_CA_BUNDLE: pki.caFile, SSL_CERT_FILE: pki.caFile };
  const populate = (): void => void run('scripts/populate-notes-testdata.sh', [], { cwd: REPO, env: scriptEnv, timeoutMs: 600_000 });
  const verify = (): Fingerprint => fingerprintOf(run('scripts/verify-notes-testdata.sh', [], { cwd: REPO, env: scriptEnv }).stdout);
  populate();
  const before = verify();
  assert.deepEqual(
    Object.fromEntries(Object.entries(before).map(([kind, print]) => [kind, print.count])),
    { notes: 200, tags: 20, note_tags: 400, attachments: 30 },
  );
  const totalBytes = Object.values(before).reduce((sum, print) => sum + print.bytes, 0);
  assert.ok(totalBytes > 1_000_000, `test data must exceed 1 MB, got ${totalBytes} bytes`);
  console.log(`fingerprint before: ${JSON.stringify(before)} (${totalBytes} bytes)`);
  // The API refuses what it must, with the status a client can act on.
  const ca = await fs.readFile(pki.caFile);
  assert.equal((await call('POST', `${url}/api/tags`, ca, JSON.stringify({ name: 'certify-tag-01' }))).status, 409, 'a duplicate tag');
  assert.equal((await call('POST', `${url}/api/notes`, ca, JSON.stringify({ title: 'x', tags: ['no-such-tag'] }))).status, 404, 'an unknown tag');
  assert.equal((await call('POST', `${url}/api/notes/1/attachments?filename=../escape`, ca, 'data')).status, 400, 'a file name with a path');
  assert.equal((await call('GET', `${url}/nothing-here`, ca)).status, 404);
  assert.equal((await call('POST', `${url}/healthz`, ca, '{}')).status, 405);
  assert.equal(verify().notes.count, 200, 'refused requests change nothing');
  // Populate twice creates nothing new.
  populate();
  assert.deepEqual(verify(), before);

  // --- Steps 6–7: the backup role --------------------------------------------------------
  const backupRoot = path.join(dir, 'backups');
  const pgEnv = { PGHOST: postgres.socketDir, PGPORT: String(postgres.port) };
  ansible.playbook('playbooks/backup-infrastructure.yml', {
    ...serviceVars,
    backup_root_dir: backupRoot,
    backup_container_staging_dir: path.join(dir, 'staging-backup'),
    backup_postgresql_enabled: false,
    backup_gitea_enabled: false,
    backup_nextcloud_enabled: false,
    backup_vaultwarden_enabled: false,
    backup_monitoring_enabled: false,
    backup_notes_attachments_dir: attachments,
    backup_notes_config_tree: etcNotes,
  }, pgEnv);
  const [timestamp, ...others] = await fs.readdir(backupRoot);
  assert.equal(others.length, 0, 'one backup run, one directory');
  assert.match(timestamp, /^[0-9]{8}_[0-9]{6}$/);
  const backupDir = path.join(backupRoot, timestamp);
  const manifest = loadYaml(await fs.readFile(path.join(backupDir, 'MANIFEST.yml'), 'utf8')) as Manifest;
  assert.equal(manifest.timestamp, timestamp);
  assert.equal(manifest.services.notes.container_id, 165);
  const configArchive = `configs/notes_${etcNotes.replace(/^\//, '').replace(/\//g, '-')}_${timestamp}.tar.gz`;
  const expected = [`postgresql/notes_${timestamp}.dump`, `files/notes_attachments_${timestamp}.tar.gz`, configArchive];
  assert.deepEqual(manifest.artifacts.map((artifact) => artifact.path).sort(), [...expected].sort());
  for (const artifact of manifest.artifacts) {
    const bytes = await fs.readFile(path.join(backupDir, artifact.path));
    assert.equal(artifact.service, 'notes');
    assert.equal(artifact.size_bytes, bytes.length, `${artifact.path}: size in the manifest`);
    assert.equal(artifact.sha256, createHash('sha256').update(bytes).digest('hex'), `${artifact.path}: sha256 in the manifest`);
  }
  assert.match(run('pg_restore', ['--list', path.join(backupDir, expected[0])]).stdout, /TABLE DATA public attachments/);
  const archived = run('tar', ['-tzf', path.join(backupDir, expected[1])]).stdout.split('\n').filter((line) => line.endsWith('.bin'));
  assert.equal(archived.length, 30, 'the attachments archive holds the 30 files');

  // --- Step 8: wipe, as a fresh deploy leaves it: empty database, no files -------------
  await stopService();
  await waitForExit(servicePid);
  postgres.sql('DROP DATABASE notes');
  await fs.rm(path.join(dir, 'etc'), { recursive: true, force: true });
  await fs.rm(path.join(dir, 'lib'), { recursive: true, force: true });
  // No database at all: /healthz must say unhealthy (503), not ok.
  await renderFiles();
  startService();
  assert.equal((await waitForHealth(url, pki.caFile, 503)).status, 'unhealthy');
  await stopService();
  createDatabase();
  startService();
  await waitForHealth(url, pki.caFile, 200);
  const wiped = run('scripts/verify-notes-testdata.sh', [], { cwd: REPO, env: scriptEnv, allowFailure: true });
  assert.notEqual(wiped.code, 0, 'verify must fail on a wiped service');
  assert.equal(fingerprintOf(wiped.stdout).notes.count, 0);

  // --- Step 9: the restore role, then verify -----------------------------------------------
  ansible.playbook('playbooks/restore-infrastructure.yml', {
    ...serviceVars,
    restore_backup_timestamp: timestamp,
    restore_root_dir: backupRoot,
    restore_container_staging_dir: path.join(dir, 'staging-restore'),
    restore_report_dir: path.join(dir, 'restore-reports'),
    restore_postgresql_enabled: false,
    restore_gitea_enabled: false,
    restore_nextcloud_enabled: false,
    restore_notes_attachments_dir: attachments,
    restore_notes_config_tree: etcNotes,
    restore_health_checks: { notes: `${url}/healthz` },
    tls_ca_file: pki.caFile,
  }, pgEnv);
  const verified = run('scripts/verify-notes-testdata.sh', [], { cwd: REPO, env: scriptEnv });
  const restored = fingerprintOf(verified.stdout);
  console.log(`fingerprint after:  ${JSON.stringify(restored)}`);
  assert.deepEqual(restored, before, 'the restored data must have the fingerprint the populated data had');
  const [report] = await fs.readdir(path.join(dir, 'restore-reports'));
  assert.match(await fs.readFile(path.join(dir, 'restore-reports', report), 'utf8'), /^\s+notes: 200$/m, 'the restore report records the health check');
});

interface Manifest {
  timestamp: string;
  services: { notes: { container_id: number } };
  artifacts: { path: string; service: string; size_bytes: number; sha256: string }[];
}

/** The playbook that renders notes.conf and the init script from the role's templates and defaults. */
async function renderPlaybook(dir: string, etcNotes: string, initdDir: string): Promise<string> {
  const file = path.join(dir, 'render-notes.yml');
  const play = [
    {
      name: 'Render the notes configuration and init script',
      hosts: 'notes_container',
      gather_facts: false,
      vars_files: [path.join(ROLE, 'defaults/main.yml')],
      tasks: [
        { name: 'notes.conf', 'ansible.builtin.template': { src: path.join(ROLE, 'templates/notes.conf.j2'), dest: path.join(etcNotes, 'notes.conf'), mode: '0640' } },
        { name: 'init script', 'ansible.builtin.template': { src: path.join(ROLE, 'templates/notes.init.j2'), dest: path.join(initdDir, 'notes'), mode: '0755' } },
      ],
    },
  ];
  await fs.writeFile(file, JSON.stringify(play));
  return file;
}

function fingerprintOf(stdout: string): Fingerprint {
  const last = stdout.trimEnd().split('\n').pop() ?? '';
  return JSON.parse(last) as Fingerprint;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await fs.readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  throw new Error(`process ${pid} did not exit`);
}

/** Polls /healthz (verifying the certificate with the test CA) until it answers `status`. */
async function waitForHealth(url: string, caFile: string, status: number): Promise<{ status: string }> {
  const ca = await fs.readFile(caFile);
  let last = '';
  for (let i = 0; i < 60; i++) {
    try {
      const answer = await call('GET', `${url}/healthz`, ca);
      if (answer.status === status) return JSON.parse(answer.body) as { status: string };
      last = `${answer.status} ${answer.body}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`${url}/healthz never answered ${status}; last: ${last}`);
}

/** One HTTPS request, the certificate verified against `ca` (never rejectUnauthorized: false). */
function call(method: string, url: string, ca: Buffer, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method, ca, timeout: 5000, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
