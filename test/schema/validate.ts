// A small JSON Schema (draft-07) validator for the keywords scripts/gen-schema.mjs emits, so the
// schema tests need no dependency. Unknown keywords throw: the generator cannot start emitting a
// keyword this validator silently ignores.
export type Schema = boolean | SchemaObject;

/** The draft-07 keywords the generator emits (KNOWN below); any other key makes `check` throw. */
export interface SchemaObject {
  [keyword: string]: unknown;
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema | Schema[];
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  propertyNames?: Schema;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
}

/** The child of a parsed JSON value at one key, or undefined. */
function child(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}

const KNOWN = new Set([
  '$schema',
  '$ref',
  'title',
  'description',
  'default',
  'definitions',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'minProperties',
  'maxProperties',
]);

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const regexCache = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = regexCache.get(p);
  if (!r) regexCache.set(p, (r = new RegExp(p, 'u')));
  return r;
}

export function validate(root: Schema, value: unknown): SchemaError[] {
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      node = child(node, part.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    }
    return node as Schema;
  };

  const check = (s: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    if (s === true) return;
    if (s === false) {
      out.push({ path, message: 'not allowed' });
      return;
    }
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`validator does not know keyword "${k}" (at schema for ${path})`);
    const err = (message: string) => out.push({ path, message });
    const t = typeOf(v);

    if (s.$ref !== undefined) check(resolve(s.$ref), v, path, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) err(`expected ${types.join(' or ')}, got ${t}`);
    }
    if (s.enum !== undefined && !s.enum.some((e: unknown) => deepEqual(e, v))) err(`expected one of ${JSON.stringify(s.enum)}`);
    if (s.const !== undefined && !deepEqual(s.const, v)) err(`expected ${JSON.stringify(s.const)}`);

    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) err(`below the minimum ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) err(`above the maximum ${s.maximum}`);
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) err(`not above ${s.exclusiveMinimum}`);
      if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) err(`not below ${s.exclusiveMaximum}`);
    }
    if (typeof v === 'string') {
      const len = [...v].length;
      if (s.minLength !== undefined && len < s.minLength) err(`shorter than ${s.minLength}`);
      if (s.maxLength !== undefined && len > s.maxLength) err(`longer than ${s.maxLength}`);
      if (s.pattern !== undefined && !regex(s.pattern).test(v)) err(`does not match ${s.pattern}`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) err(`fewer than ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) err(`more than ${s.maxItems} items`);
      if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) err('items are not unique');
      if (Array.isArray(s.items)) s.items.forEach((is, i) => i < v.length && check(is, v[i], `${path}[${i}]`, out));
      else if (s.items !== undefined) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`, out));
    }
    if (t === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (s.minProperties !== undefined && keys.length < s.minProperties) err(`fewer than ${s.minProperties} properties`);
      if (s.maxProperties !== undefined && keys.length > s.maxProperties) err(`more than ${s.maxProperties} properties`);
      for (const r of s.required ?? []) if (!(r in o)) err(`missing required property "${r}"`);
      if (s.propertyNames !== undefined) for (const k of keys) check(s.propertyNames, k, `${path}{${k}}`, out);
      for (const k of keys) {
        let matched = false;
        if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, k)) {
          matched = true;
          check(s.properties[k], o[k], `${path}.${k}`, out);
        }
        for (const [p, ps] of Object.entries(s.patternProperties ?? {})) {
          if (regex(p).test(k)) {
            matched = true;
            check(ps, o[k], `${path}.${k}`, out);
          }
        }
        if (!matched && s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) err(`property "${k}" is not allowed`);
          else check(s.additionalProperties, o[k], `${path}.${k}`, out);
        }
      }
    }

    const passes = (sub: Schema) => {
      const e: SchemaError[] = [];
      check(sub, v, path, e);
      return e;
    };
    if (s.allOf) for (const sub of s.allOf) check(sub, v, path, out);
    if (s.anyOf) {
      const results = s.anyOf.map(passes);
      if (!results.some((r) => r.length === 0)) {
        // Report the branch that got furthest (fewest errors), like editors do.
        const best = results.reduce((a, b) => (b.length < a.length ? b : a));
        out.push(...best);
      }
    }
    if (s.oneOf) {
      const ok = s.oneOf.map(passes).filter((r) => r.length === 0).length;
      if (ok !== 1) err(`matches ${ok} of the oneOf alternatives, expected exactly 1`);
    }
    if (s.not !== undefined && passes(s.not).length === 0) err('matches a schema it must not');
    if (s.if !== undefined) {
      if (passes(s.if).length === 0) {
        if (s.then !== undefined) check(s.then, v, path, out);
      } else if (s.else !== undefined) check(s.else, v, path, out);
    }
  };

  const out: SchemaError[] = [];
  check(root, value, '$', out);
  return out;
}

/** Every $ref resolves and every pattern compiles (as VS Code would use them). */
export function checkSchemaIntegrity(root: unknown): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, where: string, isMap: boolean) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, `${where}[${i}]`, false));
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (isMap) {
        walk(v, `${where}/${k}`, false);
        continue;
      }
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'required') continue;
      if (k === '$ref') {
        let n: unknown = root;
        for (const part of String(v).slice(2).split('/')) n = child(n, part);
        if (n === undefined) problems.push(`${where}: unresolved $ref ${String(v)}`);
      } else if (k === 'pattern') {
        try {
          new RegExp(String(v), 'u');
        } catch (e) {
          problems.push(`${where}: pattern ${String(v)} does not compile: ${(e as Error).message}`);
        }
      } else if (!KNOWN.has(k)) problems.push(`${where}: unknown keyword ${k}`);
      walk(v, `${where}/${k}`, k === 'properties' || k === 'patternProperties' || k === 'definitions');
    }
  };
  walk(root, '#', false);
  return problems;
}
