// Every rule Decouple ships, family by family.
import type { Rule } from '../core/rule';
import { autoScalingRules } from './auto-scaling';
import { healthCheckRules } from './health-check';
import { loadBalancerRules } from './load-balancer';
import { referenceRules } from './reference';
import { securityGroupRules } from './security-group';
import { sqsRules } from './sqs';
import { templateRules } from './template';

export const allRules: readonly Rule[] = [
  ...templateRules,
  ...referenceRules,
  ...healthCheckRules,
  ...securityGroupRules,
  ...loadBalancerRules,
  ...autoScalingRules,
  ...sqsRules,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
