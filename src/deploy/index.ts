// Deploy support with the AWS SDK. Bundled on its own (dist/deploy.js) and loaded only when the
// user deploys, so linting never pays for the SDK.
export { createClient, DEFAULT_TIMEOUTS, testHooks, type ConnectionOptions, type Timeouts } from './client';
export {
  DEFAULT_TIMING,
  DeployError,
  EventTail,
  describeStack,
  isRunning,
  readOutputs,
  readStackTemplate,
  runDelete,
  runDeploy,
  type DeleteResult,
  type DeleteUi,
  type DeployPlan,
  type DeployResult,
  type DeployUi,
  type TemplateUpload,
  type Timing,
} from './engine';
export { listStackResources, listStacks, recentStackEvents } from './stacks';
export { uploadTemplate as uploadTemplateWithClient, UploadError, type Uploaded } from './s3';

import { createClient as makeClient, type ConnectionOptions as Conn } from './client';
import { uploadTemplate as put, uploadTemplateObject, type Uploaded } from './s3';
/** Upload with a client made for the same connection (credentials, region, endpoint). */
export function uploadTemplate(conn: Conn, bucket: string, stackName: string, body: string): Promise<string> {
  return put(makeClient(conn), conn.endpointUrl, bucket, stackName, body);
}
/** The same, with a stop signal and a way to delete the object again (give it to runDeploy as plan.upload). */
export function uploadTemplateForDeploy(conn: Conn, bucket: string, stackName: string, body: string, signal?: AbortSignal): Promise<Uploaded> {
  return uploadTemplateObject(makeClient(conn), conn.endpointUrl, bucket, stackName, body, signal);
}
