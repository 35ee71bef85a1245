// The health-check rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { asgUsesElb } from './asg-uses-elb';
import { gracePeriod } from './grace-period';
import { portMismatch } from './port-mismatch';
import { protocolOptions } from './protocol-options';
import { targetFormat } from './target-format';
import { timeoutBelowInterval } from './timeout-below-interval';
import { valueRange } from './value-range';

export const healthCheckRules: Rule[] = [timeoutBelowInterval, valueRange, targetFormat, portMismatch, protocolOptions, asgUsesElb, gracePeriod];
