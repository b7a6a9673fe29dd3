/**
 * One authentication challenge from a `WWW-Authenticate` header
 * (RFC 9110 §11.6.1). Scheme and parameter names are lower-cased; values are
 * kept as sent (quoted strings unescaped).
 */
export interface Challenge {
  /** Authentication scheme, lower-cased (`bearer`, `ivoa_bearer`, `basic`, ...). */
  scheme: string;
  /** Auth-params by lower-cased name. The first occurrence of a name wins. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge uses it instead of params. */
  token68?: string;
}
