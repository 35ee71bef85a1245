// Elastic Load Balancing's predefined security policies and the oldest TLS version each accepts,
// one table for every rule, hover and fix that needs it. Sources: "Security policies for your
// Application Load Balancer" / "... Network Load Balancer" (ELBv2) and "Predefined SSL security
// policies for Classic Load Balancers" in the Elastic Load Balancing guides. A name that is not
// here (a custom Classic policy, a policy newer than this table) is not known: rules stay quiet.

export type TlsVersion = 'SSLv3' | '1.0' | '1.1' | '1.2' | '1.3';

const ORDER: TlsVersion[] = ['SSLv3', '1.0', '1.1', '1.2', '1.3'];

/** What CloudFormation (like the CLI and the CDK) uses when an HTTPS/TLS listener sets no SslPolicy. */
export const DEFAULT_V2_POLICY = 'ELBSecurityPolicy-2016-08';
/** What Elastic Load Balancing gives a Classic HTTPS/SSL listener created without an SSL negotiation policy. */
export const DEFAULT_CLASSIC_POLICY = 'ELBSecurityPolicy-2016-08';
/** The policy AWS recommends for ALB and NLB listeners: TLS 1.3 and 1.2. */
export const RECOMMENDED_V2_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** The newest Classic Load Balancer policy limited to TLS 1.2 (Classic has no TLS 1.3 policies). */
export const RECOMMENDED_CLASSIC_POLICY = 'ELBSecurityPolicy-TLS-1-2-2017-01';

/** ELBv2 (Application and Network Load Balancer) predefined policies → oldest TLS version accepted. */
export const V2_POLICY_MIN_TLS: Readonly<Record<string, TlsVersion>> = {
  'ELBSecurityPolicy-TLS13-1-2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-1-2021-06': '1.1',
  'ELBSecurityPolicy-TLS13-1-0-2021-06': '1.0',
  'ELBSecurityPolicy-TLS13-1-3-2021-06': '1.3',
  // Post-quantum (hybrid ML-KEM key exchange).
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': '1.0',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': '1.3',
  // FIPS.
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': '1.3',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': '1.1',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': '1.0',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': '1.3',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09': '1.1',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': '1.0',
  // Forward secrecy.
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  'ELBSecurityPolicy-FS-2018-06': '1.0',
  // TLS 1.2 and earlier.
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': '1.2',
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-TLS-1-0-2015-04': '1.0',
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-2015-05': '1.0',
};

/** Classic Load Balancer predefined policies (Reference-Security-Policy) → oldest TLS version accepted (the oldest ones also older protocols). */
export const CLASSIC_POLICY_MIN_TLS: Readonly<Record<string, TlsVersion>> = {
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-2015-05': '1.0',
  'ELBSecurityPolicy-2015-03': '1.0',
  'ELBSecurityPolicy-2015-02': '1.0',
  'ELBSecurityPolicy-2014-10': '1.0',
  'ELBSecurityPolicy-2014-01': '1.0',
  'ELBSecurityPolicy-2011-08': '1.0',
  'ELBSample-ELBDefaultCipherPolicy': '1.0',
  'ELBSample-OpenSSLDefaultCipherPolicy': '1.0',
};

/** The oldest protocol a predefined policy accepts, or undefined for a name not in the table. */
export function minTls(policy: string, kind: 'v2' | 'classic'): TlsVersion | undefined {
  return (kind === 'v2' ? V2_POLICY_MIN_TLS : CLASSIC_POLICY_MIN_TLS)[policy.trim()];
}

/** Does the policy accept a protocol older than TLS 1.2? Undefined when the name is not known. */
export function allowsBelowTls12(policy: string, kind: 'v2' | 'classic'): boolean | undefined {
  const v = minTls(policy, kind);
  return v === undefined ? undefined : ORDER.indexOf(v) < ORDER.indexOf('1.2');
}

/** "TLS 1.0" / "SSL 3.0" for messages. */
export function tlsName(v: TlsVersion): string {
  return v === 'SSLv3' ? 'SSL 3.0' : `TLS ${v}`;
}
