// The auto-scaling rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { launchConfigurationDeprecated } from './launch-configuration-deprecated';
import { sizeOrder } from './size-order';
import { imdsv2NotRequired } from './imdsv2-not-required';

export const autoScalingRules: Rule[] = [sizeOrder, launchConfigurationDeprecated, imdsv2NotRequired];
