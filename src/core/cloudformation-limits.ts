// CloudFormation's limits, in one place: the linter (src/rules/template/limits.ts), deploy
// planning (src/core/deploy-plan/template-body.ts) and both front ends read them from here.
// Source: AWS CloudFormation User Guide, "Understand CloudFormation quotas", and the API
// reference of CreateStack / CreateChangeSet (StackName, TemplateBody, TemplateURL).

/** A template passed inline (TemplateBody): at most 51,200 bytes. */
export const TEMPLATE_BODY_BYTES = 51_200;
/** A template passed by TemplateURL (uploaded to S3 first): at most 1 MB (1,048,576 bytes). */
export const TEMPLATE_URL_BYTES = 1_048_576;

/** Per template: CloudFormation rejects a template with more. */
export const MAX_RESOURCES = 500;
export const MAX_PARAMETERS = 200;
export const MAX_OUTPUTS = 200;
export const MAX_MAPPINGS = 200;

/** A stack name: up to 128 letters, digits and hyphens, starting with a letter. */
export const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
export const STACK_NAME_RULE = 'up to 128 letters, digits and hyphens, starting with a letter';

/** Why `name` is not a valid stack name, or undefined when it is. */
export function stackNameProblem(name: string): string | undefined {
  return STACK_NAME.test(name) ? undefined : `"${name}" is not a valid stack name: ${STACK_NAME_RULE}`;
}

/** A stack name from a template file name: letters, digits and hyphens, starting with a letter. */
export function stackNameFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(json|template|ya?ml)$/i, '')
    .replace(/\.template$/i, '');
  let s = base
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = `stack-${s}`.replace(/-$/, '');
  return s.slice(0, 128);
}
