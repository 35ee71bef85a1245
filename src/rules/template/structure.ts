// The shape CloudFormation requires before it reads anything else: the template is an object; it
// has a Resources section that is an object with at least one resource ("Template format error: At
// least one Resources member must be defined."); each resource is an object with a Type that is a
// string ("Every Resources object must contain a Type member"); Properties, and the other
// sections, are objects. Without this a template whose Resources is an array linted clean (no rule
// found a resource to look at) and reached CloudFormation. Reported at the value that has the
// wrong shape; containers at their opening bracket, so a long array is not one giant squiggle.
import { isDirectiveType } from '../../core/preprocessor';
import { entries, get, getProperty, isObject, type Node, type Span } from '../../core/ast';
import { defineRule } from '../../core/rule';

const SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Metadata', 'Rules'];
/** Sections whose every entry is itself an object (a parameter, a mapping, an output). */
const ENTRIES_ARE_OBJECTS = new Set(['Parameters', 'Mappings', 'Outputs']);

function kindOf(n: Node): string {
  switch (n.kind) {
    case 'object':
      return n.properties.length ? 'an object' : 'an empty object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${n.value}`;
    case 'boolean':
      return `${n.value}`;
    case 'null':
      return 'null';
  }
}

/** Where to report a value: a scalar whole, a container at its opening bracket. */
function at(n: Node): Span {
  return n.kind === 'object' || n.kind === 'array' ? { offset: n.offset, length: 1 } : n;
}

export const structure = defineRule(
  {
    id: 'template/structure',
    severity: 'error',
    title: 'The template, its Resources or a resource does not have the shape CloudFormation requires',
  },
  ({ template, report }) => {
    const root = template.parse.root;
    if (!root) return; // nothing parsed: template/syntax says why
    if (!isObject(root)) {
      report({
        span: at(root),
        message: `A template must be an object of sections ({"Resources": {…}}), but this one is ${kindOf(root)}. CloudFormation rejects it ("Template format error").`,
      });
      return;
    }
    const resourcesProp = getProperty(root, 'Resources');
    const resources = resourcesProp?.value;
    if (!resourcesProp) {
      report({
        span: { offset: root.offset, length: 1 },
        message:
          'The template has no Resources section; CloudFormation requires at least one resource ("Template format error: At least one Resources member must be defined.").',
      });
    } else if (resources && !isObject(resources)) {
      report({
        span: at(resources),
        message: `Resources must be an object of logical IDs ({"Queue": {"Type": "AWS::SQS::Queue"}}), not ${kindOf(resources)}. CloudFormation rejects the template.`,
        related: [{ span: resourcesProp.keySpan, message: 'the Resources section' }],
      });
    } else if (isObject(resources) && resources.properties.length === 0) {
      report({
        span: resources,
        message: 'Resources is empty; CloudFormation requires at least one resource ("Template format error: At least one Resources member must be defined.").',
      });
    }

    for (const p of entries(resources)) {
      const r = p.value!;
      if (!isObject(r)) {
        report({
          span: at(r),
          message: `Resource '${p.key}' must be an object with a Type ({"Type": "AWS::SQS::Queue", "Properties": {…}}), not ${kindOf(r)}. CloudFormation rejects the template.`,
        });
        continue;
      }
      const typeProp = getProperty(r, 'Type');
      const type = typeProp?.value;
      if (!typeProp) {
        report({
          span: p.keySpan,
          message: `Resource '${p.key}' has no Type; CloudFormation rejects the template ("Every Resources object must contain a Type member").`,
        });
      } else if (type && type.kind !== 'string' && !isDirectiveType(type)) {
        // A preprocessor's directive ({"Rain::Module": …}) is template/needs-preprocessor's to say.
        report({
          span: at(type),
          message: `The Type of resource '${p.key}' must be a string naming a resource type, such as "AWS::SQS::Queue", not ${kindOf(type)}. CloudFormation rejects the template.`,
        });
      } else if (type && type.kind === 'string' && type.value.trim() === '') {
        report({ span: type, message: `The Type of resource '${p.key}' is empty; name a resource type such as "AWS::SQS::Queue".` });
      }
      const props = get(r, 'Properties');
      if (props && !isObject(props) && props.kind !== 'null') {
        report({
          span: at(props),
          message: `Properties of resource '${p.key}' must be an object, not ${kindOf(props)}. CloudFormation rejects the template.`,
        });
      }
    }

    for (const name of SECTIONS) {
      const s = getProperty(root, name);
      const v = s?.value;
      if (!s || !v) continue;
      if (!isObject(v)) {
        report({ span: at(v), message: `The ${name} section must be an object, not ${kindOf(v)}. CloudFormation rejects the template.` });
        continue;
      }
      if (!ENTRIES_ARE_OBJECTS.has(name)) continue;
      const what = name === 'Parameters' ? 'Parameter' : name === 'Mappings' ? 'Mapping' : 'Output';
      for (const e of entries(v)) {
        if (!isObject(e.value))
          report({ span: at(e.value!), message: `${what} '${e.key}' must be an object, not ${kindOf(e.value!)}. CloudFormation rejects the template.` });
      }
    }
  },
);
