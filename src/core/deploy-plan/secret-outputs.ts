// Outputs that carry a NoEcho parameter's value. Redacting known values is not enough: on an
// update that keeps a NoEcho value (UsePreviousValue), on a "no changes" run, or when reading
// any stack's outputs, the value is unknown here (CloudFormation returns **** for it). So an
// output whose Value derives from a NoEcho parameter, as the template shows (a Ref to it, or
// ${Param} in a Fn::Sub, anywhere inside the Value), is secret: its value is never shown.
import { get, isArray, isObject, isString, walk } from '../ast';
import type { Template } from '../template';
import type { OutputLike } from './events';
import { MASK, redact } from './params';

/** ${Name} in a Fn::Sub string (not ${!Literal}, not ${Resource.Attribute}). */
function subNames(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1].trim();
    if (name && !name.startsWith('!') && !name.includes('.')) out.push(name);
  }
  return out;
}

/** Keys of the outputs whose Value derives from a NoEcho parameter. */
export function secretOutputKeys(t: Template): Set<string> {
  const noEcho = new Set([...t.parameters.values()].filter((p) => p.noEcho).map((p) => p.id));
  const keys = new Set<string>();
  if (noEcho.size === 0) return keys;
  for (const [key, prop] of t.outputs) {
    let secret = false;
    walk(get(prop.value, 'Value'), (n) => {
      if (secret || !isObject(n)) return;
      const ref = get(n, 'Ref');
      if (isString(ref) && noEcho.has(ref.value)) secret = true;
      const sub = get(n, 'Fn::Sub');
      const text = isString(sub) ? sub : isArray(sub) && isString(sub.items[0]) ? sub.items[0] : undefined;
      if (text && subNames(text.value).some((x) => noEcho.has(x))) secret = true;
    });
    if (secret) keys.add(key);
  }
  return keys;
}

/** Parameter keys a stack reports as NoEcho (CloudFormation shows their value as ****). */
export function noEchoFromStack(parameters: ReadonlyArray<{ ParameterKey?: string; ParameterValue?: string }> | undefined): string[] {
  return (parameters ?? []).filter((p) => p.ParameterValue === MASK && p.ParameterKey).map((p) => p.ParameterKey!);
}

/**
 * Outputs safe to show: secret ones (by key) masked whole, known secret values redacted from
 * the rest. `secretKeys` 'all' masks every value (a stack with NoEcho parameters whose template
 * could not be read).
 */
export function maskOutputs<T extends OutputLike>(outputs: readonly T[], secretKeys: ReadonlySet<string> | 'all', secrets: readonly string[] = []): T[] {
  return outputs.map((o) => {
    const hidden = secretKeys === 'all' || (o.OutputKey !== undefined && secretKeys.has(o.OutputKey));
    if (o.OutputValue === undefined) return { ...o };
    return { ...o, OutputValue: hidden ? MASK : redact(o.OutputValue, secrets) };
  });
}
