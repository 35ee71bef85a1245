// The yaml.customTags list Decouple contributes covers every short form the parser knows, and a
// user's own list is extended, never replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHORT_FORMS } from '../core/parse-yaml';
import { missingTags, tagNames, withTags } from './custom-tags';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configurationDefaults: Record<string, string[]> } };
const contributed = pkg.contributes.configurationDefaults['yaml.customTags'];

test('the contributed yaml.customTags name every CloudFormation short form the parser reads, and nothing else', () => {
  assert.deepEqual(tagNames(contributed).sort(), [...SHORT_FORMS.keys()].sort());
  for (const e of contributed) assert.match(e, /^![A-Za-z0-9]+ (scalar|sequence|mapping)$/, e);
});

test("a user's own list keeps its entries and gains only what it lacks", () => {
  assert.deepEqual(missingTags(['!Ref', '!include scalar', '!Sub sequence', 42], ['!Ref scalar', '!Sub scalar', '!Sub sequence']), ['!Sub scalar']);
  assert.deepEqual(withTags(['!include scalar', '!Ref Scalar'], ['!Ref scalar', '!GetAtt sequence']), ['!include scalar', '!Ref Scalar', '!GetAtt sequence']);
  assert.deepEqual(withTags(undefined, ['!Ref scalar']), ['!Ref scalar']);
  assert.deepEqual(missingTags(contributed, contributed), []);
  assert.deepEqual(missingTags(['!Transform map'], ['!Transform mapping']), []);
});
