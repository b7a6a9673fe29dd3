export {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  MethodNotAllowedError,
  ConflictError,
  UnsupportedMediaTypeError,
  RangeNotSatisfiableError,
  type HttpErrorOptions,
} from './errors.js';
export {
  arrivalOrigin,
  createAuthMiddleware,
  currentUser,
  InvalidTokenError,
  type AccessTokenVerifier,
  type AuthMiddleware,
  type AuthenticatedUser,
} from './auth.js';
export { challengeHeader, SSO, REALM, type ChallengeReason } from './challenges.js';
export {
  findCredential,
  isPlatformCookie,
  OIDC_COOKIES,
  SSO_COOKIE,
  type CredentialSource,
  type PresentedCredential,
} from './credentials.js';
export { createErrorHandler, errorStyle, type ErrorStyle } from './error-handler.js';
export { openapiValidator, type OpenApiValidatorOptions, type SpecFile } from './openapi.js';
