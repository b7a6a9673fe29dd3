export {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  MethodNotAllowedError,
  ConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  RangeNotSatisfiableError,
  ServiceUnavailableError,
  type HttpErrorOptions,
} from './errors.js';
export {
  createAuthMiddleware,
  currentUser,
  InvalidTokenError,
  type AccessTokenVerifier,
  type AuthMiddleware,
  type AuthenticatedUser,
} from './auth.js';
export { challengeHeader, SSO, REALM, type ChallengeReason } from './challenges.js';
export { findCredential, readCookie, SSO_COOKIE, type CredentialSource, type PresentedCredential } from './credentials.js';
export { createErrorHandler, errorStyle, sendError, type ErrorStyle } from './error-handler.js';
export { openapiValidator, loadSpec, type OpenApiValidatorOptions, type SpecFile } from './openapi.js';
