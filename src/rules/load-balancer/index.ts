// The load-balancer rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { crossZoneDisabled } from './cross-zone-disabled';
import { listenerProtocol } from './listener-protocol';
import { singleAz } from './single-az';
import { tlsPolicy } from './tls-policy';
import { httpNotRedirected } from './http-not-redirected';
import { listenerCertificate } from './listener-certificate';
import { duplicateListenerPort } from './duplicate-listener-port';

export const loadBalancerRules: Rule[] = [
  crossZoneDisabled,
  singleAz,
  listenerProtocol,
  listenerCertificate,
  duplicateListenerPort,
  tlsPolicy,
  httpNotRedirected,
];
