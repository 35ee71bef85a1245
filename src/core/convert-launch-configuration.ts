// The "Convert to a launch template" quick fix: rewrite an AWS::AutoScaling::LaunchConfiguration
// into an AWS::EC2::LaunchTemplate with the same logical ID (so cfn-init's `--resource` and every
// DependsOn keep working, and Metadata stays where it is), and point every Auto Scaling group that
// used it at the launch template. Only offered when every property has a known, same-meaning place
// in LaunchTemplateData; anything else (an unknown property, a security group that may be a name,
// a comment that would be lost, a group that names the configuration indirectly) means no fix.
import { get, isArray, isObject, isString, type Node, type ObjectNode, type Property } from './ast';
import { getAttTarget, intrinsic, resolve } from './resolve';
import type { Fix, TextEdit } from './rule';
import type { Resource, Template } from './template';
import { commentOutsideValues, multiline, replaceProperty, replaceValue, verbatim } from './edit';
import { ASG, INSTANCE_PROFILE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SG } from './resource-types';

/** LaunchConfiguration property -> the LaunchTemplateData key it becomes (copied verbatim). */
const SAME_NAME = new Set(['ImageId', 'InstanceType', 'KeyName', 'UserData', 'EbsOptimized', 'KernelId', 'RamDiskId', 'MetadataOptions']);
/** Handled specially below. */
const SPECIAL = new Set(['SecurityGroups', 'AssociatePublicIpAddress', 'IamInstanceProfile', 'BlockDeviceMappings', 'InstanceMonitoring', 'PlacementTenancy']);
const EBS_KEYS = new Set(['DeleteOnTermination', 'Encrypted', 'Iops', 'SnapshotId', 'Throughput', 'VolumeSize', 'VolumeType']);
const MAPPING_KEYS = new Set(['DeviceName', 'Ebs', 'VirtualName']);

/** Is this security-group value certainly a group ID (not a group name)? */
function isGroupId(t: Template, node: Node): boolean {
  if (isString(node)) return /^sg-[0-9a-f]+$/.test(node.value);
  const fn = intrinsic(node);
  if (fn?.name === 'Fn::GetAtt') return getAttTarget(fn.arg)?.attr === 'GroupId';
  if (fn?.name !== 'Ref' || !isString(fn.arg)) return false;
  const id = fn.arg.value;
  const r = t.resources.get(id);
  // Ref on a security group returns its ID when the group belongs to a VPC (VpcId set), else its name.
  if (r) return r.type === SG && get(r.properties, 'VpcId') !== undefined;
  return t.parameters.get(id)?.type === 'AWS::EC2::SecurityGroup::Id';
}

function groupsAreIds(t: Template, node: Node): boolean {
  if (isArray(node)) return node.items.every((i) => isGroupId(t, i));
  const fn = intrinsic(node);
  return fn?.name === 'Ref' && isString(fn.arg) && t.parameters.get(fn.arg.value)?.type === 'List<AWS::EC2::SecurityGroup::Id>';
}

/** `{"Arn": …}` or `{"Name": …}` for LaunchTemplateData.IamInstanceProfile, or undefined if unclear. */
function profileKey(t: Template, node: Node): 'Arn' | 'Name' | undefined {
  if (isString(node)) return node.value.startsWith('arn:') ? 'Arn' : 'Name';
  const fn = intrinsic(node);
  if (fn?.name === 'Fn::GetAtt') return getAttTarget(fn.arg)?.attr === 'Arn' ? 'Arn' : undefined;
  if (fn?.name === 'Ref' && isString(fn.arg)) return t.resources.get(fn.arg.value)?.type === INSTANCE_PROFILE ? 'Name' : undefined;
  if (fn?.name === 'Fn::Sub') {
    const str = isArray(fn.arg) ? fn.arg.items[0] : fn.arg;
    return isString(str) && str.value.startsWith('arn:') ? 'Arn' : undefined;
  }
  return undefined;
}

function mappingsConvertible(node: Node): boolean {
  if (!isArray(node)) return false;
  return node.items.every(
    (m) =>
      isObject(m) &&
      !intrinsic(m) &&
      m.properties.every((p) => MAPPING_KEYS.has(p.key) && p.value !== undefined) &&
      (get(m, 'Ebs') === undefined ||
        (isObject(get(m, 'Ebs')) && !intrinsic(get(m, 'Ebs')) && (get(m, 'Ebs') as ObjectNode).properties.every((p) => EBS_KEYS.has(p.key)))),
  );
}

/** The Auto Scaling groups whose LaunchConfigurationName is exactly {"Ref": id}; undefined if any group names it otherwise. */
export function groupsUsing(t: Template, id: string): { asg: Resource; prop: Property }[] | undefined {
  const usage = lcUsage(t);
  return usage.unsafe.has(id) ? undefined : (usage.uses.get(id) ?? []);
}

interface LcUsage {
  /** Launch configuration id -> groups that name it with a plain {"Ref": id}. */
  uses: Map<string, { asg: Resource; prop: Property }[]>;
  /** Launch configurations some group names in any other way. */
  unsafe: Set<string>;
}

/** One pass over the Auto Scaling groups, shared by every launch configuration's fix. */
function lcUsage(t: Template): LcUsage {
  const cached = t.cache.get('auto-scaling:lc-usage') as LcUsage | undefined;
  if (cached) return cached;
  const usage: LcUsage = { uses: new Map(), unsafe: new Set() };
  const lcIds = new Set(t.byType(LAUNCH_CONFIGURATION).map((r) => r.id));
  for (const asg of t.byType(ASG)) {
    const props = asg.properties;
    const lcProps = props?.properties.filter((p) => p.key === 'LaunchConfigurationName') ?? [];
    if (lcProps.length === 0) continue;
    const named = new Set<string>();
    for (const p of lcProps) {
      for (const v of resolve(t, p.value)) if (v.kind === 'resource' && lcIds.has(v.id)) named.add(v.id);
      for (const id of subMentions(p.value)) if (lcIds.has(id)) named.add(id);
    }
    if (named.size === 0) continue;
    const p = lcProps[0];
    const fn = intrinsic(p.value);
    const plainRef = lcProps.length === 1 && named.size === 1 && fn?.name === 'Ref' && isString(fn.arg) && named.has(fn.arg.value);
    for (const id of named) {
      if (!plainRef || get(props, 'LaunchTemplate') || get(props, 'MixedInstancesPolicy')) usage.unsafe.add(id);
      else {
        if (!usage.uses.has(id)) usage.uses.set(id, []);
        usage.uses.get(id)!.push({ asg, prop: p });
      }
    }
  }
  t.cache.set('auto-scaling:lc-usage', usage);
  return usage;
}

/** Names an Fn::Sub string refers to (`${X}`, `${X.Attr}`). */
function subMentions(node: Node | undefined): string[] {
  const fn = intrinsic(node);
  if (fn?.name !== 'Fn::Sub') return [];
  const str = isArray(fn.arg) ? fn.arg.items[0] : fn.arg;
  if (!isString(str)) return [];
  return [...str.value.matchAll(/\$\{([^!}.][^}.]*)/g)].map((m) => m[1].trim());
}

export function convertToLaunchTemplate(t: Template, lc: Resource): Fix | undefined {
  const props = lc.properties;
  if (!props || !lc.node || !isString(lc.typeNode)) return undefined;
  const keys = new Set<string>();
  for (const p of props.properties) {
    if (!p.value || keys.has(p.key)) return undefined;
    if (!SAME_NAME.has(p.key) && !SPECIAL.has(p.key)) return undefined;
    keys.add(p.key);
  }
  // Comments between the properties would be lost with the rewrite: no fix then.
  if (commentOutsideValues(t, props)) return undefined;

  const groups = get(props, 'SecurityGroups');
  if (groups && !groupsAreIds(t, groups)) return undefined;
  const profile = get(props, 'IamInstanceProfile');
  const profileAs = profile ? profileKey(t, profile) : undefined;
  if (profile && !profileAs) return undefined;
  const mappings = get(props, 'BlockDeviceMappings');
  if (mappings && !mappingsConvertible(mappings)) return undefined;
  const asgs = groupsUsing(t, lc.id);
  if (!asgs) return undefined;

  // Values are copied as written (verbatim), into the places LaunchTemplateData has for them.
  const data: Record<string, unknown> = multiline({});
  const publicIp = get(props, 'AssociatePublicIpAddress');
  for (const p of props.properties) {
    const v = verbatim(p.value!);
    if (SAME_NAME.has(p.key) || p.key === 'BlockDeviceMappings') data[p.key] = v;
    else if (p.key === 'IamInstanceProfile') data.IamInstanceProfile = { [profileAs!]: v };
    else if (p.key === 'InstanceMonitoring') data.Monitoring = { Enabled: v };
    else if (p.key === 'PlacementTenancy') data.Placement = { Tenancy: v };
    else if (p.key === 'SecurityGroups' && !publicIp) data.SecurityGroupIds = v;
    else if ((p.key === 'SecurityGroups' || p.key === 'AssociatePublicIpAddress') && !data.NetworkInterfaces) {
      // A public IP is a property of the network interface; the groups then go on the interface too.
      const ni: Record<string, unknown> = multiline({ DeviceIndex: 0, AssociatePublicIpAddress: verbatim(publicIp!), DeleteOnTermination: true });
      if (groups) ni.Groups = verbatim(groups);
      data.NetworkInterfaces = multiline([ni]);
    }
  }
  // Launch configurations default to detailed monitoring, launch templates to basic: keep it detailed.
  if (!keys.has('InstanceMonitoring')) data.Monitoring = { Enabled: true };

  const edits: TextEdit[] = [replaceValue(t, lc.typeNode, LAUNCH_TEMPLATE), replaceValue(t, props, multiline({ LaunchTemplateData: data }))];
  for (const { prop } of asgs) {
    const launchTemplate = multiline({ LaunchTemplateId: { Ref: lc.id }, Version: { 'Fn::GetAtt': [lc.id, 'LatestVersionNumber'] } });
    edits.push(replaceProperty(t, prop, 'LaunchTemplate', launchTemplate));
  }
  return { title: 'Convert to a launch template (AWS::EC2::LaunchTemplate)', edits, isPreferred: true };
}
