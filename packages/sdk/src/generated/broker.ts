// Generated from openapi/broker.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness probe */
        get: operations["getBrokerHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A fresh token for a service URL
         * @description Picks the login whose scope covers `url` (same origin, or an
         *     IVOA-declared domain of that login; the newest one, or the one as
         *     `user`, when several do), refreshes it first when it
         *     expires within `min_valid` seconds (single-flight), and returns the
         *     access token. With `audience` (and optionally `scope`) the login's
         *     token is exchanged (RFC 8693) for a narrower one; with `scope` alone
         *     the token must carry those scopes (403 `out_of_scope` otherwise, also
         *     when the platform refuses the exchange).
         */
        get: operations["getToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current logins (never tokens) */
        get: operations["listLogins"];
        put?: never;
        /**
         * Log in to a platform
         * @description `password` and `token` logins complete at once (201). `device`
         *     answers 202 with the user code to show; `pkce` answers 202 with the
         *     URL to open in a popup, whose redirect comes back to
         *     `GET /v1/callback` (through the Jupyter proxy). Progress of pending
         *     logins is reported on `/v1/events` and `GET /v1/logins/{id}`.
         */
        post: operations["createLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lg_3kq9x2 */
                id: string;
            };
            cookie?: never;
        };
        /** One login */
        get: operations["getLogin"];
        put?: never;
        post?: never;
        /** Log out (forget the login; revoke its refresh token where supported) */
        delete: operations["deleteLogin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Redirect target of a PKCE login
         * @description The authorization server redirects the popup here (through the
         *     Jupyter proxy, which adds the broker secret) with `code` and
         *     `state`; the broker redeems the code and answers a small page that
         *     closes the popup.
         */
        get: operations["completePkceLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Login methods a URL offers
         * @description Probes `HEAD` then `GET` on the URL (and its service's
         *     `/capabilities`, and OIDC discovery), parses the `WWW-Authenticate`
         *     challenges and `securityMethod`s, and returns the usable login
         *     methods in preference order.
         */
        get: operations["discoverLoginMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sessions across all logged-in platforms
         * @description Asks every platform with an active login (in parallel); a platform that fails is reported with `ok=false` and does not fail the whole answer.
         */
        get: operations["listAllSessions"];
        put?: never;
        /**
         * Launch a session on a logged-in platform
         * @description The broker calls the platform's skaha API with the login's token; the
         *     caller never holds one. A platform's refusal (a second interactive
         *     session of a type, an unknown image) comes back as
         *     `platform_refused` with the platform's status and words.
         */
        post: operations["launchSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}": {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /** One session */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Stop and delete a session */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/renew": {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Push a session's expiry forward */
        post: operations["renewSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/open": {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A one-time link that opens the session in a browser, logged in
         * @description The broker asks the platform, with the login's token, for a one-time
         *     login link (`POST <skaha>/session/{id}/login-link`). Following it logs
         *     the browser in on the session's origin (an HttpOnly cookie for session
         *     pages) and lands on the session: no token ever reaches a page. Open it
         *     at once; it is spent by its first use and expires in `expires_in` s.
         */
        post: operations["openSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/logs": {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /** A session's logs or events, as the platform reports them */
        get: operations["sessionLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Images a logged-in platform offers for sessions */
        get: operations["listImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Resource limits and options of a logged-in platform */
        get: operations["sessionContext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events (login state, expiry, refresh failures, sessions)
         * @description `text/event-stream`. The SSE `event:` name equals the `type` of the
         *     JSON `data:` (a `BrokerEvent`, see `x-event-data`): `login` (created
         *     or state changed: `login` holds the `Login`; removed: `login` absent),
         *     `expiring` (`id`, `expires_at`), `refresh_failed` (`id`, `error`,
         *     `message`), `sessions` (`platform` — its sessions changed — and
         *     `sessions`, that platform's whole new listing, so a page updates without
         *     asking again). Never a
         *     token. A comment line is sent every 15 s to keep the stream open.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
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
        /**
         * @description Stable codes of every error answer. `broker_unavailable` comes from the Jupyter server's proxy (`/vobridge/*`) when the broker is not running; every other code from the broker itself.
         * @enum {string}
         */
        BrokerErrorCode: "bad_request" | "unauthorized" | "origin_refused" | "rate_limited" | "not_logged_in" | "out_of_scope" | "not_found" | "login_pending" | "login_required" | "invalid_credentials" | "method_unsupported" | "platform_unreachable" | "platform_refused" | "unsafe_url" | "already_running" | "broker_unavailable" | "internal";
        BrokerError: {
            error: components["schemas"]["BrokerErrorCode"];
            message: string;
            login_id?: string;
            /** Format: uri */
            platform?: string;
            /** @description With `sessions` events, the platform's sessions as they are now. */
            sessions?: components["schemas"]["PlatformSession"][];
        };
        BrokerHealth: {
            /** @constant */
            status: "ok";
            version?: string;
            pid?: number;
            logins?: number;
        };
        TokenResponse: {
            /** @description The credential, to send as `token_type` says: `Bearer` — `Authorization: Bearer <token>`; `Cookie` — `Cookie: <token>` (the session cookies, `name=value; ...`); `Basic` — `Authorization: Basic <token>` (base64 of `user:password`). */
            token: string;
            /** @enum {string} */
            token_type: "Bearer" | "Cookie" | "Basic";
            /** @description Expiry, seconds since the epoch (0 when unknown, e.g. an opaque static token). */
            expires_at: number;
            /** @description Space-separated scopes, empty when the token has none. */
            scope?: string;
            login_id: string;
            /**
             * Format: uri
             * @description Origin of the platform the login belongs to.
             */
            platform: string;
            /**
             * Format: uri
             * @description The origin `url` was scoped as (WHATWG URL parsing). A client sends the token only if its own HTTP library would send the request to this very origin: URL parsers disagree on backslashes, user-info and encoded hosts.
             */
            origin: string;
        };
        /**
         * @description How a login was made. `hub` is the broker's own: under JupyterHub with vobridge's hub endpoint, the broker logs in through the hub, which holds the user's platform login (it is never requested through `POST /v1/logins`, and the hub renews it).
         * @enum {string}
         */
        LoginMethod: "password" | "cookie" | "basic" | "device" | "pkce" | "token" | "hub";
        /**
         * @description `pending` — waiting for the user; `active` — usable; `refreshing` — refresh in flight (old token still served); `expired` — log in again; `failed` — the login attempt failed.
         * @enum {string}
         */
        LoginState: "pending" | "active" | "refreshing" | "expired" | "failed";
        Login: {
            id: string;
            /**
             * Format: uri
             * @description Origin (scope) the login's credentials belong to.
             */
            platform: string;
            /** @description User name, once known. */
            user?: string;
            method: components["schemas"]["LoginMethod"];
            scopes: string[];
            /** @description Expiry of the current access token, epoch seconds (0 when unknown). */
            expires_at?: number;
            /** @description Expiry of the refresh token, epoch seconds, when known. */
            refresh_expires_at?: number;
            state: components["schemas"]["LoginState"];
            /**
             * @description Where else the credential may be sent: the platform's other
             *     service origins, and IVOA-declared domains (bare host names,
             *     https only, subdomains included).
             */
            domains?: string[];
            services?: components["schemas"]["PlatformServices"];
            /** @description Whether the broker can renew the token without the user. */
            refreshable?: boolean;
            /**
             * @description What the broker renews the token with: a refresh token, the user's password kept in its memory or also in its encrypted store, the JupyterHub that holds the user's login (`hub`), or nothing (the user logs in again when the token expires).
             * @enum {string}
             */
            renews_with?: "refresh_token" | "password_in_memory" | "password_on_disk" | "hub" | "none";
            /** Format: date-time */
            created_at?: string;
            /** @description Why a login failed or expired. */
            reason?: string;
        };
        /** @description A one-time link on the session's origin; following it logs the browser in and lands on the session. */
        SessionOpenLink: {
            /** Format: uri */
            url: string;
            /** @description Seconds it stays valid; its first use spends it. */
            expires_in: number;
        };
        /**
         * @description Where the platform's services are, as its IVOA registry
         *     (`resource-caps` and VOSI capabilities) says: base URLs for the
         *     VOSpace, GMS and skaha clients, the login URL, and the registry
         *     itself. Absent for a platform without a registry.
         * @example {
         *       "registry": "https://platform.example.org/reg/resource-caps",
         *       "vospace": "https://vault.example.org/vospace",
         *       "gms": "https://gms.example.org/gms",
         *       "sessions": "https://sessions.example.org/skaha/v1",
         *       "login": "https://platform.example.org/ac/login"
         *     }
         */
        PlatformServices: {
            /**
             * Format: uri
             * @description The registry's `resource-caps` URL.
             */
            registry?: string;
            /** Format: uri */
            vospace?: string;
            /** Format: uri */
            gms?: string;
            /**
             * Format: uri
             * @description The skaha API base (`…/skaha/v1`).
             */
            sessions?: string;
            /** Format: uri */
            login?: string;
        };
        PendingLogin: {
            id: string;
            /** Format: uri */
            platform: string;
            /** @enum {string} */
            method: "device" | "pkce";
            /** @constant */
            state: "pending";
            /** Format: uri */
            verification_uri?: string;
            /** Format: uri */
            verification_uri_complete?: string;
            user_code?: string;
            interval?: number;
            /** Format: uri */
            authorization_url?: string;
            /** @description Seconds until the pending login is abandoned. */
            expires_in: number;
        };
        PasswordLoginRequest: {
            /** Format: uri */
            url: string;
            /**
             * @description `password`: the user name and password are POSTed to the platform's login URL and a token comes back (CADC `/ac/login`, IVOA `ivoa_bearer` + `tls-with-password`). `cookie`: the same, to the cookie login URL of an `ivoa_cookie` challenge; the session cookie that comes back is the credential (cookie-only services such as ESAC's). `basic`: HTTP Basic (`Basic` challenges, IVOA `BasicAA`, DaCHS): the user name and password are themselves the credential, checked against the platform before the login is admitted. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            method: "password" | "cookie" | "basic";
            username: string;
            /** Format: password */
            password: string;
            /**
             * @description What the broker may keep of the password to renew the login when its token or cookie expires (platforms that give no refresh token): `no` (log in again then), `memory` (until logout or the broker stops; the default), or `disk` (also in the encrypted login store, so the login survives a restart: only when the user asks for it). A `basic` login is the password, so it takes `memory` or `disk`.
             * @enum {string}
             */
            keep_password?: "no" | "memory" | "disk";
            domains?: components["schemas"]["LoginDomains"];
        };
        DeviceLoginRequest: {
            /** Format: uri */
            url: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            method: "device";
            scopes?: string[];
            domains?: components["schemas"]["LoginDomains"];
        };
        PkceLoginRequest: {
            /** Format: uri */
            url: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            method: "pkce";
            /** Format: uri */
            redirect_uri: string;
            scopes?: string[];
            domains?: components["schemas"]["LoginDomains"];
        };
        TokenLoginRequest: {
            /** Format: uri */
            url: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            method: "token";
            token: string;
            refresh_token?: string;
            domains?: components["schemas"]["LoginDomains"];
        };
        /**
         * @description IVOA-declared domains the login's token may also be sent to (https only).
         * @example [
         *       "canfar.net"
         *     ]
         */
        LoginDomains: string[];
        LoginRequest: components["schemas"]["PasswordLoginRequest"] | components["schemas"]["DeviceLoginRequest"] | components["schemas"]["PkceLoginRequest"] | components["schemas"]["TokenLoginRequest"];
        DiscoveredMethod: {
            method: components["schemas"]["LoginMethod"];
            /** @description IVOA SSO standardID the method came from. */
            standard_id?: string;
            /** Format: uri */
            login_url?: string;
            /** Format: uri */
            issuer?: string;
            /** Format: uri */
            authorization_endpoint?: string;
            /** Format: uri */
            device_authorization_endpoint?: string;
            /** Format: uri */
            token_endpoint?: string;
        };
        Challenge: {
            /** @description Lower-cased auth scheme (`ivoa_bearer`, `ivoa`, `bearer`, ...). */
            scheme: string;
            token68?: string;
            params: {
                [key: string]: string;
            };
        };
        Discovery: {
            /** Format: uri */
            url: string;
            /** Format: uri */
            platform: string;
            /** @description The URL answered without credentials. */
            anonymous?: boolean;
            methods: components["schemas"]["DiscoveredMethod"][];
            challenges?: components["schemas"]["Challenge"][];
        };
        /** @description A skaha session tagged with the platform it runs on. */
        PlatformSession: components["schemas"]["Session"] & {
            /** Format: uri */
            platform: string;
        };
        PlatformStatus: {
            /** Format: uri */
            platform: string;
            ok: boolean;
            /** @description Broker error code or message when `ok` is false. */
            error?: string;
        };
        LaunchRequest: {
            name: string;
            image: string;
            type: components["schemas"]["SessionType"];
            cores?: number;
            /** @description GB. */
            ram?: number;
            gpus?: number;
            /** @description Headless sessions only. */
            cmd?: string;
            /** @description Arguments of `cmd`, one string. */
            args?: string;
            env?: {
                [key: string]: string;
            };
        };
        LaunchedSession: {
            /** Format: uri */
            platform: string;
            id: string;
        };
        SessionsAcrossPlatforms: {
            platforms: components["schemas"]["PlatformStatus"][];
            sessions: components["schemas"]["PlatformSession"][];
        };
        /** @description Data of one server-sent event (JSON). */
        BrokerEvent: {
            /** @enum {string} */
            type: "login" | "expiring" | "refresh_failed" | "sessions";
            login?: components["schemas"]["Login"];
            id?: string;
            expires_at?: number;
            error?: components["schemas"]["BrokerErrorCode"];
            message?: string;
            /** Format: uri */
            platform?: string;
            /** @description With `sessions` events, the platform's sessions as they are now. */
            sessions?: components["schemas"]["PlatformSession"][];
        };
        /**
         * @description Session type. `canfar` maps unknown types to `headless`.
         * @enum {string}
         */
        SessionType: "desktop" | "notebook" | "carta" | "headless" | "firefly" | "desktop-app" | "contributed";
        /**
         * @description Kubernetes-style phase, capitalised.
         * @enum {string}
         */
        SessionStatus: "Pending" | "Running" | "Terminating" | "Succeeded" | "Completed" | "Error" | "Failed";
        /** @description A session as skaha reports it. Resource fields are strings (`"<none>"` when unknown). */
        Session: {
            /** @example ikvp1jtp */
            id: string;
            /** @example alice */
            userid: string;
            /**
             * @description POSIX uid as a string.
             * @example 1001
             */
            runAsUID?: string;
            /**
             * @description POSIX gid as a string.
             * @example 1001
             */
            runAsGID?: string;
            supplementalGroups?: number[];
            /**
             * @description Desktop-app parent id, `<none>` otherwise.
             * @example <none>
             */
            appid?: string;
            image: string;
            type: components["schemas"]["SessionType"];
            status: components["schemas"]["SessionStatus"];
            name: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC, e.g. `2026-03-14T02:24:06Z`.
             */
            startTime: string;
            /** Format: date-time */
            expiryTime: string;
            /** @description URL that opens the session in a browser (under the platform's origin). */
            connectURL: string;
            /** @example 8G */
            requestedRAM?: string;
            /** @example 2 */
            requestedCPUCores?: string;
            /** @example <none> */
            requestedGPUCores?: string;
            /** @example 101Mi */
            ramInUse?: string;
            /** @example <none> */
            gpuRAMInUse?: string;
            /** @example 0.01 */
            cpuCoresInUse?: string;
            /** @example <none> */
            gpuUtilization?: string;
            /** @description true when cores and RAM were requested explicitly (limits == requests). */
            isFixedResources?: boolean;
        } & {
            [key: string]: unknown;
        };
        Image: {
            /** @description Full image reference including registry and tag. */
            id: string;
            types: components["schemas"]["SessionType"][];
            /** @description sha256 digest (required by `canfar`). */
            digest: string;
        };
        ResourceOptions: {
            default?: number;
            /** @description Flexible-mode request. */
            defaultRequest?: number;
            /** @description Flexible-mode limit. */
            defaultLimit?: number;
            /** @description Values allowed for fixed requests. */
            options?: number[];
        };
        Context: {
            cores: components["schemas"]["ResourceOptions"];
            memoryGB: components["schemas"]["ResourceOptions"];
            gpus: {
                options: number[];
            };
            maxInteractiveSessions: number;
        };
    };
    responses: {
        /** @description No active login for that platform. */
        NotLoggedIn: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "not_logged_in",
                 *       "message": "Not logged in to https://platform.example.org; log in first."
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description The platform refused the request; its status (400, 403 or 409) and words are passed on. */
        PlatformRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "platform_refused",
                 *       "message": "alice already has a carta session",
                 *       "platform": "https://platform.example.org"
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description The platform could not be reached or answered something unusable. */
        PlatformUnreachable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "platform_unreachable",
                 *       "message": "https://platform.example.org could not be reached."
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description Too many requests from this client. */
        RateLimited: {
            headers: {
                /**
                 * @description Seconds to wait.
                 * @example 1
                 */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "rate_limited",
                 *       "message": "Too many requests; retry in 1 s."
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description Missing or invalid parameter. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "bad_request",
                 *       "message": "url is required"
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description Missing or wrong broker secret. */
        Unauthorized: {
            headers: {
                /**
                 * @description `Bearer realm="vobridge-broker"`.
                 * @example Bearer realm="vobridge-broker"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "unauthorized",
                 *       "message": "broker secret missing or wrong"
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
        /** @description No such login. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "not_found",
                 *       "message": "no login lg_000000"
                 *     }
                 */
                "application/json": components["schemas"]["BrokerError"];
            };
        };
    };
    parameters: {
        /**
         * @description Origin of a platform the broker holds an active login for.
         * @example https://platform.example.org
         */
        Platform: string;
        SessionId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getBrokerHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The broker is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "version": "0.1.0",
                     *       "pid": 41234,
                     *       "logins": 2
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerHealth"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getToken: {
        parameters: {
            query: {
                /**
                 * @description URL of the service the token is for.
                 * @example https://platform.example.org/vospace/nodes/alice
                 */
                url: string;
                /**
                 * @description The token must stay valid at least this many seconds (default 60).
                 * @example 300
                 */
                min_valid?: number;
                /**
                 * @description Space-separated scopes the token must carry.
                 * @example read:tap
                 */
                scope?: string;
                /**
                 * @description Audience the token must be issued for; the login's token is exchanged for it (RFC 8693) and the result cached.
                 * @example https://platform.example.org/tap
                 */
                audience?: string;
                /**
                 * @description Only a login as this user. Without it, with several users logged in to the platform, the newest login is used.
                 * @example alice
                 */
                user?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Token. */
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
                     *       "token": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln",
                     *       "token_type": "Bearer",
                     *       "expires_at": 1773457446,
                     *       "scope": "openid offline_access read:tap",
                     *       "login_id": "lg_3kq9x2",
                     *       "platform": "https://platform.example.org",
                     *       "origin": "https://platform.example.org"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /**
             * @description `not_logged_in` (no login at all), `out_of_scope` (no login covers
             *     the URL's origin, or its token lacks a requested scope), or
             *     `origin_refused`.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "out_of_scope",
                     *       "message": "no login covers https://other.example.net/tap"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
            /** @description The covering login is still pending (device code or PKCE not completed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "login_pending",
                     *       "message": "login lg_3kq9x2 is waiting for the user",
                     *       "login_id": "lg_3kq9x2"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
            /** @description The covering login expired and the platform refused to renew it (refresh token revoked or expired, password no longer accepted); log in again. */
            424: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "login_required",
                     *       "message": "refresh token rejected by https://platform.example.org/oidc; log in again",
                     *       "login_id": "lg_3kq9x2",
                     *       "platform": "https://platform.example.org"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
            429: components["responses"]["RateLimited"];
            /** @description The covering login's token expired and renewing it failed for a reason that may pass (the platform down, slow past the broker's time limit, or answering nonsense). The login is kept and renews on a later call once the platform answers. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "platform_unreachable",
                     *       "message": "The token for https://platform.example.org has expired and renewing it failed (the request timed out); the login is kept and renews once the platform answers again.",
                     *       "login_id": "lg_3kq9x2",
                     *       "platform": "https://platform.example.org"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
        };
    };
    listLogins: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logins. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "id": "lg_3kq9x2",
                     *         "platform": "https://platform.example.org",
                     *         "user": "alice",
                     *         "method": "device",
                     *         "scopes": [
                     *           "openid",
                     *           "offline_access",
                     *           "read:tap"
                     *         ],
                     *         "expires_at": 1773457446,
                     *         "state": "active"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["Login"][];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    createLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Logged in. */
            201: {
                headers: {
                    /**
                     * @description URL of the login (`/v1/logins/{id}`).
                     * @example /v1/logins/lg_3kq9x2
                     */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "lg_3kq9x2",
                     *       "platform": "https://platform.example.org",
                     *       "user": "alice",
                     *       "method": "password",
                     *       "scopes": [],
                     *       "expires_at": 1773457446,
                     *       "state": "active"
                     *     }
                     */
                    "application/json": components["schemas"]["Login"];
                };
            };
            /** @description Started; the user has to act (device code or browser popup). */
            202: {
                headers: {
                    /**
                     * @description URL of the login (`/v1/logins/{id}`).
                     * @example /v1/logins/lg_7hd2p1
                     */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingLogin"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Missing broker secret, or the platform rejected the credentials (`invalid_credentials`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "invalid_credentials",
                     *       "message": "https://platform.example.org rejected the user name or password"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
            /** @description The platform does not offer this login method (`method_unsupported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "method_unsupported",
                     *       "message": "https://platform.example.org offers no device authorization endpoint"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
            /** @description The platform could not be reached or answered nonsense (`platform_unreachable`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "platform_unreachable",
                     *       "message": "connect ECONNREFUSED 127.0.0.1:8443"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
        };
    };
    getLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lg_3kq9x2 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The login. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "lg_3kq9x2",
                     *       "platform": "https://platform.example.org",
                     *       "user": "alice",
                     *       "method": "device",
                     *       "scopes": [
                     *         "openid",
                     *         "offline_access",
                     *         "read:tap"
                     *       ],
                     *       "expires_at": 1773457446,
                     *       "state": "active"
                     *     }
                     */
                    "application/json": components["schemas"]["Login"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lg_3kq9x2 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    completePkceLogin: {
        parameters: {
            query: {
                /** @example Zk1q */
                state: string;
                /** @example SplxlOBeZQQYbYS6WxSbIA */
                code?: string;
                /** @example access_denied */
                error?: string;
                error_description?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Login completed (or failed, shown on the page and as an event). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!DOCTYPE html><html><body><p>Logged in. You can close this window.</p><script>window.close()</script></body></html> */
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    discoverLoginMethods: {
        parameters: {
            query: {
                /** @example https://platform.example.org/vospace/nodes/alice */
                url: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Discovered methods. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "url": "https://platform.example.org/vospace/nodes/alice",
                     *       "platform": "https://platform.example.org",
                     *       "anonymous": false,
                     *       "methods": [
                     *         {
                     *           "method": "device",
                     *           "standard_id": "ivo://ivoa.net/sso#OAuth",
                     *           "issuer": "https://platform.example.org/oidc",
                     *           "device_authorization_endpoint": "https://platform.example.org/oidc/device/auth",
                     *           "token_endpoint": "https://platform.example.org/oidc/token"
                     *         },
                     *         {
                     *           "method": "pkce",
                     *           "standard_id": "ivo://ivoa.net/sso#OAuth",
                     *           "issuer": "https://platform.example.org/oidc",
                     *           "authorization_endpoint": "https://platform.example.org/oidc/auth",
                     *           "token_endpoint": "https://platform.example.org/oidc/token"
                     *         },
                     *         {
                     *           "method": "password",
                     *           "standard_id": "ivo://ivoa.net/sso#tls-with-password",
                     *           "login_url": "https://platform.example.org/ac/login"
                     *         },
                     *         {
                     *           "method": "token"
                     *         }
                     *       ],
                     *       "challenges": [
                     *         {
                     *           "scheme": "ivoa_bearer",
                     *           "params": {
                     *             "standard_id": "ivo://ivoa.net/sso#tls-with-password",
                     *             "access_url": "https://platform.example.org/ac/login"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Discovery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The URL could not be reached. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "platform_unreachable",
                     *       "message": "getaddrinfo ENOTFOUND platform.example.invalid"
                     *     }
                     */
                    "application/json": components["schemas"]["BrokerError"];
                };
            };
        };
    };
    listAllSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sessions and per-platform status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "platforms": [
                     *         {
                     *           "platform": "https://platform.example.org",
                     *           "ok": true
                     *         },
                     *         {
                     *           "platform": "https://other.example.net",
                     *           "ok": false,
                     *           "error": "login_required"
                     *         }
                     *       ],
                     *       "sessions": [
                     *         {
                     *           "platform": "https://platform.example.org",
                     *           "id": "ikvp1jtp",
                     *           "userid": "alice",
                     *           "runAsUID": "1001",
                     *           "runAsGID": "1001",
                     *           "supplementalGroups": [
                     *             1001
                     *           ],
                     *           "appid": "<none>",
                     *           "image": "images.canfar.net/skaha/firefly:2025.2",
                     *           "type": "firefly",
                     *           "status": "Running",
                     *           "name": "explore",
                     *           "startTime": "2026-03-14T02:24:06Z",
                     *           "expiryTime": "2026-03-18T02:24:06Z",
                     *           "connectURL": "https://platform.example.org/session/firefly/ikvp1jtp/firefly/",
                     *           "requestedRAM": "8G",
                     *           "requestedCPUCores": "2",
                     *           "requestedGPUCores": "<none>",
                     *           "ramInUse": "101Mi",
                     *           "cpuCoresInUse": "0.01",
                     *           "isFixedResources": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionsAcrossPlatforms"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    launchSession: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "explore",
                 *       "image": "images.canfar.net/skaha/firefly:2025.2",
                 *       "type": "firefly"
                 *     }
                 */
                "application/json": components["schemas"]["LaunchRequest"];
            };
        };
        responses: {
            /** @description Launched (it becomes Running in the background). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "platform": "https://platform.example.org",
                     *       "id": "ikvp1jtp"
                     *     }
                     */
                    "application/json": components["schemas"]["LaunchedSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            409: components["responses"]["PlatformRefused"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    getSession: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    deleteSession: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    renewSession: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, renewed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    openSession: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "url": "https://sessions.example.org/session-login/7Yc2Vw0sZf3kq8rN1bXh9LmTqg5eUdJa",
                     *       "expires_in": 60
                     *     }
                     */
                    "application/json": components["schemas"]["SessionOpenLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["PlatformRefused"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    sessionLogs: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
                /** @description `logs` (default): the session's output; `events`: its scheduling events. */
                view?: "logs" | "events";
            };
            header?: never;
            path: {
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Plain text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    listImages: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
                type?: components["schemas"]["SessionType"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Images. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Image"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    sessionContext: {
        parameters: {
            query: {
                /**
                 * @description Origin of a platform the broker holds an active login for.
                 * @example https://platform.example.org
                 */
                platform: components["parameters"]["Platform"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Limits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Context"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["NotLoggedIn"];
            502: components["responses"]["PlatformUnreachable"];
        };
    };
    streamEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: login
                     *     data: {"type":"login","id":"lg_3kq9x2","login":{"id":"lg_3kq9x2","platform":"https://platform.example.org","user":"alice","method":"device","scopes":["openid"],"expires_at":1773457446,"state":"active"}}
                     *
                     *     event: refresh_failed
                     *     data: {"type":"refresh_failed","id":"lg_3kq9x2","error":"login_required","message":"refresh token rejected"}
                     *
                     *     : keep-alive
                     */
                    "text/event-stream": string;
                };
            };
            401: components["responses"]["Unauthorized"];
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
export const pathsV1SessionsIdLogsGetParametersQueryViewValues: ReadonlyArray<FlattenedDeepRequired<paths>["/v1/sessions/{id}/logs"]["get"]["parameters"]["query"]["view"]> = ["logs", "events"];
export const brokerErrorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BrokerErrorCode"]> = ["bad_request", "unauthorized", "origin_refused", "rate_limited", "not_logged_in", "out_of_scope", "not_found", "login_pending", "login_required", "invalid_credentials", "method_unsupported", "platform_unreachable", "platform_refused", "unsafe_url", "already_running", "broker_unavailable", "internal"];
export const tokenResponseToken_typeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["TokenResponse"]["token_type"]> = ["Bearer", "Cookie", "Basic"];
export const loginMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["LoginMethod"]> = ["password", "cookie", "basic", "device", "pkce", "token", "hub"];
export const loginStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["LoginState"]> = ["pending", "active", "refreshing", "expired", "failed"];
export const loginRenews_withValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Login"]["renews_with"]> = ["refresh_token", "password_in_memory", "password_on_disk", "hub", "none"];
export const pendingLoginMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PendingLogin"]["method"]> = ["device", "pkce"];
export const passwordLoginRequestMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PasswordLoginRequest"]["method"]> = ["password", "cookie", "basic"];
export const passwordLoginRequestKeep_passwordValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PasswordLoginRequest"]["keep_password"]> = ["no", "memory", "disk"];
export const deviceLoginRequestMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["DeviceLoginRequest"]["method"]> = ["device"];
export const pkceLoginRequestMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PkceLoginRequest"]["method"]> = ["pkce"];
export const tokenLoginRequestMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["TokenLoginRequest"]["method"]> = ["token"];
export const brokerEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BrokerEvent"]["type"]> = ["login", "expiring", "refresh_failed", "sessions"];
export const sessionTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionType"]> = ["desktop", "notebook", "carta", "headless", "firefly", "desktop-app", "contributed"];
export const sessionStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionStatus"]> = ["Pending", "Running", "Terminating", "Succeeded", "Completed", "Error", "Failed"];
