// A status-bar item with the certification progress of the service the active editor belongs
// to (its definition, deploy playbook or role files); a click shows it in the tree.

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import { progressLine, serviceNode, stepNodes } from '../report/treeModel';
import { COMMAND_IDS } from './commandIds';
import type { CertifyContext } from './context';

export class ServiceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('certify.serviceProgress', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ctx: CertifyContext) {
    this.item.name = 'Certify: Service Progress';
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.update());
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const located = uri && this.ctx.repos.repoOf(uri);
    const service = located?.repo.model.services.find(
      (candidate) =>
        candidate.definitionFile === located.file ||
        candidate.deployPlaybook === located.file ||
        candidate.roles.some((role) => role.dir && located.file.startsWith(`${role.dir}/`)),
    );
    if (!located || !service) {
      this.item.hide();
      return;
    }
    const node = serviceNode(service, located.repo.record(service.name));
    this.item.text = `$(shield) ${displayText(service.name)} ${node.passed}/9`;
    const line = progressLine(node, stepNodes(service, located.repo.recordOf(service.name)));
    this.item.tooltip = `Certify: ${line} (${displayText(node.description)}). Click to show it in the Certify view.`;
    this.item.command = { title: 'Show in Certify', command: COMMAND_IDS.revealService, arguments: [located.repo.folder.uri, service.name] };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
