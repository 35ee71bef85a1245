import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'auto-scaling/imdsv2-not-required';

describe(ID, () => {
  it('reports launch templates, launch configurations and instances behind a load balancer that allow IMDSv1', () => {
    const text = readFixture('rules', 'auto-scaling', 'imdsv2-not-required', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'auto-scaling', 'imdsv2-not-required', 'bad.json');
    assert.deepEqual(
      ds.map((d) => `${d.message.match(/^(\w+ \w+|\w+) '(\w+)'/)?.[2]} ${spanText(text, d)}`),
      [
        'WebTemplate "LaunchTemplateData"',
        'ApiTemplate "MetadataOptions"',
        'WorkerConfig "optional"',
        'LegacyConfig {\n            "Ref": "Tokens"\n          }',
        'ScriptConfig "ScriptConfig"',
        'AppInstance "AppInstance"',
      ],
    );
    assert.match(ds[0].message, /^Launch template 'WebTemplate' of Auto Scaling group 'WebGroup' does not require IMDSv2 \(no MetadataOptions\)\./);
    assert.match(ds[1].message, /MetadataOptions sets no HttpTokens/);
    assert.match(ds[3].message, /HttpTokens optional \(default of parameter Tokens\)/);
    assert.match(ds[4].message, /call the metadata service without a token/);
    assert.match(ds[5].message, /^Instance 'AppInstance' behind 'AppTg' does not require IMDSv2/);
    assert.deepEqual(
      ds.map((d) => spanText(text, d.related![0])),
      ['"WebGroup"', '"ApiGroup"', '"WorkerGroup"', '"LegacyGroup"', '"ScriptGroup"', '{\n              "Ref": "AppInstance"\n            }'],
    );
  });

  it('is quiet when IMDSv2 is required, unknown, or nothing serves traffic from it', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'auto-scaling', 'imdsv2-not-required', 'good.json'), []);
  });

  it('its quick fix sets HttpTokens: required (not over a parameter, not when scripts call IMDSv1), in JSON and YAML', () => {
    for (const file of ['bad.json', 'bad.yaml']) {
      let text = readFixture('rules', 'auto-scaling', 'imdsv2-not-required', file);
      const fixable = lint(text, [ID]).filter((d) => d.fixes?.length);
      assert.equal(fixable.length, 4, file);
      for (const d of fixable.sort((a, b) => b.span.offset - a.span.offset)) text = applyEdits(text, d.fixes![0].edits);
      assert.deepEqual(
        lint(text, [ID]).map((d) => d.message.match(/'(\w+)'/)?.[1]),
        ['LegacyConfig', 'ScriptConfig'],
        file,
      );
      if (file.endsWith('.json')) {
        const r = JSON.parse(text).Resources;
        assert.deepEqual(r.WebTemplate.Properties.LaunchTemplateData.MetadataOptions, { HttpTokens: 'required' });
        assert.deepEqual(r.ApiTemplate.Properties.LaunchTemplateData.MetadataOptions, { HttpEndpoint: 'enabled', HttpTokens: 'required' });
        assert.equal(r.WorkerConfig.Properties.MetadataOptions.HttpTokens, 'required');
        assert.deepEqual(r.AppInstance.Properties.MetadataOptions, { HttpTokens: 'required' });
      }
    }
  });
});
