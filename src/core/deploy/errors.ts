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

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function classifyError(e: unknown, context: { endpoint?: string; profile?: string; region?: string } = {}): ClassifiedError {
  const errs = chain(e);
  const top = errs[0];
  const names = errs.map((x) => x.name ?? x.code ?? x.Code ?? '');
  const codes = errs.map((x) => String(x.code ?? x.errno ?? ''));
  const text = errs.map((x) => x.message ?? '').join(' | ');
  const has = (re: RegExp) => re.test(text);
  const named = (...n: string[]) => names.some((x) => n.includes(x));
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  const profile = context.profile ? ` --profile ${context.profile}` : '';

  if (named('AbortError') || has(/^Request aborted$/)) return { kind: 'cancelled', message: 'Stopped.', exit: 1 };
  if (has(/SSO session.*(expired|invalid)|Token is expired|token has expired.*sso|refresh.*SSO|aws sso login/i) || named('TokenProviderError'))
    return {
      kind: 'sso-expired',
      message: `Your AWS SSO session has expired. Run "aws sso login${profile}" and deploy again.`,
      exit: 2,
    };
  if (named('CredentialsProviderError') || has(/Could not load credentials|Unable to locate credentials|credentials.*not.*found/i))
    return {
      kind: 'no-credentials',
      message: context.profile
        ? `No AWS credentials found for profile "${context.profile}": check that ~/.aws/config or ~/.aws/credentials defines it (for an SSO profile, run "aws sso login --profile ${context.profile}").`
        : 'No AWS credentials found. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile from ~/.aws/config (--profile, AWS_PROFILE or the "decouple.aws.profile" setting), or run "aws sso login" for an SSO profile.',
      exit: 2,
    };
  if (has(/Region is missing|region.*not.*(set|found|configured)/i))
    return { kind: 'no-region', message: 'No AWS region given: pass --region, set AWS_REGION, or set "decouple.aws.region".', exit: 2 };
  if (named('ExpiredToken', 'ExpiredTokenException', 'RequestExpired'))
    return { kind: 'expired-credentials', message: 'Your AWS credentials have expired. Refresh them (for SSO: "aws sso login") and deploy again.', exit: 2 };
  if (named('InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'AuthFailure'))
    return { kind: 'invalid-credentials', message: `AWS did not accept these credentials (${names.find(Boolean)}). Check the access key, secret and profile.`, exit: 2 };
  if (named('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException') || has(/is not authorized to perform/i)) {
    const action = /perform: ([\w:]+)/.exec(text)?.[1];
    return {
      kind: 'access-denied',
      message: `Access denied${action ? ` for ${action}` : ''}: your AWS identity is not allowed to do this. Ask for CloudFormation permissions (and permissions for the resources in the template), or use another profile. AWS said: ${top.message ?? ''}`,
      exit: 2,
    };
  }
  if (named('Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded') || has(/Rate exceeded/i))
    return { kind: 'throttled', message: 'AWS kept throttling the requests ("Rate exceeded") even after retrying with backoff. Wait a minute and try again.', exit: 1 };
  if (named('InsufficientCapabilitiesException') || has(/Requires capabilities/i))
    return { kind: 'insufficient-capabilities', message: `The template needs a capability that was not acknowledged: ${top.message ?? ''}`, exit: 1 };
  if (named('AlreadyExistsException')) return { kind: 'already-exists', message: top.message ?? 'It already exists.', exit: 1 };
  if (has(/Stack with id .* does not exist|Stack .* does not exist/i)) return { kind: 'stack-not-found', message: top.message ?? 'The stack does not exist.', exit: 1 };
  if (has(/is in [A-Z_]+_IN_PROGRESS state|_IN_PROGRESS state and can ?not be updated/i))
    return { kind: 'busy', message: `The stack is busy with another operation: ${top.message ?? ''} Wait for it to finish.`, exit: 1 };
  if (has(/didn't contain changes|No updates are to be performed/i)) return { kind: 'no-changes', message: 'No changes: the stack already matches the template.', exit: 1 };
  if (
    codes.some((c) => NETWORK_CODES.has(c)) ||
    named('TimeoutError', 'RequestTimeout', 'NetworkingError') ||
    has(/socket hang up|ECONNRESET|ECONNREFUSED|network|getaddrinfo|connect ETIMEDOUT|other side closed/i)
  ) {
    const refused = codes.includes('ECONNREFUSED') || has(/ECONNREFUSED/);
    return {
      kind: 'network',
      message: refused
        ? `Cannot reach CloudFormation${where}: the connection was refused. Check the endpoint URL and that the service is running.`
        : `The connection to CloudFormation${where} was dropped or timed out (${codes.find(Boolean) || top.message}), and retrying did not get through. Check your network and run the command again: it picks up from the stack's current state.`,
      exit: 2,
    };
  }
  if (named('ValidationError') || top.$metadata?.httpStatusCode === 400)
    return { kind: 'validation', message: `CloudFormation rejected the request: ${top.message ?? names.find(Boolean)}`, exit: 1 };
  return { kind: 'unknown', message: `${names.find(Boolean) ? names.find(Boolean) + ': ' : ''}${top.message ?? String(e)}`, exit: 1 };
}
