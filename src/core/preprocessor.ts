// Templates that are not CloudFormation templates yet: they need a preprocessor or a macro first.
// - A resource whose Type is not a string, such as `{"Rain::Module": "./vpc.yaml"}` (YAML:
//   `!Rain::Module`), or any other `Rain::` directive (`Rain::Embed`, `Rain::S3Http`,
//   `Rain::Constant`…): `rain pkg` turns the file into a template, and adds resources of its own.
// - Serverless Framework variables (`${self:custom.x}`, `${opt:stage}`, `${sls:…}`, `${env:…}`,
//   `${ssm:…}`, `${file(…)}`…) in a `resources:` file: `serverless package` replaces them.
// - A top-level Transform other than the documented AWS transforms: a macro, which CloudFormation
//   runs only if one of that name is defined in the account and Region.
// Either way the names the preprocessor creates are not in this file, so checks of names stay quiet
// and one info diagnostic says why (template/needs-preprocessor).
import { get, isArray, isObject, isString, walk, type Node, type Span } from './ast';
import type { Template } from './template';

/** The transforms AWS hosts (Transform reference, CloudFormation Template Reference). */
const AWS_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::Include', 'AWS::LanguageExtensions', 'AWS::CodeDeployBlueGreen', 'AWS::ServiceCatalog']);

/** `${self:…}`, `${opt:…}`, `${file(…)}`…: Serverless Framework variable sources (not CloudFormation's `${AWS::Region}`). */
const SERVERLESS_VARIABLE = /\$\{(?:(?:self|opt|sls|env|ssm|cf|s3|param|aws|strToBool):(?!:)|file\()/;

/** The text holds a variable a preprocessor replaces (Serverless Framework `${self:…}`…): its value is not known here. */
export function hasPreprocessorVariable(text: string): boolean {
  return SERVERLESS_VARIABLE.test(text);
}

export function isAwsTransform(name: string): boolean {
  return AWS_TRANSFORMS.has(name) || name.startsWith('AWS::SecretsManager-');
}

export interface PreprocessorDirective {
  kind: 'resource-type' | 'directive' | 'macro' | 'serverless-variable';
  /** The directive (`Rain::Module`) or the macro's name. */
  name: string;
  span: Span;
  /** For resource-type: the logical ID. */
  resource?: string;
}

export function preprocessorDirectives(t: Template): PreprocessorDirective[] {
  const cached = t.cache.get('preprocessor') as PreprocessorDirective[] | undefined;
  if (cached) return cached;
  const out: PreprocessorDirective[] = [];
  const transform = get(t.root, 'Transform');
  for (const n of isArray(transform) ? transform.items : transform ? [transform] : []) {
    const name = isString(n) ? n : get(n, 'Name'); // "AWS::Include" or {"Name": "AWS::Include", "Parameters": …}
    if (isString(name) && !isAwsTransform(name.value)) out.push({ kind: 'macro', name: name.value, span: name });
  }
  const typed = new Set<Node>();
  for (const r of t.resources.values()) {
    const type = r.typeNode;
    if (!isObject(type) || !isDirectiveType(type) || afterSyntaxError(t, type)) continue;
    const key = type.properties[0].key;
    out.push({ kind: 'resource-type', name: key, span: type.properties[0].keySpan, resource: r.id });
    typed.add(type);
  }
  let serverless = 0;
  walk(t.root, (n) => {
    if (isString(n)) {
      const m = SERVERLESS_VARIABLE.exec(n.value);
      // One is enough to know; a few as related locations.
      if (m && serverless++ < 5) out.push({ kind: 'serverless-variable', name: m[0], span: n });
      return;
    }
    if (!isObject(n) || typed.has(n)) return;
    for (const p of n.properties) if (p.key.startsWith('Rain::')) out.push({ kind: 'directive', name: p.key, span: p.keySpan });
  });
  if (get(t.root, 'Rain') !== undefined) {
    const p = t.root!.properties.find((x) => x.key === 'Rain')!;
    out.push({ kind: 'directive', name: 'Rain', span: p.keySpan });
  }
  out.sort((a, b) => a.span.offset - b.span.offset);
  t.cache.set('preprocessor', out);
  return out;
}

/** The file must be packaged or expanded before CloudFormation can read it as it is meant. */
export function needsPreprocessor(t: Template): boolean {
  return preprocessorDirectives(t).length > 0;
}

/**
 * Is this Type value a preprocessor's directive (`{"Rain::Module": …}`) rather than a mistake? One
 * key of the form `Tool::Directive`, not an intrinsic and not a resource type name (a YAML
 * indentation slip turns `Type: AWS::…::TargetGroup` + an over-indented `Properties:` into a key).
 */
export function isDirectiveType(type: Node | undefined): boolean {
  if (!isObject(type) || type.properties.length !== 1) return false;
  const key = type.properties[0].key;
  return /^[A-Za-z][A-Za-z0-9]*::[A-Za-z][A-Za-z0-9]*$/.test(key) && !key.startsWith('Fn::') && !/^(AWS|Alexa|Custom)::/.test(key);
}

/** A syntax error at or before the node: what follows may not be what was written. */
function afterSyntaxError(t: Template, n: Node): boolean {
  return t.parse.syntaxErrors.some((e) => e.offset <= n.offset + n.length);
}
