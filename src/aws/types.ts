// The shapes the deploy and delete runs share: what the caller plans, how the run talks to the
// user, what it ends with.
import type { Output, Stack } from '@aws-sdk/client-cloudformation';
import type { ChangeSetView, FailedResource, ParameterValue } from '../core/deploy-plan';

export interface Timing {
  /** First wait between polls; grows by half each time up to maxPollMs. */
  pollMs: number;
  maxPollMs: number;
  /** Give up waiting for a change set after this long. */
  changeSetTimeoutMs: number;
}

export const DEFAULT_TIMING: Timing = { pollMs: 1000, maxPollMs: 5000, changeSetTimeoutMs: 10 * 60_000 };

export interface DeployUi {
  /** Progress, events and outcome lines (already redacted). */
  log(line: string): void;
  /**
   * Show the change set and ask; nothing has changed yet. 'change-parameters' discards this change
   * set and ends the run with stage 'change-parameters' (the pipeline asks again and comes back).
   */
  confirmChangeSet(view: ChangeSetView, text: string): Promise<boolean | 'change-parameters'>;
  confirmRecreate(stackName: string, why: string): Promise<boolean>;
  confirmContinueRollback(stackName: string, why: string): Promise<boolean>;
  /** The stack is busy: wait for the running operation, or stop here. */
  whenBusy(stackName: string, status: string): Promise<'wait' | 'stop'>;
  /**
   * Called once the signal is aborted while an operation runs: stop waiting (the operation goes
   * on in AWS), cancel the update (only offered when `cancellable`), or keep waiting.
   */
  whenStopped?(stackName: string, status: string, cancellable: boolean): Promise<'detach' | 'cancel-update' | 'keep-waiting'>;
  /** Stop: aborts the request in flight; what this run created and did not execute is then deleted. */
  signal?: AbortSignal;
  /** Stop the clean-up too (a second Ctrl-C): what is left is reported with the commands to remove it. */
  cleanupSignal?: AbortSignal;
}

/** A template uploaded for this deploy (TemplateURL): removed again unless the change set is executed. */
export interface TemplateUpload {
  url: string;
  remove(signal?: AbortSignal): Promise<void>;
}

export interface DeployPlan {
  stackName: string;
  templateBody?: string;
  templateUrl?: string;
  parameters: ParameterValue[];
  capabilities: string[];
  /** NoEcho values: never shown. */
  secrets: string[];
  /** Set with templateUrl when the template was uploaded for this deploy. */
  upload?: TemplateUpload;
  /** The stack as the caller just described it (so it is not looked up twice); null when there is none. */
  stack?: Stack | null;
}

export type DeployResult =
  | { outcome: 'succeeded'; operation: 'create' | 'update'; status: string; outputs: Output[]; stackId: string }
  | { outcome: 'no-changes'; outputs: Output[] }
  | { outcome: 'declined'; stage: 'change-set' | 'change-parameters' | 'recreate' | 'continue-rollback' | 'busy' | 'parameters' }
  | { outcome: 'failed'; status: string; failures: FailedResource[]; stackId?: string }
  | { outcome: 'detached'; status: string };

export type DeleteResult =
  | { outcome: 'deleted' }
  | { outcome: 'not-found' }
  | { outcome: 'declined' }
  | { outcome: 'failed'; status: string; failures: FailedResource[] }
  | { outcome: 'detached'; status: string };

export interface DeleteUi extends Omit<DeployUi, 'confirmChangeSet' | 'confirmRecreate' | 'confirmContinueRollback'> {
  /** Name the stack and what goes with it; nothing is deleted before this says yes. */
  confirmDelete(stackName: string, resources: Array<{ logicalId: string; type: string }>): Promise<boolean>;
}
