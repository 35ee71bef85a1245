// Launch configurations are in maintenance mode: EC2 Auto Scaling adds no features to them, they
// cannot use instance types released after 2022, and accounts created since 1 October 2024 cannot
// create them at all (API and CloudFormation), so a template that uses one fails to deploy there.
// AWS::EC2::LaunchTemplate replaces them. Reported at each LaunchConfiguration's Type, with the
// groups that use it as related information (a quick fix converts it when that is safe), and at an
// Auto Scaling group's LaunchConfigurationName when the configuration is not in this template.
import { getProperty } from '../../core/ast';
import { resolve } from '../../core/resolve';
import { defineRule, type Related } from '../../core/rule';
import { convertToLaunchTemplate } from '../../core/convert-launch-configuration';
import { ASG, LAUNCH_CONFIGURATION } from '../../core/resource-types';

const WHY =
  'Launch configurations are in maintenance mode (no instance types released after 2022) and accounts created since 1 October 2024 cannot create them';

export const launchConfigurationDeprecated = defineRule(
  {
    id: 'auto-scaling/launch-configuration-deprecated',
    severity: 'warning',
    title: 'Launch configuration instead of a launch template',
  },
  ({ template, report }) => {
    const lcs = template.byType(LAUNCH_CONFIGURATION);
    const lcIds = new Set(lcs.map((r) => r.id));
    const users = new Map<string, Related[]>();
    for (const asg of template.byType(ASG)) {
      const p = getProperty(asg.properties, 'LaunchConfigurationName');
      if (!p?.value) continue;
      const vals = resolve(template, p.value);
      const inTemplate = vals.filter((v) => v.kind === 'resource' && lcIds.has(v.id));
      for (const v of inTemplate) {
        const id = (v as { id: string }).id;
        if (!users.has(id)) users.set(id, []);
        users.get(id)!.push({ span: p.value, message: `Auto Scaling group '${asg.id}' uses '${id}'` });
      }
      if (inTemplate.length || vals.every((v) => v.kind === 'novalue')) continue;
      report({
        span: p.value,
        message: `Auto Scaling group '${asg.id}' uses a launch configuration (LaunchConfigurationName), not a launch template. ${WHY}. Use an AWS::EC2::LaunchTemplate and the group's LaunchTemplate property instead.`,
      });
    }
    for (const lc of lcs) {
      const fix = convertToLaunchTemplate(template, lc);
      report({
        span: lc.typeNode ?? lc.prop.keySpan,
        message: `'${lc.id}' is an AWS::AutoScaling::LaunchConfiguration, not a launch template. ${WHY}. Use an AWS::EC2::LaunchTemplate (LaunchTemplateData) and reference it from the Auto Scaling group's LaunchTemplate.`,
        related: users.get(lc.id),
        fixes: fix ? [fix] : undefined,
      });
    }
  },
);
