// Amazon SQS encrypts every new queue with SQS-owned keys (SSE-SQS) unless told otherwise, so a
// queue that sets neither SqsManagedSseEnabled nor KmsMasterKeyId is encrypted at rest. Only
// `SqsManagedSseEnabled: false` without a KMS key turns encryption off and stores the messages in
// plain text: that is what this rule reports, and nothing else.
import { get, getProperty } from '../../core/ast';
import { replaceValue } from '../../core/edit';
import { resolve, scalars } from '../../core/resolve';
import { defineRule, type Fix } from '../../core/rule';
import { sqsModel } from '../../core/sqs';

const isFalse = (v: unknown) => v === false || String(v).trim().toLowerCase() === 'false';

export const encryptionDisabled = defineRule(
  {
    id: 'sqs/encryption-disabled',
    severity: 'warning',
    title: 'SQS queue with server-side encryption turned off (SqsManagedSseEnabled false and no KMS key)',
  },
  ({ template, report }) => {
    const defaultOf = (param: string | undefined) => (param ? template.parameters.get(param)?.default : undefined);
    for (const q of sqsModel(template).queues) {
      const props = q.resource.properties;
      const sse = getProperty(props, 'SqsManagedSseEnabled');
      if (!props || !sse?.value) continue; // unset: SSE-SQS, the default
      const s = scalars(template, sse.value);
      // Only when every possible value is false: a parameter without a default or one Fn::If branch true stays quiet.
      if (s.unknown || s.values.length === 0 || !s.values.every((v) => isFalse(v.value))) continue;
      const kms = get(props, 'KmsMasterKeyId');
      if (kms && !resolve(template, kms).every((v) => v.kind === 'novalue')) continue; // SSE-KMS (or a key that may be set)
      const v = s.values[0];
      const literal = s.values.length === 1 && v.node === sse.value && !v.param;
      const fixes: Fix[] | undefined = literal
        ? [
            {
              title: `Turn SSE-SQS on for '${q.resource.id}' (SqsManagedSseEnabled: true)`,
              edits: [replaceValue(template, sse.value, true)],
              isPreferred: true,
            },
          ]
        : undefined;
      report({
        span: v.node,
        message: `Queue '${q.resource.id}' turns server-side encryption off (SqsManagedSseEnabled ${v.param ? `false, the default of parameter ${v.param}` : 'false'}, no KmsMasterKeyId): its messages are stored unencrypted. Set SqsManagedSseEnabled to true, or remove it (SSE-SQS is the default), or set a KmsMasterKeyId.`,
        related: defaultOf(v.param)
          ? [{ span: defaultOf(v.param)!, message: `the default of parameter ${v.param}: false` }]
          : v.node !== sse.value
            ? [{ span: sse.keySpan, message: `SqsManagedSseEnabled of '${q.resource.id}'` }]
            : undefined,
        fixes,
      });
    }
  },
);
