// The "Decouple" view in the Explorer: the stacks of the region/endpoint the deploy commands use
// (decouple.aws.*), with their outputs, resources and recent events, and actions that call the
// deploy commands. The tree itself is ./model.ts; this file only maps it to VS Code.
import * as vscode from 'vscode';
import { AwsStackSource } from './aws-source';
import { fileForStack } from '../deploy-memory';
import { notifyStackChanged, onStacksChanged } from './hooks';
import { requireTrust } from '../trust';
import { StackTreeModel, targetLabel, type Target, type ViewNode } from './model';

export const VIEW_ID = 'decouple.stacks';
/** While a stack is in progress the view reads again this often (only while it is visible). */
const POLL_MS = 4000;

function targetFromSettings(): Target {
  const c = vscode.workspace.getConfiguration('decouple.aws');
  const str = (k: string) => {
    const v = c.get<string>(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return { region: str('region'), profile: str('profile'), endpointUrl: str('endpointUrl') };
}

export class StackTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private source!: AwsStackSource;
  model!: StackTreeModel;
  private poll?: ReturnType<typeof setTimeout>;
  visible = false;

  constructor() {
    this.build();
  }

  /** A model for the current settings (a new client when they change). */
  build(): void {
    this.source?.dispose();
    const target = targetFromSettings();
    this.source = new AwsStackSource(target);
    this.model = new StackTreeModel({
      source: this.source,
      target,
      trusted: () => vscode.workspace.isTrusted,
      templateFor: (name) => fileForStack(name, target),
      fileLabel: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
    });
  }

  get target(): Target {
    return this.model.target;
  }

  refresh(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = undefined;
    this.model.refresh();
    this.changed.fire(undefined);
  }

  getTreeItem(n: ViewNode): vscode.TreeItem {
    const item = new vscode.TreeItem(n.label, n.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.contextValue;
    if (n.icon) item.iconPath = new vscode.ThemeIcon(n.icon.id, n.icon.color ? new vscode.ThemeColor(n.icon.color) : undefined);
    if (n.url) item.command = { command: 'decouple.stackView.openUrl', title: 'Open in Browser', arguments: [n] };
    return item;
  }

  async getChildren(n?: ViewNode): Promise<ViewNode[]> {
    if (n) return this.model.children(n);
    const roots = await this.model.roots();
    // A stack in progress: read again shortly, while someone is looking.
    if (this.model.anyInProgress() && this.visible && !this.poll) this.poll = setTimeout(() => ((this.poll = undefined), this.refresh()), POLL_MS);
    return roots;
  }

  dispose(): void {
    if (this.poll) clearTimeout(this.poll);
    this.source?.dispose();
    this.changed.dispose();
  }
}

const stackOf = (arg: unknown): ViewNode['stack'] => (arg as ViewNode | undefined)?.stack;

export function registerStackView(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const provider = new StackTreeProvider();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = () => (view.description = vscode.workspace.isTrusted ? targetLabel(provider.target) : undefined);
  describe();
  provider.visible = view.visible;

  /** Errors go to the log and one message; commands that call AWS refuse in restricted mode (trust.ts). */
  const guard = (what: string, fn: (arg: unknown) => unknown, needsTrust = true) => {
    const run = async (arg: unknown) => {
      try {
        await fn(arg);
      } catch (e) {
        log.error(`stack view: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
        void vscode.window.showErrorMessage(`Decouple: ${what} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    };
    return needsTrust ? requireTrust(what, run) : run;
  };
  /** The stack a menu item is about: a view node, or a stack name given to executeCommand. */
  const nameOf = (arg: unknown): string | undefined => (typeof arg === 'string' ? arg : stackOf(arg)?.name);

  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility((e) => {
      provider.visible = e.visible;
      if (e.visible && provider.model.anyInProgress()) provider.refresh();
    }),
    onStacksChanged(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('decouple.aws')) return;
      provider.build();
      describe();
      provider.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      describe();
      provider.refresh();
    }),
    vscode.commands.registerCommand(
      'decouple.stackView.refresh',
      guard('refreshing the stack view', () => provider.refresh()),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.deploy',
      guard('deploying', async (arg) => {
        const template = (arg as ViewNode | undefined)?.template;
        if (!template) {
          void vscode.window.showInformationMessage(
            `Decouple: this workspace does not know which template ${stackOf(arg)?.name ?? 'the stack'} was deployed from. Open the template and run Deploy Template.`,
          );
          return;
        }
        await vscode.commands.executeCommand('decouple.deploy', vscode.Uri.parse(template));
        provider.refresh();
      }),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.showOutputs',
      guard('reading stack outputs', async (arg) => {
        const name = nameOf(arg);
        if (name) await vscode.commands.executeCommand('decouple.showStackOutputs', name);
      }),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.delete',
      guard('deleting stacks', async (arg) => {
        const name = nameOf(arg);
        if (!name) return;
        await vscode.commands.executeCommand('decouple.deleteStack', name);
        notifyStackChanged(name);
      }),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.copyValue',
      guard(
        'copying',
        async (arg) => {
          const n = arg as ViewNode | undefined;
          if (n?.value === undefined) return;
          await vscode.env.clipboard.writeText(n.value);
          void vscode.window.setStatusBarMessage(`Decouple: copied ${n.label}`, 3000);
        },
        false,
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.openUrl',
      guard(
        'opening the URL',
        async (arg) => {
          const url = (arg as ViewNode | undefined)?.url;
          if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        },
        false,
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.stackView.openConsole',
      guard(
        'opening the AWS console',
        async (arg) => {
          const url = (arg as ViewNode | undefined)?.consoleUrl;
          if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        },
        false,
      ),
    ),
  );
}
