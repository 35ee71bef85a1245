// How the editor words the deploy pipeline's questions, without the vscode API (tested in plain
// Node): its setting names, and the order of a dialog's buttons.
import type { SettingWords } from '../core/deploy-plan';

/** How the editor names what a message points at: its settings, never the CLI's flags. */
export const EDITOR_WORDS: SettingWords = {
  region: 'set the "decouple.aws.region" setting (or AWS_REGION)',
  profile: 'the "decouple.aws.profile" setting (or AWS_PROFILE)',
  s3Bucket: 'the "decouple.aws.s3Bucket" setting',
  lint: 'see the Problems panel',
};

export const DONT_EXECUTE = "Don't Execute";

/**
 * The buttons of a modal question, in order. VS Code makes the first one the default (Enter):
 * with `safe`, that is a button that changes nothing, so the action is never one key press away.
 */
export function dialogButtons(action: string, opts: { safe?: boolean; extra?: string[] } = {}): string[] {
  return opts.safe ? [DONT_EXECUTE, ...(opts.extra ?? []), action] : [action, ...(opts.extra ?? [])];
}
