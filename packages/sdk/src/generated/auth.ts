// Generated from openapi/auth.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Index of the platform's services
         * @description JSON list of the services this platform offers, with their base, capabilities and OpenAPI URLs.
         */
        get: operations["getServiceIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness probe */
        get: operations["getPlatformHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * VOSI capabilities of the platform's authentication services
         * @description Always anonymous. Lists the login endpoints and, per interface, the
         *     accepted security methods (`ivo://ivoa.net/sso#token`,
         *     `ivo://ivoa.net/sso#cookie`, and an anonymous interface first where
         *     anonymous access is allowed).
         */
        get: operations["getAuthCapabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/authcheck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tell authenticated from anonymous callers
         * @description 200 with the user name when the request carries a valid credential;
         *     401 with the platform's challenges otherwise. Use it (or `HEAD`) to
         *     discover login methods and to validate a credential.
         */
        get: operations["authCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ac/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Password login (CADC / IVOA SSO tls-with-password)
         * @description Exchanges a user name and password for a bearer token. The token is
         *     the whole response body (CADC) and is repeated in the `x-vo-bearer`
         *     header (IVOA SSO draft); clients read either.
         */
        post: operations["loginWithPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ac/cookie": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password login answered with a session cookie (IVOA sso#cookie) */
        post: operations["loginWithCookie"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ac/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's identity and groups */
        get: operations["whoAmI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reg/resource-caps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CADC registry file mapping resource ids to capabilities URLs
         * @description One `ivo://<authority>/<name> = <capabilities URL>` per line; `#`
         *     starts a comment. `cadcutils` caches it in
         *     `~/.config/cadc-registry/resource-caps` for 10 minutes.
         */
        get: operations["getResourceCaps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect discovery document */
        get: operations["getOidcConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public signing keys (JWKS) */
        get: operations["getOidcJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Authorization endpoint (authorization code + PKCE)
         * @description Browser endpoint. Shows the login (and consent) page, then redirects
         *     to `redirect_uri` with `code` and `state`. Only `S256` PKCE is accepted;
         *     public clients must send `code_challenge`.
         */
        get: operations["oidcAuthorize"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token endpoint
         * @description Grant types:
         *     * `authorization_code` with PKCE `code_verifier`;
         *     * `refresh_token` (rotating refresh tokens);
         *     * `urn:ietf:params:oauth:grant-type:device_code` (RFC 8628), answering
         *       `authorization_pending` / `slow_down` until the user approves;
         *     * `urn:ietf:params:oauth:grant-type:token-exchange` (RFC 8693), to get
         *       a token for another audience or a narrower scope.
         *
         *     Confidential clients authenticate with HTTP Basic or `client_secret`;
         *     public clients send only `client_id`.
         */
        post: operations["oidcToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/device/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Device authorization request (RFC 8628) */
        post: operations["oidcDeviceAuthorization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ServiceIndex: {
            /** @description Display name of the platform. */
            name?: string;
            /**
             * Format: uri
             * @description OIDC issuer of the platform, if it runs one.
             */
            issuer?: string;
            services: components["schemas"]["ServiceEntry"][];
        };
        ServiceEntry: {
            /**
             * @description Service name (`auth`, `gms`, `vospace`, `uws`, `sessions`).
             * @example vospace
             */
            name: string;
            /** Format: uri */
            baseUrl: string;
            /** Format: uri */
            capabilitiesUrl?: string;
            /** Format: uri */
            openapiUrl?: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            version?: string;
            /** @description Seconds since start. */
            uptime?: number;
        };
        PasswordLoginForm: {
            username: string;
            /** Format: password */
            password: string;
        };
        WhoAmI: {
            username: string;
            groups: string[];
            email?: string;
            /** @description Display name. */
            name?: string;
        };
        OidcConfiguration: {
            /** Format: uri */
            issuer: string;
            /** Format: uri */
            authorization_endpoint?: string;
            /** Format: uri */
            token_endpoint: string;
            /** Format: uri */
            device_authorization_endpoint?: string;
            /** Format: uri */
            jwks_uri: string;
            /** Format: uri */
            userinfo_endpoint?: string;
            response_types_supported?: string[];
            grant_types_supported?: string[];
            code_challenge_methods_supported?: string[];
            scopes_supported?: string[];
            token_endpoint_auth_methods_supported?: string[];
            id_token_signing_alg_values_supported?: string[];
            subject_types_supported?: string[];
        } & {
            [key: string]: unknown;
        };
        Jwk: {
            kty: string;
            kid?: string;
            use?: string;
            alg?: string;
            n?: string;
            e?: string;
            crv?: string;
            x?: string;
            y?: string;
        } & {
            [key: string]: unknown;
        };
        Jwks: {
            keys: components["schemas"]["Jwk"][];
        };
        /** @description Form body of the token endpoint, one shape per grant type. */
        TokenRequest: components["schemas"]["AuthorizationCodeGrant"] | components["schemas"]["RefreshTokenGrant"] | components["schemas"]["DeviceCodeGrant"] | components["schemas"]["TokenExchangeGrant"];
        AuthorizationCodeGrant: {
            /** @constant */
            grant_type: "authorization_code";
            code: string;
            /** Format: uri */
            redirect_uri: string;
            /** @description PKCE verifier (RFC 7636), 43-128 characters. */
            code_verifier: string;
            client_id?: string;
            client_secret?: string;
        };
        RefreshTokenGrant: {
            /** @constant */
            grant_type: "refresh_token";
            refresh_token: string;
            scope?: string;
            client_id?: string;
            client_secret?: string;
        };
        DeviceCodeGrant: {
            /** @constant */
            grant_type: "urn:ietf:params:oauth:grant-type:device_code";
            device_code: string;
            client_id?: string;
            client_secret?: string;
        };
        TokenExchangeGrant: {
            /** @constant */
            grant_type: "urn:ietf:params:oauth:grant-type:token-exchange";
            subject_token: string;
            /** @example urn:ietf:params:oauth:token-type:access_token */
            subject_token_type: string;
            requested_token_type?: string;
            /** @description Logical name or URL of the target service. */
            audience?: string;
            /** Format: uri */
            resource?: string;
            scope?: string;
            client_id?: string;
            client_secret?: string;
        };
        OidcTokenResponse: {
            access_token: string;
            /** @description `Bearer` (RFC 6750; case-insensitive). */
            token_type: string;
            /** @description Lifetime of the access token in seconds. */
            expires_in?: number;
            refresh_token?: string;
            scope?: string;
            id_token?: string;
            /** @description Set for token exchange (RFC 8693). */
            issued_token_type?: string;
        };
        OAuthError: {
            /**
             * @description RFC 6749 / RFC 8628 error code.
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client" | "invalid_redirect_uri" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope" | "invalid_target" | "authorization_pending" | "slow_down" | "access_denied" | "expired_token" | "server_error";
            error_description?: string;
        };
        /**
         * @description Public clients (the platform's own `vobridge`) send `client_id`;
         *     confidential clients an operator registered authenticate with HTTP
         *     Basic instead, or send `client_id` and `client_secret`.
         */
        DeviceAuthorizationRequest: {
            client_id?: string;
            client_secret?: string;
            scope?: string;
        };
        DeviceAuthorizationResponse: {
            device_code: string;
            user_code: string;
            /** Format: uri */
            verification_uri: string;
            /** Format: uri */
            verification_uri_complete?: string;
            expires_in: number;
            /** @description Minimum seconds between polls (default 5). */
            interval?: number;
        };
        /**
         * @description IVOA-style plain-text error message. VOSpace faults start with the
         *     fault name (`NodeNotFound`, `PermissionDenied`, `DuplicateNode`,
         *     `InvalidURI`, `InvalidArgument`, `ContainerNotFound`, `NodeLocked`, ...).
         * @example NodeNotFound: vos://example.org~vault/alice/missing.fits
         */
        IvoaError: string;
        /** @description JSON error body. */
        ErrorBody: {
            /**
             * @description Machine-readable error code (snake_case).
             * @example not_found
             */
            error: string;
            /**
             * @description Human-readable explanation. Never contains a token or secret.
             * @example No such node /alice/missing.fits
             */
            message: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description VOSI 1.1 capabilities document (`http://www.ivoa.net/xml/VOSICapabilities/v1.0`).
         *     For `cadcutils`, `capability`, `interface`, `accessURL` and
         *     `securityMethod` are unqualified (no namespace prefix), the root
         *     declares the `xsi` prefix, and an anonymous interface (no
         *     `securityMethod`) comes first in its capability.
         */
        VosiCapabilities: string;
    };
    responses: {
        /** @description Unexpected server failure. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example InternalFault: unexpected error */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "internal",
                 *       "message": "unexpected error"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description No credential, or the credential is invalid or expired. The
         *     `WWW-Authenticate` header lists how to log in.
         */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                /** @example authentication required */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "unauthorized",
                 *       "message": "authentication required"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The request is malformed or a parameter is invalid. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example InvalidArgument: PHASE must be RUN or ABORT */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "bad_request",
                 *       "message": "PHASE must be RUN or ABORT"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description The user name the request was authenticated as (IVOA SSO / CADC). Sent
         *     on every response to an authenticated request.
         * @example alice
         */
        XVoAuthenticated: string;
        /**
         * @description One or more RFC 7235 challenges (several challenges may share one
         *     header line, separated by commas). vobridge services always offer the
         *     IVOA forms and a plain `Bearer` challenge, e.g.
         *     `ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://platform.example.org/ac/login"`,
         *     `ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="https://platform.example.org/oidc/auth"`,
         *     `ivoa_cookie standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://platform.example.org/ac/cookie"`,
         *     `Bearer realm="vobridge"`. As in the IVOA SSO/AuthVO drafts, a
         *     challenge's `standard_id` names the login protocol (POST `username`
         *     and `password` to `access_url`), and the scheme says what the login
         *     gives back (a token or a cookie). A failed token adds
         *     `error="invalid_token"` (RFC 6750) to the Bearer challenge.
         * @example ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://platform.example.org/ac/login", ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="https://platform.example.org/oidc/auth", Bearer realm="vobridge"
         */
        WWWAuthenticate: string;
        /**
         * @description Absolute URL of the resource the client is sent to.
         * @example https://platform.example.org/uws/sleep/4f7c2d1e
         */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getServiceIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Service index. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "vobridge reference platform",
                     *       "issuer": "https://platform.example.org/oidc",
                     *       "services": [
                     *         {
                     *           "name": "vospace",
                     *           "baseUrl": "https://platform.example.org/vospace",
                     *           "capabilitiesUrl": "https://platform.example.org/vospace/capabilities",
                     *           "openapiUrl": "https://platform.example.org/openapi/vospace.yaml"
                     *         },
                     *         {
                     *           "name": "sessions",
                     *           "baseUrl": "https://platform.example.org/skaha/v1",
                     *           "capabilitiesUrl": "https://platform.example.org/skaha/capabilities",
                     *           "openapiUrl": "https://platform.example.org/openapi/sessions.yaml"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceIndex"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getPlatformHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platform is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "version": "0.1.0",
                     *       "uptime": 123.4
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The platform is starting or shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getAuthCapabilities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Capabilities document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
                     *         xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"
                     *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                     *       <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/capabilities</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/sso#tls-with-password">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/ac/login</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/sso#OAuth">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/oidc/auth</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="vos://cadc.nrc.ca~vospace/CADC/std/UMS#users-1.0">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/ac/whoami</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/ac/whoami</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#cookie"/>
                     *         </interface>
                     *       </capability>
                     *     </vosi:capabilities>
                     */
                    "application/xml": components["schemas"]["VosiCapabilities"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    authCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Authenticated. */
            200: {
                headers: {
                    "x-vo-authenticated": components["headers"]["XVoAuthenticated"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example alice */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    loginWithPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "alice",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["PasswordLoginForm"];
            };
        };
        responses: {
            /** @description Logged in. */
            200: {
                headers: {
                    "x-vo-authenticated": components["headers"]["XVoAuthenticated"];
                    /**
                     * @description The same token as the body.
                     * @example eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln
                     */
                    "x-vo-bearer"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln */
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    loginWithCookie: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "alice",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["PasswordLoginForm"];
            };
        };
        responses: {
            /** @description Logged in; the cookie carries the credential. */
            200: {
                headers: {
                    "x-vo-authenticated": components["headers"]["XVoAuthenticated"];
                    /**
                     * @description `CADC_SSO=<token>; Path=/; HttpOnly; SameSite=Lax` (plus `Secure` over HTTPS).
                     * @example CADC_SSO=eyJhbGciOiJSUzI1NiJ9.e30.c2ln; Path=/; HttpOnly; SameSite=Lax
                     */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example alice */
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    whoAmI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Identity of the caller. */
            200: {
                headers: {
                    "x-vo-authenticated": components["headers"]["XVoAuthenticated"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "username": "alice",
                     *       "groups": [
                     *         "demo-users",
                     *         "survey-team"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["WhoAmI"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getResourceCaps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Registry lines. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # vobridge reference platform registry
                     *     ivo://cadc.nrc.ca/vault = https://platform.example.org/vospace/capabilities
                     *     ivo://opencadc.org/vault = https://platform.example.org/vospace/capabilities
                     *     ivo://cadc.nrc.ca/gms = https://platform.example.org/gms/capabilities
                     *     ivo://cadc.nrc.ca/skaha = https://platform.example.org/skaha/capabilities
                     *     ivo://vobridge.example.org/auth = https://platform.example.org/capabilities
                     */
                    "text/plain": string;
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getOidcConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Provider metadata (OpenID Connect Discovery 1.0, RFC 8414). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "issuer": "https://platform.example.org/oidc",
                     *       "authorization_endpoint": "https://platform.example.org/oidc/auth",
                     *       "token_endpoint": "https://platform.example.org/oidc/token",
                     *       "device_authorization_endpoint": "https://platform.example.org/oidc/device/auth",
                     *       "jwks_uri": "https://platform.example.org/oidc/jwks",
                     *       "response_types_supported": [
                     *         "code"
                     *       ],
                     *       "grant_types_supported": [
                     *         "authorization_code",
                     *         "refresh_token",
                     *         "urn:ietf:params:oauth:grant-type:device_code",
                     *         "urn:ietf:params:oauth:grant-type:token-exchange"
                     *       ],
                     *       "code_challenge_methods_supported": [
                     *         "S256"
                     *       ],
                     *       "scopes_supported": [
                     *         "openid",
                     *         "profile",
                     *         "offline_access",
                     *         "read:tap",
                     *         "exec:notebook",
                     *         "vospace",
                     *         "gms"
                     *       ],
                     *       "token_endpoint_auth_methods_supported": [
                     *         "none",
                     *         "client_secret_basic",
                     *         "client_secret_post"
                     *       ],
                     *       "id_token_signing_alg_values_supported": [
                     *         "RS256"
                     *       ],
                     *       "subject_types_supported": [
                     *         "public"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OidcConfiguration"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getOidcJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "RSA",
                     *           "kid": "k1",
                     *           "use": "sig",
                     *           "alg": "RS256",
                     *           "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                     *           "e": "AQAB"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/jwk-set+json": components["schemas"]["Jwks"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    oidcAuthorize: {
        parameters: {
            query: {
                response_type: "code";
                /** @example vobridge */
                client_id: string;
                /** @example http://127.0.0.1:8888/vobridge/v1/callback */
                redirect_uri: string;
                /**
                 * @description Space-separated scopes; must include `openid`.
                 * @example openid offline_access read:tap
                 */
                scope: string;
                /** @example af0ifjsldkj */
                state?: string;
                nonce?: string;
                /**
                 * @description Base64url SHA-256 of the code verifier (RFC 7636); required for public clients.
                 * @example E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
                 */
                code_challenge?: string;
                code_challenge_method?: "S256";
                prompt?: "none" | "login" | "consent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Login or consent page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!DOCTYPE html><html><body><form method="post">…</form></body></html> */
                    "text/html": string;
                };
            };
            /** @description Redirect to the interaction page or to `redirect_uri?code=…&state=…` (or `?error=…`). */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid authorization request that cannot be redirected back (unknown client, bad redirect_uri). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "invalid_request",
                     *       "error_description": "missing required parameter 'client_id'"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
    oidcToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Token issued. */
            200: {
                headers: {
                    /**
                     * @description Always `no-store`.
                     * @example no-store
                     */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln",
                     *       "token_type": "Bearer",
                     *       "expires_in": 3600,
                     *       "refresh_token": "8xLOxBtZp8",
                     *       "scope": "openid offline_access read:tap",
                     *       "id_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln"
                     *     }
                     */
                    "application/json": components["schemas"]["OidcTokenResponse"];
                };
            };
            /** @description OAuth error (RFC 6749 §5.2, RFC 8628 §3.5). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "authorization_pending",
                     *       "error_description": "authorization request is still pending as the end-user hasn't yet completed the user-interaction steps"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Client authentication failed. */
            401: {
                headers: {
                    /** @description Sent when the client authenticated with an `Authorization` header (RFC 6749 §5.2). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "invalid_client",
                     *       "error_description": "client authentication failed"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
    oidcDeviceAuthorization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "vobridge",
                 *       "scope": "openid offline_access read:tap"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["DeviceAuthorizationRequest"];
            };
        };
        responses: {
            /** @description Device and user codes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "device_code": "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS",
                     *       "user_code": "WDJB-MJHT",
                     *       "verification_uri": "https://platform.example.org/oidc/device",
                     *       "verification_uri_complete": "https://platform.example.org/oidc/device?user_code=WDJB-MJHT",
                     *       "expires_in": 600,
                     *       "interval": 5
                     *     }
                     */
                    "application/json": components["schemas"]["DeviceAuthorizationResponse"];
                };
            };
            /** @description OAuth error. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "invalid_scope",
                     *       "error_description": "requested scope is not allowed"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Client authentication failed. */
            401: {
                headers: {
                    /** @description Sent when the client authenticated with an `Authorization` header (RFC 6749 §5.2). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "invalid_client",
                     *       "error_description": "client authentication failed"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const pathsOidcAuthGetParametersQueryPromptValues: ReadonlyArray<FlattenedDeepRequired<paths>["/oidc/auth"]["get"]["parameters"]["query"]["prompt"]> = ["none", "login", "consent"];
export const healthStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Health"]["status"]> = ["ok", "unavailable"];
export const oAuthErrorErrorValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OAuthError"]["error"]> = ["invalid_request", "invalid_client", "invalid_redirect_uri", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "authorization_pending", "slow_down", "access_denied", "expired_token", "server_error"];
