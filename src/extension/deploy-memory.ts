// What the editor remembers about deploys, per workspace: the stack name each template file was
// deployed to (so a template never offers another template's stack), which file each stack was
// last deployed from (per target: endpoint and region), and the non-secret parameter values of
// each stack. The one home of these workspaceState keys.
import type * as vscode from 'vscode';
import { stackNameFromFileName } from '../core/deploy-plan';

/** Who the stack lives with: the same shape as the AWS client's target (src/aws/client.ts). */
export interface DeployTarget {
  endpointUrl?: string;
  region?: string;
  profile?: string;
}

let memento: vscode.Memento | undefined;

/** Called once on activation with the workspace's state. */
export function useDeployMemory(state: vscode.Memento): void {
  memento = state;
}

const fileKey = (uri: vscode.Uri) => `decouple.deploy.stackName:${uri.toString()}`;
const STACK_FILES = 'decouple.deploy.stackFiles';
const stackKey = (stackName: string, target: DeployTarget) => JSON.stringify([target.endpointUrl ?? '', target.region ?? '', stackName]);
const paramsKey = (stackName: string, target: DeployTarget) => `decouple.deploy.parameters:${stackKey(stackName, target)}`;

/** The stack name remembered for this file, if it was deployed before. */
export function rememberedStackName(uri: vscode.Uri): string | undefined {
  const v = memento?.get<string>(fileKey(uri));
  return typeof v === 'string' && v ? v : undefined;
}

/** The stack name to offer for this file: the one it was deployed to, else one from its file name. Never another file's. */
export function stackNameFor(uri: vscode.Uri): string {
  return rememberedStackName(uri) ?? stackNameFromFileName(uri.path);
}

/** This file was deployed to this stack (on this target). */
export async function remember(uri: vscode.Uri, stackName: string, target: DeployTarget): Promise<void> {
  if (!memento) return;
  await memento.update(fileKey(uri), stackName);
  const files = { ...memento.get<Record<string, string>>(STACK_FILES, {}) };
  files[stackKey(stackName, target)] = uri.toString();
  await memento.update(STACK_FILES, files);
}

/** The file this stack was last deployed from (on this target), as a URI string; undefined when not known. */
export function fileForStack(stackName: string, target: DeployTarget): string | undefined {
  return memento?.get<Record<string, string>>(STACK_FILES, {})[stackKey(stackName, target)];
}

/** Non-secret parameter values of the last deploy of this stack. */
export function rememberedParameters(stackName: string, target: DeployTarget): Record<string, string> {
  return memento?.get<Record<string, string>>(paramsKey(stackName, target)) ?? {};
}

export async function rememberParameters(stackName: string, target: DeployTarget, values: Record<string, string>): Promise<void> {
  await memento?.update(paramsKey(stackName, target), values);
}
