// Errors from the AWS side, in words a user can act on. Works on any error-like value (the SDK's
// exceptions, Node network errors), so it needs no SDK import.

export type ErrorKind =
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'access-denied'
  | 'no-region'
  | 'throttled'
  | 'network'
  | 'insufficient-capabilities'
  | 'already-exists'
  | 'stack-not-found'
  | 'busy'
  | 'no-changes'
  | 'validation'
  | 'cancelled'
  | 'timeout'
  | 'unknown';

/**
 * How a front end names the settings a message points at: the CLI has flags and environment
 * variables, the editor has settings. Each front end words its own; no message names the other's.
 */
export interface SettingWords {
  /** A phrase with its verb: "pass --region or set AWS_REGION". */
  region: string;
  profile: string;
  s3Bucket: string;
  /** Where the full lint report is ("run decouple lint for details", "see the Problems panel"). */
  lint: string;
}

/** When no front end said: the environment variables both read. */
export const PLAIN_WORDS: SettingWords = {
  region: 'set AWS_REGION',
  profile: 'AWS_PROFILE',
  s3Bucket: 'the s3Bucket setting',
  lint: 'lint the template for details',
};

export interface ClassifiedError {
  kind: ErrorKind;
  /** One or two sentences for the user. */
  message: string;
  /** CLI exit code: 2 for problems with the setup (credentials, region, network), 1 otherwise. */
  exit: 1 | 2;
}

interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
  errno?: number | string;
}

function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as ErrorLike);
    cur = (cur as ErrorLike).cause;
  }
  if (out.length === 0) out.push({ message: String(e) });
  return out;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const INVALID = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AuthFailure',
  'MissingAuthenticationToken',
  'InvalidSignatureException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
/** Error codes only AWS answers with: such an error came from the server even without $metadata. */
const SERVICE_CODES = new Set([
  ...EXPIRED,
  ...INVALID,
  ...DENIED,
  ...THROTTLED,
  'ValidationError',
  'InsufficientCapabilitiesException',
  'AlreadyExistsException',
  'ChangeSetNotFoundException',
  'StackNotFoundException',
  'LimitExceededException',
  'TokenAlreadyExistsException',
  'InvalidChangeSetStatusException',
  'OperationInProgressException',
  'InternalFailure',
  'ServiceUnavailable',
]);

const nameOf = (x: ErrorLike) => x.name ?? x.code ?? x.Code ?? '';

/**
 * What went wrong, by error code (the SDK's `name`), HTTP status and Node error code, in that
 * order; messages are only read inside one error code (CloudFormation reports "does not exist",
 * "busy" and "no updates" as a ValidationError). The server's own message is always shown.
 */
export function classifyError(e: unknown, context: { endpoint?: string; profile?: string; region?: string; words?: SettingWords } = {}): ClassifiedError {
  const words = context.words ?? PLAIN_WORDS;
  const errs = chain(e);
  const top = errs[0];
  const names = errs.map(nameOf);
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  const profile = context.profile ? ` --profile ${context.profile}` : '';

  if (names.includes('AbortError')) return { kind: 'cancelled', message: 'Stopped.', exit: 1 };

  const server =
    errs.find((x) => typeof x.$metadata?.httpStatusCode === 'number' && x.$metadata.httpStatusCode >= 400) ?? errs.find((x) => SERVICE_CODES.has(nameOf(x)));
  if (server) return classifyServer(server, profile);

  // Client side: the SDK's own errors and Node's network errors.
  const code = errs.map((x) => String(x.code ?? x.errno ?? '')).find((c) => NETWORK_CODES.has(c));
  const cred = errs.find((x) => nameOf(x) === 'CredentialsProviderError' || nameOf(x) === 'TokenProviderError');
  if (cred) {
    const said = cred.message ?? '';
    if (nameOf(cred) === 'TokenProviderError' || /\bSSO\b.*\b(expired|invalid)\b|aws sso login/i.test(said))
      return { kind: 'sso-expired', message: `Your AWS SSO session has expired. Run "aws sso login${profile}" and deploy again.`, exit: 2 };
    const generic = /^Could not load credentials from any providers$/.test(said.trim()) || said.trim() === '';
    return {
      kind: 'no-credentials',
      message: !generic
        ? `No AWS credentials${context.profile ? ` for profile "${context.profile}"` : ''}: ${said.trim()}`
        : context.profile
          ? `No AWS credentials found for profile "${context.profile}": check that ~/.aws/config or ~/.aws/credentials defines it (for an SSO profile, run "aws sso login --profile ${context.profile}").`
          : `No AWS credentials found. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile from ~/.aws/config (${words.profile}), or run "aws sso login" for an SSO profile.`,
      exit: 2,
    };
  }
  // The SDK's endpoint resolution throws exactly this, as a plain Error.
  if (errs.some((x) => x.message === 'Region is missing' && !code)) return { kind: 'no-region', message: `No AWS region given: ${words.region}.`, exit: 2 };
  if (code || names.includes('TimeoutError') || names.includes('RequestTimeout') || names.includes('NetworkingError')) {
    const refused = code === 'ECONNREFUSED';
    return {
      kind: 'network',
      message: refused
        ? `Cannot reach CloudFormation${where}: the connection was refused. Check the endpoint URL and that the service is running.`
        : `The connection to CloudFormation${where} was dropped or timed out (${code || top.message}), and retrying did not get through. Check your network and run the command again: it picks up from the stack's current state.`,
      exit: 2,
    };
  }
  return { kind: 'unknown', message: `${names.find(Boolean) && names[0] !== 'Error' ? names.find(Boolean) + ': ' : ''}${top.message ?? String(e)}`, exit: 1 };
}

function classifyServer(x: ErrorLike, profile: string): ClassifiedError {
  const named = nameOf(x);
  const code = named === 'Error' ? '' : named;
  const said = x.message ?? '';
  const status = x.$metadata?.httpStatusCode;
  const aws = said ? ` AWS said: ${said}` : '';
  if (EXPIRED.has(code))
    return {
      kind: 'expired-credentials',
      message: `Your AWS credentials have expired (${code}). Refresh them (for SSO: "aws sso login${profile}") and deploy again.${aws}`,
      exit: 2,
    };
  if (INVALID.has(code))
    return { kind: 'invalid-credentials', message: `AWS did not accept these credentials (${code}). Check the access key, secret and profile.${aws}`, exit: 2 };
  if (DENIED.has(code) || status === 403) {
    const action = /is not authorized to perform: ([\w:]+)/.exec(said)?.[1];
    return {
      kind: 'access-denied',
      message: `Access denied${action ? ` for ${action}` : ''}: your AWS identity is not allowed to do this. Ask for CloudFormation permissions (and permissions for the resources in the template), or use another profile.${aws}`,
      exit: 2,
    };
  }
  if (THROTTLED.has(code) || status === 429)
    return {
      kind: 'throttled',
      message: `AWS kept throttling the requests (${said || code}) even after retrying with backoff. Wait a minute and try again.`,
      exit: 1,
    };
  if (code === 'InsufficientCapabilitiesException')
    return { kind: 'insufficient-capabilities', message: `The template needs a capability that was not acknowledged: ${said}`, exit: 1 };
  if (code === 'AlreadyExistsException') return { kind: 'already-exists', message: said || 'It already exists.', exit: 1 };
  if (code === 'StackNotFoundException') return { kind: 'stack-not-found', message: said || 'The stack does not exist.', exit: 1 };
  if (code === 'ValidationError') {
    // CloudFormation's own phrases for these, inside a ValidationError.
    if (/^Stack (with id )?\S+ does not exist$/.test(said.trim())) return { kind: 'stack-not-found', message: said, exit: 1 };
    if (
      /^Stack:\S+ is in [A-Z_]+_IN_PROGRESS state and can ?not be updated\.?$/.test(said.trim()) ||
      /^Stack \S+ is in [A-Z_]+_IN_PROGRESS state/.test(said.trim())
    )
      return { kind: 'busy', message: `The stack is busy with another operation: ${said} Wait for it to finish.`, exit: 1 };
    if (/^No updates are to be performed\.?$/.test(said.trim()) || /^The submitted information didn't contain changes\./.test(said.trim()))
      return { kind: 'no-changes', message: 'No changes: the stack already matches the template.', exit: 1 };
    return { kind: 'validation', message: `CloudFormation rejected the request: ${said || code}`, exit: 1 };
  }
  if (status !== undefined && status >= 500)
    return { kind: 'unknown', message: `CloudFormation failed to answer (${code || `HTTP ${status}`}): ${said}`, exit: 1 };
  return { kind: 'validation', message: `CloudFormation rejected the request (${code || `HTTP ${status}`}): ${said}`, exit: 1 };
}
