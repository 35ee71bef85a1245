// The sqs rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';

export const sqsRules: Rule[] = [];
