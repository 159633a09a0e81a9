// A minimal lab for the node's own tests: the lab namespace `<name>-lab` with the container
// bridge (vmbr1, 172.16.10.1/24 from the layout) and a template placeholder in storage `local`.
// No uplink, no default route: nothing in it can reach an address outside it. The full lab
// (`certify lab up`) is built elsewhere; these tests must not depend on it.

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { labLayout, type LabLayout } from '../../../src/lab/labLayout';

export const TEMPLATE = 'debian-12-standard_12.7-1_amd64.tar.zst';

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

export function tinyLab(name: string, dir: string): LabLayout {
  const layout = labLayout({ name, dir });
  removeTinyLab(layout);
  ip('netns', 'add', layout.netns);
  ip('-n', layout.netns, 'link', 'set', 'lo', 'up');
  ip('-n', layout.netns, 'link', 'add', layout.bridge.device, 'type', 'bridge');
  ip('-n', layout.netns, 'addr', 'add', `${layout.bridge.address}/${layout.bridge.prefix}`, 'dev', layout.bridge.device);
  ip('-n', layout.netns, 'link', 'set', layout.bridge.device, 'up');
  const templates = path.join(layout.paths.storageLocal, 'template/cache');
  mkdirSync(templates, { recursive: true });
  // The lab's containers are overlays over the host's files; the template only has to exist.
  writeFileSync(path.join(templates, TEMPLATE), '');
  return layout;
}

/** Stops every container of the lab (by the init pids LXC names), deletes the namespace and the folder. */
export function removeTinyLab(layout: LabLayout): void {
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (new RegExp(`^${layout.netns}( |$)`, 'm').test(namespaces)) {
    let names: string[] = [];
    try {
      names = execFileSync('ip', ['netns', 'exec', layout.netns, 'lxc-ls', '-P', layout.paths.lxcPath, '--running', '-1'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch {
      names = [];
    }
    for (const name of names) {
      execFileSync('ip', ['netns', 'exec', layout.netns, 'lxc-stop', '-P', layout.paths.lxcPath, '-n', name, '-k'], { stdio: 'ignore' });
    }
    ip('netns', 'del', layout.netns);
  }
  rmSync(layout.dir, { recursive: true, force: true });
}
