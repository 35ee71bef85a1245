// Building blocks the blueprints are assembled from, one module per part. Each adds resources
// (and the parameters, mappings and outputs they need) to a TemplateBuilder.
export { getAtt, ref, sub, TemplateBuilder } from './builder';
export { addCommonParameters, addServerCountParameter, AL2023_AMI_PARAMETER, INSTANCE_TYPES } from './parameters';
export { addNetwork, PRIVATE_EGRESS, PRIVATE_SUBNETS, PUBLIC_SUBNETS } from './network';
export { addWebSecurityGroups } from './security-groups';
export { addWebTier, type WebTierOptions } from './web-tier';
export { addAlb, addCertificateParameter, addClassicElb, addNlb, addUrlOutput, type FrontOptions } from './load-balancers';
export { addLogBucket, ELB_ACCOUNTS } from './access-logs';
export { addQueues, type QueueOptions } from './queues';
export { addWorkers, type WorkerOptions } from './ec2-workers';
export { addLambdaWorker, LAMBDA_LIMITS, LAMBDA_RUNTIMES, visibilityTimeoutFor, type LambdaWorkerOptions } from './lambda-workers';
