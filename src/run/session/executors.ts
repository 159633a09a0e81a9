// The executors of one run, made when first needed: a run that never touches the vantage host
// never connects to it, and the SSH and API code is loaded only when a step runs.

import type { ActionTarget } from '../../core/record';
import type { Executor } from '../exec/executor';
import type { HostKeyPrompt } from '../exec/sshEndpoint';
import type { RunTargets } from '../targets/runTargets';

export class RunExecutors {
  private local?: Executor;
  private readonly remote = new Map<'proxmox' | 'vantage' | 'api', Promise<Executor>>();

  constructor(
    private readonly targets: RunTargets,
    private readonly hostKeyPrompt?: HostKeyPrompt,
    /** The run's environment for local commands (the front end's secrets included); default this process's. */
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  /** The executor for `target`; 'container' runs on the Proxmox host (the plan wraps it in pct exec). */
  async for(target: ActionTarget): Promise<Executor> {
    if (target === 'local') {
      if (!this.local) {
        const { createLocalExecutor } = await import('../exec/localExecutor');
        this.local = createLocalExecutor(this.env);
      }
      return this.local;
    }
    const which = target === 'vantage' || target === 'api' ? target : 'proxmox';
    let executor = this.remote.get(which);
    if (!executor) {
      executor = this.connect(which);
      this.remote.set(which, executor);
    }
    return executor;
  }

  private async connect(which: 'proxmox' | 'vantage' | 'api'): Promise<Executor> {
    if (which === 'api') {
      const api = this.targets.api;
      if (!api) throw new Error('No Proxmox API is configured: set PROXMOX_API_URL, PROXMOX_API_TOKEN_ID and PROXMOX_API_TOKEN_SECRET (and CERTIFY_PROXMOX_FINGERPRINT for a self-signed certificate).');
      const { createProxmoxApiExecutor } = await import('../exec/proxmoxApi');
      return createProxmoxApiExecutor(api);
    }
    const endpoint = which === 'vantage' ? this.targets.vantage?.ssh : this.targets.proxmox;
    if (!endpoint) throw new Error('No vantage host is configured (CERTIFY_VANTAGE_SSH=user@host).');
    const { createSshExecutor } = await import('../exec/sshExecutor');
    return createSshExecutor(endpoint, { target: which, ...(this.hostKeyPrompt ? { prompt: this.hostKeyPrompt } : {}) });
  }

  async close(): Promise<void> {
    const all = [...(this.local ? [Promise.resolve(this.local)] : []), ...this.remote.values()];
    await Promise.allSettled(all.map(async (executor) => (await executor).close()));
  }
}
