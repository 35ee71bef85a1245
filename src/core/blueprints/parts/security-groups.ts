// Security groups: the load balancer admits its listener ports from anywhere; web servers admit
// the traffic port only from the load balancer's group. No SSH: use SSM Session Manager.
import { ref, TemplateBuilder } from './builder';

export function addWebSecurityGroups(b: TemplateBuilder, listenerPorts: number[], trafficPort: number): void {
  b.resource('LoadBalancerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Load balancer: listener ports from the internet',
      VpcId: ref('VPC'),
      SecurityGroupIngress: listenerPorts.map((p) => ({
        Description: `port ${p} from anywhere`,
        IpProtocol: 'tcp',
        FromPort: p,
        ToPort: p,
        CidrIp: '0.0.0.0/0',
      })),
    },
  });
  b.resource('WebServerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Web servers: traffic port only from the load balancer',
      VpcId: ref('VPC'),
      SecurityGroupIngress: [
        {
          Description: 'traffic and health checks from the load balancer',
          IpProtocol: 'tcp',
          FromPort: trafficPort,
          ToPort: trafficPort,
          SourceSecurityGroupId: ref('LoadBalancerSecurityGroup'),
        },
      ],
    },
  });
}
