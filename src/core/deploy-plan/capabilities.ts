// Which capabilities a template needs. CloudFormation refuses a change set without them
// (InsufficientCapabilities), so work them out from the template instead of asking the user.
import { walk, type Node } from '../ast';
import type { Template } from '../template';

export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';

/** IAM resource types and the property that gives them a custom name (if any). */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::RolePolicy': undefined,
  'AWS::IAM::UserPolicy': undefined,
  'AWS::IAM::GroupPolicy': undefined,
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::UserToGroupAddition': undefined,
  'AWS::IAM::ServiceLinkedRole': undefined,
  'AWS::IAM::OIDCProvider': undefined,
  'AWS::IAM::SAMLProvider': undefined,
  'AWS::IAM::ServerCertificate': 'ServerCertificateName',
  'AWS::IAM::VirtualMFADevice': 'VirtualMfaDeviceName',
};

export interface CapabilityNeed {
  capability: Capability;
  /** Why, for the change-set view: "Role WorkerRole (AWS::IAM::Role)". */
  because: string[];
}

export function requiredCapabilities(t: Template): CapabilityNeed[] {
  const iam: string[] = [];
  const named: string[] = [];
  const expand: string[] = [];
  for (const r of t.resources.values()) {
    if (!r.type) continue;
    if (r.type in IAM_TYPES) {
      const nameProp = IAM_TYPES[r.type];
      if (nameProp && r.properties?.properties.some((p) => p.key === nameProp)) named.push(`${r.id} (${r.type}, ${nameProp} set)`);
      else iam.push(`${r.id} (${r.type})`);
    }
    // Nested stacks may hold IAM resources or macros we cannot see from here.
    if (r.type === 'AWS::CloudFormation::Stack' || r.type === 'AWS::Serverless::Application') expand.push(`${r.id} (nested stack)`);
  }
  const transform = t.root?.properties.find((p) => p.key === 'Transform');
  if (transform?.value) {
    const names: string[] = [];
    walk(transform.value, (n: Node) => {
      if (n.kind === 'string') names.push(n.value);
    });
    expand.push(`Transform ${names.join(', ') || '(macro)'}`);
    // The AWS::Serverless transform creates execution roles for functions.
    if (names.some((n) => n.startsWith('AWS::Serverless'))) iam.push('resources the AWS::Serverless transform creates');
  }
  walk(t.root, (n: Node): false | void => {
    if (n.kind === 'object' && n.properties.some((p) => p.key === 'Fn::Transform')) {
      expand.push('Fn::Transform');
      return false;
    }
  });
  const out: CapabilityNeed[] = [];
  if (named.length) out.push({ capability: 'CAPABILITY_NAMED_IAM', because: [...named, ...iam] });
  else if (iam.length) out.push({ capability: 'CAPABILITY_IAM', because: iam });
  if (expand.length) out.push({ capability: 'CAPABILITY_AUTO_EXPAND', because: [...new Set(expand)] });
  return out;
}
