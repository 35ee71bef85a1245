// What a stack's status means for the next operation.

export type DeployDecision =
  /** No stack (or only an empty REVIEW_IN_PROGRESS shell): a CREATE change set. */
  | { kind: 'create'; existing: boolean }
  | { kind: 'update' }
  /** Failed creation or deletion: the stack can only be deleted, then created again. */
  | { kind: 'recreate'; why: string }
  | { kind: 'continue-rollback'; why: string }
  | { kind: 'busy'; why: string };

export function decideDeploy(status: string | undefined): DeployDecision {
  if (status === undefined || status === 'DELETE_COMPLETE') return { kind: 'create', existing: false };
  if (status === 'REVIEW_IN_PROGRESS') return { kind: 'create', existing: true };
  switch (status) {
    case 'ROLLBACK_COMPLETE':
      return { kind: 'recreate', why: 'its creation failed and was rolled back (ROLLBACK_COMPLETE); a stack in this state can only be deleted' };
    case 'ROLLBACK_FAILED':
      return { kind: 'recreate', why: 'its creation failed and the rollback failed too (ROLLBACK_FAILED); it can only be deleted' };
    case 'CREATE_FAILED':
      return { kind: 'recreate', why: 'its creation failed (CREATE_FAILED); it can only be deleted' };
    case 'DELETE_FAILED':
      return { kind: 'recreate', why: 'an earlier delete failed (DELETE_FAILED); delete it again (some resources may need manual cleanup)' };
    case 'UPDATE_ROLLBACK_FAILED':
      return {
        kind: 'continue-rollback',
        why: 'an update failed and its rollback failed too (UPDATE_ROLLBACK_FAILED); continue the rollback before updating again',
      };
    case 'IMPORT_ROLLBACK_FAILED':
      return { kind: 'recreate', why: 'an import failed and its rollback failed too (IMPORT_ROLLBACK_FAILED)' };
  }
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'busy', why: `another operation is running on it (${status})` };
  return { kind: 'update' };
}

export function isInProgress(status: string | undefined): boolean {
  return status !== undefined && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

export type Outcome = 'succeeded' | 'failed' | 'in-progress';

/** After an execute: did the operation succeed? REVIEW_IN_PROGRESS means it has not started yet. */
export function outcomeOf(status: string | undefined, operation: 'create' | 'update' | 'delete'): Outcome {
  if (status === undefined) return operation === 'delete' ? 'succeeded' : 'failed';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  if (operation === 'delete') return status === 'DELETE_COMPLETE' ? 'succeeded' : 'failed';
  if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE') return 'succeeded';
  return 'failed';
}

/** Can a running operation be stopped? (CancelUpdateStack works only during an update.) */
export function canCancel(status: string | undefined): boolean {
  return status === 'UPDATE_IN_PROGRESS';
}

/** A stack with resources in it (not absent, deleted, or an empty REVIEW_IN_PROGRESS shell). */
export function stackExists(status: string | undefined): boolean {
  return decideDeploy(status).kind !== 'create';
}

/**
 * Can the next deploy keep this stack's parameter values (UsePreviousValue)? Only when it updates
 * the stack: a stack that must be deleted first is created again, with nothing to keep.
 */
export function keepsPreviousParameters(status: string | undefined): boolean {
  const k = decideDeploy(status).kind;
  return k === 'update' || k === 'continue-rollback';
}
