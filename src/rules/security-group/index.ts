// The security-group rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { cidr } from './cidr';
import { circularReference } from './circular-reference';
import { instanceIngressNotFromLb } from './instance-ingress-not-from-lb';
import { instancePortNotOpen } from './instance-port-not-open';
import { lbMissing } from './lb-missing';
import { lbPortNotOpen } from './lb-port-not-open';
import { portRange } from './port-range';
import { publicInstancesBehindLb } from './public-instances-behind-lb';
import { ruleSource } from './rule-source';
import { sshOpenToWorld } from './ssh-open-to-world';

export const securityGroupRules: Rule[] = [
  instanceIngressNotFromLb,
  instancePortNotOpen,
  lbPortNotOpen,
  sshOpenToWorld,
  ruleSource,
  portRange,
  cidr,
  circularReference,
  lbMissing,
  publicInstancesBehindLb,
];
