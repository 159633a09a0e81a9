// `certify lab up`: makes the lab, or repairs it, step by step. Idempotent: keys, secrets and
// certificates are kept, a complete network is left alone, and a daemon that runs with the
// same command line is not restarted, so a second `up` is the same lab and fast. A half-made
// lab (a killed `up`) is finished by the next `up` or removed whole by `down`.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { LabLayout } from '../labLayout';
import { ensureDaemon } from '../daemons/daemon';
import { labDaemons } from '../daemons/labDaemons';
import { ensureNetwork, networkComplete } from '../net/labNetwork';
import { LAB_DOMAIN } from '../net/netnsFiles';
import { ensureLabPki } from '../pki/labPki';
import { stopLabProcesses } from './down';
import { LabUnsupportedError } from './labErrors';
import { ensureApiToken, ensureExtraVars, ensureLabKeys } from './labSecrets';
import { ensureTemplate, writeSshdConfigs, writeWrappers } from './nodeFiles';
import { defaultLabRepo, defaultLabScript, nodeExecutable } from './packageRoot';
import { saveForwards } from './savedForwards';
import { checkHost, installPackages, missingPackages, missingPackagesMessage } from './preflight';
import { lanRecords, publicRecords, readLabServices, serviceCertificates } from './repoNames';

export interface LabUpOptions {
  /** The infrastructure repo the lab plays (default: Certify's examples/homelab). */
  repo?: string;
  /** Install missing Debian packages with apt-get instead of naming them and stopping. */
  install?: boolean;
  /** dist/lab.js (default: the one beside this Certify). */
  labScript?: string;
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}

export interface LabUpResult {
  readonly elapsedMs: number;
  /** Daemons this run started (empty when everything already ran). */
  readonly started: readonly string[];
  readonly networkBuilt: boolean;
  /** The repo's services the lab serves names and certificates for. */
  readonly services: readonly string[];
}

export async function labUp(layout: LabLayout, options: LabUpOptions = {}): Promise<LabUpResult> {
  const began = Date.now();
  const progress = (line: string): void => options.onProgress?.(line);
  const step = (): void => options.signal?.throwIfAborted();
  checkHost();
  const labScript = options.labScript ?? defaultLabScript();
  const node = nodeExecutable();
  if (!existsSync(labScript)) throw new LabUnsupportedError(`${labScript} is missing: build Certify first (npm run build).`);

  const missing = await missingPackages();
  if (missing.length > 0) {
    if (!options.install) throw new LabUnsupportedError(missingPackagesMessage(missing));
    progress(`installing Debian packages: ${missing.join(' ')}`);
    await installPackages(missing, options.signal);
  }
  step();

  progress(`lab '${layout.name}' in ${layout.dir}`);
  for (const dir of Object.values(layout.paths)) await mkdir(dir, { recursive: true, mode: 0o700 });
  await mkdir(`${layout.paths.storageLocal}/dump`, { recursive: true });
  await mkdir(`${layout.paths.storageLocal}/template/cache`, { recursive: true });
  await mkdir(layout.paths.containerConfigs, { recursive: true });
  await saveForwards(layout);

  const repo = options.repo ?? defaultLabRepo();
  const services = await readLabServices(repo);
  progress(`repo ${repo}: ${services.map((service) => service.name).join(', ') || 'no service with an address'}`);
  step();

  progress('keys, API token, extra vars');
  await ensureLabKeys(layout);
  const secret = await ensureApiToken(layout);
  await ensureExtraVars(layout, secret);
  progress('certificates');
  await ensureLabPki(
    layout.paths,
    [
      {
        file: 'node',
        commonName: layout.node.name,
        dnsNames: [layout.node.name, `${layout.node.name}.${LAB_DOMAIN}`, 'localhost'],
        ips: [layout.node.management.address, '127.0.0.1'],
      },
      ...serviceCertificates(services),
    ],
    { labName: layout.name },
  );
  await writeWrappers(layout, labScript, node);
  await writeSshdConfigs(layout);
  await ensureTemplate(layout);
  step();

  progress(`network: namespaces ${layout.netns} and ${layout.wanNetns}`);
  if (!(await networkComplete(layout))) {
    // Built again from nothing: what ran in the old namespaces (a killed up's daemons) goes first.
    await stopLabProcesses(layout, progress);
  }
  const networkBuilt = await ensureNetwork(layout);
  step();

  const started: string[] = [];
  for (const spec of labDaemons(layout, { labScript, node, lanRecords: lanRecords(services), publicRecords: publicRecords(services) })) {
    const outcome = await ensureDaemon(layout, spec);
    progress(`${spec.name}: ${outcome}`);
    if (outcome === 'started') started.push(spec.name);
    step();
  }
  const elapsedMs = Date.now() - began;
  progress(`lab '${layout.name}' is up (${(elapsedMs / 1000).toFixed(1)} s)`);
  return { elapsedMs, started, networkBuilt, services: services.map((service) => service.name) };
}
