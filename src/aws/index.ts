// Deploy support with the AWS SDK. Bundled on its own (dist/deploy.js) and loaded only when the
// user deploys, so linting never pays for the SDK. Everything here talks to AWS; the planning it
// uses is pure and lives in src/core/deploy-plan.
export { createClient, DEFAULT_TIMEOUTS, targetOf, testHooks, type ConnectionOptions, type Target, type Timeouts } from './client';
export { DeployError } from './call';
export { isRunning, withStackLock } from './lock';
export { EventTail } from './poll';
export { runDeploy } from './run-deploy';
export { runDelete } from './run-delete';
export { describeStack, readOutputs, readStackTemplate } from './stacks';
export { DEFAULT_TIMING, type DeleteResult, type DeleteUi, type DeployPlan, type DeployResult, type DeployUi, type TemplateUpload, type Timing } from './types';
export { deployTemplate, type DeployRequest, type PipelineResult, type PipelineUi, type Question, type ParameterRequest } from './pipeline';
export { uploadTemplate as uploadTemplateWithClient, UploadError, type Uploaded } from './s3';

import { createClient as makeClient, type ConnectionOptions as Conn } from './client';
import { uploadTemplate as put, uploadTemplateObject, type Uploaded } from './s3';
/** Upload with a client made for the same connection (credentials, region, endpoint). */
export function uploadTemplate(conn: Conn, bucket: string, stackName: string, body: string, format: 'json' | 'yaml' = 'json'): Promise<string> {
  return put(makeClient(conn), conn.endpointUrl, bucket, stackName, body, format);
}
/** The same, with a stop signal and a way to delete the object again (give it to runDeploy as plan.upload). */
export function uploadTemplateForDeploy(
  conn: Conn,
  bucket: string,
  stackName: string,
  body: string,
  signal?: AbortSignal,
  format: 'json' | 'yaml' = 'json',
): Promise<Uploaded> {
  return uploadTemplateObject(makeClient(conn), conn.endpointUrl, bucket, stackName, body, signal, format);
}
