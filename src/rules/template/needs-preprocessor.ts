// A file that needs a preprocessor or a macro before CloudFormation reads it as meant: a Rain
// module or directive (`Type: !Rain::Module ./vpc.yaml`, `!Rain::Embed`…; `rain pkg` writes the
// template), or a Transform that is not one of the documented AWS transforms (a macro, which
// CloudFormation runs only if it is defined in the account and Region). The names those create are
// not in this file, so the reference rules stay quiet; this one info diagnostic says why, at the
// first directive, with the others as related locations.
import { defineRule } from '../../core/rule';
import { preprocessorDirectives } from '../../core/preprocessor';

export const needsPreprocessor = defineRule(
  {
    id: 'template/needs-preprocessor',
    severity: 'info',
    title: 'Template needs a preprocessor or macro before CloudFormation can read it',
  },
  ({ template: t, report }) => {
    const all = preprocessorDirectives(t);
    if (!all.length) return;
    const rain = all.filter((d) => d.kind === 'resource-type' || d.kind === 'directive');
    const sls = all.filter((d) => d.kind === 'serverless-variable');
    const macros = [...new Set(all.filter((d) => d.kind === 'macro').map((d) => d.name))];
    const first = all[0];
    const parts: string[] = [];
    if (rain.length) {
      const names = [...new Set(rain.map((d) => (d.name === 'Rain' ? 'the Rain section' : d.name)))].join(', ');
      const otherTool = rain.some((d) => !d.name.startsWith('Rain'));
      parts.push(
        `This file uses ${otherTool ? 'preprocessor' : 'Rain'} directives (${names}): it must be packaged first (${otherTool ? 'by the tool that defines them' : 'rain pkg'}) to become a CloudFormation template.`,
      );
    }
    if (sls.length) {
      parts.push(
        `This file uses Serverless Framework variables (${sls[0].name}…}): serverless package replaces them before CloudFormation reads the template.`,
      );
    }
    if (macros.length) {
      parts.push(
        `Transform ${macros.map((m) => `'${m}'`).join(', ')} is not an AWS transform but a macro: CloudFormation runs it only if a macro of that name is defined in the account and Region, or it is expanded before deploying.`,
      );
    }
    parts.push(
      rain.length || sls.length
        ? 'Names it creates are not in this file, so reference checks are off; lint the packaged template for them.'
        : 'Names the macro creates are not in this file, so reference checks are off.',
    );
    report({
      span: first.span,
      message: parts.join(' '),
      related: all.slice(1, 20).map((d) => ({
        span: d.span,
        message:
          d.kind === 'macro'
            ? `Transform '${d.name}'`
            : d.kind === 'serverless-variable'
              ? 'Serverless Framework variable'
              : `${d.name}${d.resource ? ` (resource '${d.resource}')` : ''}`,
      })),
    });
  },
);
