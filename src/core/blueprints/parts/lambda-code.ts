// The Lambda worker's inline placeholder code (Code.ZipFile: CloudFormation writes it to index.py
// or index.js). It processes a batch of SQS messages one by one. With ReportBatchItemFailures it
// returns the failed messages' ids (batchItemFailures) so only those return to the queue; for a
// FIFO queue a failure also fails the later messages of the same message group in the batch, so
// each group keeps its order while other groups go on. Without ReportBatchItemFailures an error
// fails the whole batch, which returns to the queue.

export interface CodeOptions {
  fifo: boolean;
  reportBatchItemFailures: boolean;
}

export function placeholderCode(runtime: string, o: CodeOptions): string {
  return runtime.startsWith('python') ? python(o) : node(o);
}

function python(o: CodeOptions): string {
  const head = [
    'import json',
    'import logging',
    '',
    'logger = logging.getLogger()',
    'logger.setLevel(logging.INFO)',
    '',
    '',
    'def process(record):',
    '    # Placeholder: replace with your own work. Raise an exception to have the message retried;',
    '    # after 5 receives SQS moves it to the dead-letter queue.',
    `    logger.info(json.dumps({"messageId": record["messageId"], ${o.fifo ? '"group": record["attributes"]["MessageGroupId"], ' : ''}"body": record["body"]}))`,
    '',
    '',
    'def handler(event, context):',
  ];
  if (!o.reportBatchItemFailures) {
    return [...head, '    # Any exception returns the whole batch to the queue.', '    for record in event["Records"]:', '        process(record)', ''].join(
      '\n',
    );
  }
  const body = o.fifo
    ? [
        '    failures = []',
        '    failed_groups = set()',
        '    for record in event["Records"]:',
        '        group = record["attributes"]["MessageGroupId"]',
        '        if group in failed_groups:',
        '            # Keep the group in order: this message waits for the one that failed.',
        '            failures.append({"itemIdentifier": record["messageId"]})',
        '            continue',
        '        try:',
        '            process(record)',
        '        except Exception:',
        '            logger.exception("message %s (group %s) failed", record["messageId"], group)',
        '            failed_groups.add(group)',
        '            failures.append({"itemIdentifier": record["messageId"]})',
      ]
    : [
        '    failures = []',
        '    for record in event["Records"]:',
        '        try:',
        '            process(record)',
        '        except Exception:',
        '            logger.exception("message %s failed", record["messageId"])',
        '            failures.append({"itemIdentifier": record["messageId"]})',
      ];
  return [...head, ...body, '    # ReportBatchItemFailures: only these messages return to the queue.', '    return {"batchItemFailures": failures}', ''].join(
    '\n',
  );
}

function node(o: CodeOptions): string {
  const head = [
    'async function processRecord(record) {',
    '  // Placeholder: replace with your own work. Throw to have the message retried;',
    '  // after 5 receives SQS moves it to the dead-letter queue.',
    `  console.log(JSON.stringify({ messageId: record.messageId, ${o.fifo ? 'group: record.attributes.MessageGroupId, ' : ''}body: record.body }));`,
    '}',
    '',
    'exports.handler = async (event) => {',
  ];
  if (!o.reportBatchItemFailures) {
    return [
      ...head,
      '  // Any error fails the whole batch, which returns to the queue.',
      '  for (const record of event.Records) {',
      '    await processRecord(record);',
      '  }',
      '};',
      '',
    ].join('\n');
  }
  const body = o.fifo
    ? [
        '  const batchItemFailures = [];',
        '  const failedGroups = new Set();',
        '  for (const record of event.Records) {',
        '    const group = record.attributes.MessageGroupId;',
        '    if (failedGroups.has(group)) {',
        '      // Keep the group in order: this message waits for the one that failed.',
        '      batchItemFailures.push({ itemIdentifier: record.messageId });',
        '      continue;',
        '    }',
        '    try {',
        '      await processRecord(record);',
        '    } catch (err) {',
        '      console.error(`message ${record.messageId} (group ${group}) failed`, err);',
        '      failedGroups.add(group);',
        '      batchItemFailures.push({ itemIdentifier: record.messageId });',
        '    }',
        '  }',
      ]
    : [
        '  const batchItemFailures = [];',
        '  for (const record of event.Records) {',
        '    try {',
        '      await processRecord(record);',
        '    } catch (err) {',
        '      console.error(`message ${record.messageId} failed`, err);',
        '      batchItemFailures.push({ itemIdentifier: record.messageId });',
        '    }',
        '  }',
      ];
  return [...head, ...body, '  // ReportBatchItemFailures: only these messages return to the queue.', '  return { batchItemFailures };', '};', ''].join('\n');
}
