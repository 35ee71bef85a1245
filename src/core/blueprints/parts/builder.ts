// The template builder every part adds to, and the long-form intrinsics the parts write
// ({"Ref": …}, {"Fn::GetAtt": […]}, {"Fn::Sub": …}): blueprints return plain template objects,
// rendered as JSON (or YAML) by the caller. Logical names are fixed so that every blueprint reads
// the same way and tests can find the pieces.
import type { TemplateObject } from '../types';

export type Json = unknown;

export const ref = (name: string) => ({ Ref: name });
export const getAtt = (name: string, attr: string) => ({ 'Fn::GetAtt': [name, attr] });
export const sub = (s: string) => ({ 'Fn::Sub': s });

export class TemplateBuilder {
  readonly parameters: Record<string, Json> = {};
  readonly mappings: Record<string, Json> = {};
  readonly resources: Record<string, Json> = {};
  readonly outputs: Record<string, Json> = {};
  readonly interfaceGroups: { label: string; parameters: string[] }[] = [];

  constructor(readonly description: string) {}

  param(name: string, def: Json, group = 'Web tier'): this {
    this.parameters[name] = def;
    let g = this.interfaceGroups.find((x) => x.label === group);
    if (!g) this.interfaceGroups.push((g = { label: group, parameters: [] }));
    g.parameters.push(name);
    return this;
  }
  resource(name: string, def: Json): this {
    this.resources[name] = def;
    return this;
  }
  output(name: string, description: string, value: Json, exportIt = false): this {
    this.outputs[name] = {
      Description: description,
      Value: value,
      ...(exportIt ? { Export: { Name: sub(`\${AWS::StackName}-${name}`) } } : {}),
    };
    return this;
  }

  build(): TemplateObject {
    const t: TemplateObject = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: this.description,
      Metadata: {
        'AWS::CloudFormation::Interface': {
          ParameterGroups: this.interfaceGroups.map((g) => ({ Label: { default: g.label }, Parameters: g.parameters })),
        },
      },
      Parameters: this.parameters,
    };
    if (Object.keys(this.mappings).length) t.Mappings = this.mappings;
    t.Resources = this.resources;
    t.Outputs = this.outputs;
    return t;
  }
}
