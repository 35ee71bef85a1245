// The sqs rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { dlqRetention } from './dlq-retention';
import { dlqTypeMismatch } from './dlq-type-mismatch';
import { fifoName } from './fifo-name';
import { fifoOnlyProperty } from './fifo-only-property';
import { lambdaBatchSettings } from './lambda-batch-settings';
import { visibilityTimeoutBelowConsumer } from './visibility-timeout-below-consumer';
import { valueRange } from './value-range';
import { encryptionDisabled } from './encryption-disabled';

export const sqsRules: Rule[] = [
  fifoName,
  fifoOnlyProperty,
  dlqTypeMismatch,
  dlqRetention,
  valueRange,
  visibilityTimeoutBelowConsumer,
  lambdaBatchSettings,
  encryptionDisabled,
];
