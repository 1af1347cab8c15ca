import { aadTimestamp, guid } from "./http";

/**
 * The AADSTS errors the emulator produces, with Microsoft's wording
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes). One catalog serves the token
 * endpoint's JSON, the authorize redirects and Microsoft's own error page.
 */
export interface AadstsError {
  /** HTTP status at the token endpoint (authorize errors are pages or redirects). */
  status: number;
  /** The OAuth `error` value. */
  error: string;
  code: number;
  message: string;
  suberror?: string;
}

const e = (status: number, error: string, code: number, message: string, suberror?: string): AadstsError =>
  suberror === undefined ? { status, error, code, message } : { status, error, code, message, suberror };

const notInstalledHint =
  "This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.";

export const AADSTS = {
  missingParameter: (name: string) =>
    e(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  appNotFound: (clientId: string, directory: string) =>
    e(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${directory}'. ${notInstalledHint} You may have sent your authentication request to the wrong tenant.`,
    ),
  notMultiTenant: (clientId: string, appName: string) =>
    e(
      400,
      "invalid_request",
      50194,
      `Application '${clientId}'(${appName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    ),
  personalAccountsOnly: (clientId: string, appName: string) =>
    e(
      400,
      "invalid_request",
      9002331,
      `Application '${clientId}'(${appName}) is configured for use by Microsoft Account users only. Please use the /consumers endpoint to serve this request.`,
    ),
  redirectUriMismatch: (redirectUri: string, clientId: string) =>
    e(
      400,
      "invalid_request",
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  noReplyAddress: () => e(400, "invalid_request", 500113, "No reply address is registered for the application."),
  tenantNotFound: (tenant: string) =>
    e(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  v1PersonalAccount: () =>
    e(
      400,
      "invalid_request",
      500201,
      "We are unable to issue tokens from this API version for a Microsoft account. Please contact the application vendor as they need to use version 2.0 of the protocol to support this.",
    ),
  userNotInTenant: (email: string, idp: string, tenantName: string, clientId: string, appName: string) =>
    e(
      400,
      "invalid_request",
      50020,
      `User account '${email}' from identity provider '${idp}' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    ),
  userNotFound: (email: string, tenantName: string) =>
    e(
      400,
      "invalid_request",
      50034,
      `The user account ${email} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
    ),
  userDisabled: () => e(400, "invalid_request", 50057, "The user account is disabled."),
  declined: () => e(400, "access_denied", 65004, "User declined to consent to access the app."),
  loginRequired: () =>
    e(400, "login_required", 50058, "A silent sign-in request was sent but no user is signed in."),
  unsupportedResponseType: (responseType: string) =>
    e(400, "unsupported_response_type", 700054, `response_type '${responseType}' is not enabled for the application.`),
  invalidScope: (scope: string) =>
    e(
      400,
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  clientCredentialsScope: (scope: string) =>
    e(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  resourceNotSupported: () => e(400, "invalid_request", 901002, "The 'resource' request parameter is not supported."),
  resourceMissing: () => e(400, "invalid_resource", 50001, "Resource identifier is not provided."),
  resourceNotFound: (resource: string, tenantName: string) =>
    e(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. ${notInstalledHint} You might have sent your authentication request to the wrong tenant.`,
    ),
  grantNotSupportedOnCommon: () =>
    e(
      400,
      "invalid_request",
      9001023,
      "The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
    ),
  unsupportedGrantType: (grantType: string) =>
    e(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`),
  missingClientSecret: () =>
    e(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidClientSecret: (clientId: string) =>
    e(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  expiredClientSecret: (clientId: string) =>
    e(
      401,
      "invalid_client",
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  // Certificate credentials (client_assertion): the wording of Microsoft's answers as MSAL's and the Azure SDKs'
  // troubleshooting guides quote them (https://learn.microsoft.com/entra/identity-platform/certificate-credentials).
  malformedJwt: () => e(400, "invalid_request", 50027, "JWT token is invalid or malformed."),
  missingCredentialField: (name: string) =>
    e(
      400,
      "invalid_request",
      90014,
      `The required field '${name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
    ),
  unsupportedAssertionAlgorithm: (alg: string, supported: readonly string[]) =>
    e(
      401,
      "invalid_client",
      5002738,
      `Invalid JWT token. '${alg}' is not a supported signature algorithm. Supported signing algorithms are: '${supported.join(",")}'`,
    ),
  assertionWithoutThumbprint: () =>
    e(
      401,
      "invalid_client",
      5002723,
      "Invalid JWT token. No certificate SHA-1 thumbprint, certificate SHA-256 thumbprint, nor keyId specified in token header.",
    ),
  assertionKeyNotFound: (clientId: string, thumbprint: string) =>
    e(
      401,
      "invalid_client",
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${clientId}']`,
    ),
  assertionKeyExpired: (thumbprint: string, foundKey: string) =>
    e(
      401,
      "invalid_client",
      700027,
      `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprint}', Found key '${foundKey}']`,
    ),
  assertionBadSignature: (thumbprint: string, foundKey: string) =>
    e(
      401,
      "invalid_client",
      700027,
      `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${thumbprint}', Found key '${foundKey}']`,
    ),
  assertionNotForClient: () =>
    e(
      401,
      "invalid_client",
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
    ),
  assertionWrongAudience: () =>
    e(
      401,
      "invalid_client",
      700023,
      "Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
    ),
  assertionTooManyAudiences: (count: number) =>
    e(
      401,
      "invalid_client",
      5002741,
      `Number of audience values in the provided client credential exceed maximum allowed. ${count} audience values provided, maximum allowed is 1.`,
    ),
  assertionOutsideTimeRange: (now: string, validFrom: string, expiry: string) =>
    e(
      401,
      "invalid_client",
      700024,
      `Client assertion is not within its valid time range. Current time: ${now}, assertion valid from ${validFrom}, expiry time of assertion ${expiry}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
    ),
  postOnly: (method: string) =>
    e(400, "invalid_request", 900561, `The endpoint only accepts POST requests. Received a ${method} request.`),
  malformedGrant: () => e(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  grantForOtherClient: () => e(400, "invalid_grant", 70000, "Provided grant is invalid or malformed."),
  codeRedeemed: () =>
    e(
      400,
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  codeExpired: () =>
    e(
      400,
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  redirectUriDiffers: (sent: string, original: string) =>
    e(
      400,
      "invalid_grant",
      500112,
      `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    ),
  pkceMismatch: () =>
    e(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
  grantRevoked: (issuedAt: Date, validFrom: Date) =>
    e(
      400,
      "invalid_grant",
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issuedAt.toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom.toISOString()}'.`,
    ),
  refreshInactive: (issuedAt: Date) =>
    e(
      400,
      "invalid_grant",
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${issuedAt.toISOString()} and was inactive for 90.00:00:00.`,
    ),
  consentRequired: (clientId: string, appName: string) =>
    e(
      400,
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      "consent_required",
    ),
} as const;

/** The trace details Microsoft appends to every AADSTS description and page. */
export interface TraceInfo {
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export function newTrace(correlationId?: string): TraceInfo {
  return { traceId: guid(), correlationId: correlationId ?? guid(), timestamp: aadTimestamp() };
}

/** "AADSTS70008: <text>\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …", as in every token error response. */
export function describe(error: AadstsError, trace: TraceInfo): string {
  return `AADSTS${error.code}: ${error.message}\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${trace.timestamp}`;
}

/** The token endpoint's error body (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1). */
export function tokenErrorBody(error: AadstsError, trace: TraceInfo, loginUrl: string): Record<string, unknown> {
  return {
    error: error.error,
    error_description: describe(error, trace),
    error_codes: [error.code],
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: `${loginUrl}/error?code=${error.code}`,
    ...(error.suberror ? { suberror: error.suberror } : {}),
  };
}
