import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, where } from '../../../test/helpers/lint';

const ID = 'template/structure';

describe(ID, () => {
  it('reports each value of the wrong shape at that value', () => {
    const text = readFixture('rules', 'template', 'structure', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'structure', 'bad.json');
    assert.deepEqual(
      ds.map((d) => [where(text, d), spanText(text, d)]),
      [
        ['4:18', '"work"'],
        ['8:15', '5'],
        ['10:24', '['],
        ['13:5', '"Worker"'],
        ['18:21', '['],
        ['21:14', '['],
      ],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.match(ds[0].message, /Parameter 'QueueName' must be an object, not a string/);
    assert.match(ds[1].message, /The Type of resource 'WorkQueue' must be a string naming a resource type, such as "AWS::SQS::Queue", not the number 5/);
    assert.match(ds[2].message, /Resource 'DeadLetterQueue' must be an object with a Type .* not an array/);
    assert.match(ds[3].message, /Resource 'Worker' has no Type.*Every Resources object must contain a Type member/);
    assert.match(ds[4].message, /Properties of resource 'Topic' must be an object, not an array/);
    assert.match(ds[5].message, /The Outputs section must be an object, not an array/);
  });

  it('Resources as an array, a string, null, a number, {} or missing; a root that is an array or a string', () => {
    const v = '"AWSTemplateFormatVersion": "2010-09-09"';
    const cases: Array<[string, string, RegExp]> = [
      [`{${v}, "Resources": [{"Type": "AWS::SQS::Queue"}]}`, '[', /Resources must be an object of logical IDs .* not an array/],
      [`{${v}, "Resources": "AWS::SQS::Queue"}`, '"AWS::SQS::Queue"', /not a string/],
      [`{${v}, "Resources": null}`, 'null', /not null/],
      [`{${v}, "Resources": 5}`, '5', /not the number 5/],
      [`{${v}, "Resources": {}}`, '{}', /Resources is empty; CloudFormation requires at least one resource/],
      [`{${v}}`, '{', /no Resources section; .*At least one Resources member must be defined/],
      [`[{${v}, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}]`, '[', /A template must be an object of sections .* this one is an array/],
      ['"AWSTemplateFormatVersion"', '"AWSTemplateFormatVersion"', /this one is a string/],
    ];
    for (const [text, shown, re] of cases) {
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1, text);
      assert.equal(spanText(text, ds[0]), shown, text);
      assert.match(ds[0].message, re, text);
    }
  });

  it('YAML: the same shapes, at the same places', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: 5\n  Other:\n    - Type: AWS::SQS::Queue\n';
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => [where(text, d), spanText(text, d)]),
      [
        ['4:11', '5'],
        ['6:5', '-'],
      ],
    );
    const list = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Type: AWS::SQS::Queue\n';
    assert.match(lint(list, [ID])[0].message, /Resources must be an object of logical IDs .* not an array/);
  });

  it('reports once per resource, and the Resources array only once however long', () => {
    const items = Array.from({ length: 100 }, () => '{"Type": "AWS::SQS::Queue"}').join(',');
    assert.equal(lint(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": [${items}]}`, [ID]).length, 1);
  });

  it('is quiet on well-formed templates, on the AWS in Action chapter-12 template, and on a text that does not parse', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'structure', 'good.json'), []);
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
    assert.deepEqual(lint('', [ID]), []);
  });
});
