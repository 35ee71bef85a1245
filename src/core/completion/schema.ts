// What the registry schemas say about resource properties, for completion: the settable
// properties of a type at any depth (Properties, then nested objects and list items), with
// required flags, types, enum values and descriptions. Data: ./data/properties.ts (generated).
import { RESOURCE_PROPERTIES } from './data/properties';

export interface PropInfo {
  /** Description from the registry schema (shortened). */
  d?: string;
  /** Required. */
  r?: 1;
  t?: 'string' | 'number' | 'boolean' | 'object' | 'array';
  /** Allowed values. */
  e?: string[];
  /** The definition of this object, or of this list's items. */
  ref?: string;
}

export interface TypeInfo {
  props: Record<string, PropInfo>;
  defs: Record<string, Record<string, PropInfo>>;
}

export function typeInfo(type: string | undefined): TypeInfo | undefined {
  return type !== undefined && Object.hasOwn(RESOURCE_PROPERTIES, type) ? RESOURCE_PROPERTIES[type] : undefined;
}

/**
 * The properties of the object at `path` below a resource's Properties (keys; list indexes are
 * skipped), or undefined when the schema does not say (an unknown type, a free-form object).
 */
export function propertiesAt(type: string | undefined, path: readonly string[]): Record<string, PropInfo> | undefined {
  const info = typeInfo(type);
  if (!info) return undefined;
  let props: Record<string, PropInfo> | undefined = info.props;
  for (const key of path) {
    const p: PropInfo | undefined = props && Object.hasOwn(props, key) ? props[key] : undefined;
    if (!p?.ref) return undefined;
    props = info.defs[p.ref];
  }
  return props;
}

/** What the schema says about the property at `path` (its last key), or undefined. */
export function propertyAt(type: string | undefined, path: readonly string[]): PropInfo | undefined {
  if (path.length === 0) return undefined;
  const parent = propertiesAt(type, path.slice(0, -1));
  const key = path[path.length - 1];
  return parent && Object.hasOwn(parent, key) ? parent[key] : undefined;
}
