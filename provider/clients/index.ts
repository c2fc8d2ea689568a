/** The provider's API clients. */
export { ApiError, isApiError, parseErrorBody, type ApiErrorInit, type ServiceName } from "./api-error";
export { TransportError } from "./transport-error";
export { scrubSecrets, scrubPath, REDACTED } from "./scrub";
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpMethod, type HttpRequest, type HttpResponse, type RetryEvent } from "./http";
export { DEFAULT_RETRY_POLICY, backoffDelayMs, parseRetryAfter, isSafeToRepeat, type RetryPolicy } from "./retry";
export { agentFor, closeAgents, loadCa, type TlsSettings } from "./tls";
export { issueToken, normalizeAuthUrl, type IssuedToken, type KeystoneCredentials, type KeystoneIdentity, type ProjectScope } from "./keystone";
export { endpointFor, expandProjectId, SERVICE_TYPES, type EndpointQuery, type ServiceType } from "./catalog";
export { Session, sessionFor, sessionCounters, resetSessions, type SessionCounters, type SessionService, type SessionRequestOptions } from "./session";
export { CsbsClient, tagMap, type CheckpointItemFilters } from "./csbs";
export { NovaClient } from "./nova";
export { CinderClient, isSharedVolume } from "./cinder";
