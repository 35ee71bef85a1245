// CloudFormation resolves every name a template uses — Ref, Fn::GetAtt, Fn::Sub variables,
// DependsOn, Condition, Fn::If — when it validates the template, and rejects the whole template
// ("Unresolved resource dependencies [X] in the Resources block of the template", "Template format
// error: Unresolved dependencies [X]", "Template error: instance of Fn::GetAtt references undefined
// resource X", "Unresolved condition X"). A misspelt name therefore fails the stack before
// anything is created; in the editor we can point at the name and offer the one it was probably
// meant to be.
import { get, type Span } from '../../core/ast';
import { PSEUDO_PARAMETERS } from '../../core/resolve';
import { replaceInString, replaceValue } from '../../core/edit';
import { defineRule, type Fix, type Related } from '../../core/rule';
import { collectReferences, definitionOf, type Reference } from '../../core/references';
import { suggester } from '../../core/suggest';

export const unknownRef = defineRule(
  {
    id: 'reference/unknown-ref',
    severity: 'error',
    title: 'Ref, Fn::GetAtt, Fn::Sub, DependsOn or Condition names something the template does not define',
  },
  ({ template, report }) => {
    const { refs, transformed } = collectReferences(template);
    // A transform (SAM, macros, AWS::LanguageExtensions) may add resources, parameters and
    // conditions we cannot see: stay quiet rather than guess.
    if (transformed) return;
    const { resources, parameters, conditions } = template;
    const suggestAny = suggester(template, () => [...resources.keys(), ...parameters.keys(), ...PSEUDO_PARAMETERS]);
    const suggestResource = suggester(template, () => resources.keys());
    const suggestCondition = suggester(template, () => conditions.keys());
    const conditionsNode = get(template.root, 'Conditions');
    const inConditions = (s: Span) =>
      conditionsNode !== undefined && s.offset >= conditionsNode.offset && s.offset < conditionsNode.offset + conditionsNode.length;

    for (const r of refs) {
      const n = r.name;
      switch (r.kind) {
        case 'ref':
        case 'sub': {
          if (r.kind === 'sub' && r.attr !== undefined) {
            if (resources.has(n)) break;
            const other = parameters.has(n) ? ` ('${n}' is a parameter, and only resources have attributes)` : '';
            say(
              r,
              `Fn::Sub variable '\${${n}.${r.attr}}' reads attribute ${r.attr} of '${n}', which is not a resource of this template${other}`,
              suggestResource(n),
            );
            break;
          }
          if (resources.has(n) || parameters.has(n) || PSEUDO_PARAMETERS.has(n)) {
            if (r.kind === 'ref' && inConditions(r.span) && resources.has(n) && !parameters.has(n)) {
              report({
                span: r.span,
                message: `Conditions can only refer to parameters and pseudo parameters, but this Ref names resource '${n}': CloudFormation evaluates conditions before it creates any resource.`,
                related: [{ span: resources.get(n)!.prop.keySpan, message: `resource '${n}'` }],
              });
            }
            break;
          }
          const dot = n.indexOf('.');
          if (r.kind === 'ref' && dot > 0 && resources.has(n.slice(0, dot)) && r.call) {
            // `!Ref Api.RootResourceId`: an attribute is read with Fn::GetAtt, not Ref.
            const [id, attr] = [n.slice(0, dot), n.slice(dot + 1)];
            report({
              span: r.span,
              message: `Ref takes a logical ID, not an attribute: '${n}' reads attribute ${attr} of resource '${id}'. Use Fn::GetAtt (${id}.${attr}). CloudFormation rejects a template with an unresolved name.`,
              related: [{ span: resources.get(id)!.prop.keySpan, message: `resource '${id}'` }],
              fixes: [{ title: `Use Fn::GetAtt ${id}.${attr}`, edits: [replaceValue(template, r.call, { 'Fn::GetAtt': [id, attr] })], isPreferred: true }],
            });
            break;
          }
          if (r.kind === 'ref') {
            if (n.startsWith('AWS::'))
              say(r, `Ref '${n}' is not a pseudo parameter`, suggestAny(n), ` The pseudo parameters are ${[...PSEUDO_PARAMETERS].join(', ')}.`);
            else say(r, `Ref '${n}' names no resource, parameter or pseudo parameter of this template`, suggestAny(n));
          } else {
            say(
              r,
              `Fn::Sub variable '\${${n}}' names no resource, parameter or pseudo parameter of this template, nor a key of its variable map`,
              suggestAny(n),
              ` (For a literal '\${${n}}' write '\${!${n}}'.)`,
            );
          }
          break;
        }
        case 'getatt': {
          if (resources.has(n)) break;
          const other = parameters.has(n) ? ` '${n}' is a parameter: use {"Ref": "${n}"} for its value (Fn::GetAtt reads attributes of resources).` : '';
          say(r, `Fn::GetAtt names '${n}', which is not a resource of this template`, suggestResource(n), other);
          break;
        }
        case 'depends-on': {
          if (resources.has(n)) break;
          const other = parameters.has(n) ? ` '${n}' is a parameter; DependsOn takes logical IDs of resources.` : '';
          say(r, `DependsOn names '${n}', which is not a resource of this template`, suggestResource(n), other);
          break;
        }
        case 'condition': {
          if (conditions.has(n)) break;
          const where = conditionsNode ? 'in the Conditions section' : '(the template has no Conditions section)';
          say(r, `Condition '${n}' is not defined ${where}`, suggestCondition(n));
          break;
        }
      }
    }

    function say(r: Reference, what: string, suggestion: string | undefined, hint = ''): void {
      const related: Related[] = [];
      let fixes: Fix[] | undefined;
      if (suggestion !== undefined) {
        const def = definitionOf(template, { kind: r.kind, name: suggestion, attr: r.attr });
        if (def) related.push({ span: def, message: `'${suggestion}' is defined here` });
        fixes = [{ title: `Replace with '${suggestion}'`, edits: [replaceInString(template, r.node, r.span, suggestion)], isPreferred: true }];
      }
      report({
        span: r.span,
        message: `${what}${suggestion !== undefined ? `; did you mean '${suggestion}'?` : '.'}${hint} CloudFormation rejects a template with an unresolved name.`,
        related: related.length ? related : undefined,
        fixes,
      });
    }
  },
);
