// The generated templates as YAML, for the YAML half of the bench.
import { stringify } from 'yaml';

export function yamlOfValue(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}
