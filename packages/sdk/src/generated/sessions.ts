// Generated from openapi/sessions.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's sessions, or platform statistics
         * @description Without `view`: a JSON array of the caller's sessions (filtered by
         *     `type` and `status`). `view=all`: every user's sessions (same shape,
         *     platform operators only; others get their own). `view=stats`: one
         *     JSON object with cluster statistics.
         */
        get: operations["listSessions"];
        put?: never;
        /**
         * Launch a session
         * @description Every parameter is in the **query string** (the `canfar` client sends
         *     no body). One request launches one session; `canfar` sends one request
         *     per replica and always adds `env=REPLICA_ID=<n>` and
         *     `env=REPLICA_COUNT=<n>`. Answers `text/plain`: the new session id
         *     followed by a newline. Only one interactive session of each type
         *     per user (409 otherwise); headless sessions are unlimited. Without
         *     `cores`/`ram` the session runs with flexible resources.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/session/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * One session, or its logs or events
         * @description Without `view`: the session as JSON. `view=logs`: the session's
         *     output (`text/plain`). `view=events`: scheduling events
         *     (`text/plain`, one event per line, empty when none).
         */
        get: operations["getSession"];
        put?: never;
        /**
         * Renew (extend) a session
         * @description `action=renew` in the query string pushes `expiryTime` forward by the platform's session lifetime.
         */
        post: operations["renewSession"];
        /** Delete (stop) a session */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/session/{id}/login-link": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A one-time link that opens the session logged in (vobridge extension)
         * @description Not in skaha: how a client that holds a token (the vobridge broker)
         *     gets the user's browser into a session page without handing the
         *     token to the page. The answer is a URL on the session's origin,
         *     good once and for `expires_in` seconds; following it sets the
         *     platform's SSO cookie there (HttpOnly, scoped to `/session/` and to
         *     session pages only) and redirects to the session's `connectURL`. It
         *     carries no token, only a single-use nonce.
         */
        post: operations["createSessionLoginLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Container images the caller may launch */
        get: operations["listImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Resource limits for new sessions */
        get: operations["getContext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/repository": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Image registry hosts the platform pulls from */
        get: operations["listRepositories"];
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
        /** VOSI capabilities of the sessions service (unversioned) */
        get: operations["getSkahaCapabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * VOSI availability of the sessions service (unversioned)
         * @description `canfar` reads `{http://www.ivoa.net/xml/VOSIAvailability/v1.0}available` (must be `true`) and `note`.
         */
        get: operations["getSkahaAvailability"];
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
        SessionLoginLink: {
            /**
             * Format: uri
             * @description One-time URL on the session's origin; following it logs the browser in and lands on the session.
             */
            url: string;
            /** @description Seconds the link stays valid (it is also spent by its first use). */
            expires_in: number;
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
        /** @description `GET /session?view=stats` — cluster statistics, passed through unchanged by `canfar`. */
        SessionStats: {
            instances?: {
                [key: string]: number;
            };
            cores?: {
                requestedCPUCores?: number;
                coresAvailable?: number;
                maxCores?: {
                    cores?: number;
                    withRam?: string;
                };
            };
            ram?: {
                maxRAM?: {
                    ram?: string;
                    withCores?: number;
                };
            };
            gpu?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Logs (`view=logs`) or events (`view=events`) of a session. */
        SessionText: string;
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
        /** @description VOSI availability document (`http://www.ivoa.net/xml/VOSIAvailability/v1.0`). */
        VosiAvailability: string;
    };
    responses: {
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
        /** @description Authenticated, but not allowed to do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example PermissionDenied: alice may not write /bob/private */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "forbidden",
                 *       "message": "alice may not write /bob/private"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The request conflicts with the current state (already exists, wrong phase, ...). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example DuplicateNode: /alice/data already exists */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "conflict",
                 *       "message": "/alice/data already exists"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No such resource. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example NotFound: no such resource */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "not_found",
                 *       "message": "no such resource"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
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
        /** @description VOSI availability of the service. */
        Availability: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
                 *       <vosi:available>true</vosi:available>
                 *       <vosi:note>service is accepting requests</vosi:note>
                 *     </vosi:availability>
                 */
                "application/xml": components["schemas"]["VosiAvailability"];
            };
        };
    };
    parameters: {
        /**
         * @description Session id (lower-case letters and digits).
         * @example ikvp1jtp
         */
        SessionId: string;
        /**
         * @description Sent by `canfar`; informational (the credential itself decides).
         * @example RUNTIME-TOKEN
         */
        AuthenticationType: string;
    };
    requestBodies: never;
    headers: {
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
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listSessions: {
        parameters: {
            query?: {
                type?: components["schemas"]["SessionType"];
                status?: components["schemas"]["SessionStatus"];
                view?: "stats" | "all";
            };
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sessions (array) or, with `view=stats`, statistics (object). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"][] | components["schemas"]["SessionStats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    createSession: {
        parameters: {
            query: {
                /**
                 * @description Display name; letters, digits and `-` (canfar suffixes `-<n>` per replica).
                 * @example explore
                 */
                name: string;
                /** @example images.canfar.net/skaha/firefly:2025.2 */
                image: string;
                /** @description Session type; `headless` when absent. */
                type?: components["schemas"]["SessionType"];
                /** @example 2 */
                cores?: number;
                /**
                 * @description RAM in GB.
                 * @example 8
                 */
                ram?: number;
                gpus?: number;
                /**
                 * @description Command to run (headless only).
                 * @example python
                 */
                cmd?: string;
                /**
                 * @description Arguments of `cmd`, one string, split on whitespace (headless only).
                 * @example -c "print(42)"
                 */
                args?: string;
                /**
                 * @description Environment variable for the session, `KEY=VALUE`; repeat for several.
                 * @example [
                 *       "REPLICA_ID=1",
                 *       "REPLICA_COUNT=1"
                 *     ]
                 */
                env?: string[];
            };
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session created; the body is its id and a newline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example ikvp1jtp */
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
        };
    };
    getSession: {
        parameters: {
            query?: {
                view?: "logs" | "events";
            };
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session (JSON) or, with `view`, its logs or events (plain text). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ikvp1jtp",
                     *       "userid": "alice",
                     *       "runAsUID": "1001",
                     *       "runAsGID": "1001",
                     *       "supplementalGroups": [
                     *         1001
                     *       ],
                     *       "appid": "<none>",
                     *       "image": "images.canfar.net/skaha/carta:4.1",
                     *       "type": "carta",
                     *       "status": "Running",
                     *       "name": "cube",
                     *       "startTime": "2026-03-14T02:24:06Z",
                     *       "expiryTime": "2026-03-18T02:24:06Z",
                     *       "connectURL": "https://platform.example.org/session/carta/ikvp1jtp/",
                     *       "requestedRAM": "8G",
                     *       "requestedCPUCores": "2",
                     *       "requestedGPUCores": "<none>",
                     *       "ramInUse": "310Mi",
                     *       "cpuCoresInUse": "0.05",
                     *       "isFixedResources": true
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                    /**
                     * @example 2026-03-14T02:24:07Z carta listening on 127.0.0.1:41873
                     *     2026-03-14T02:24:09Z client connected
                     */
                    "text/plain": components["schemas"]["SessionText"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    renewSession: {
        parameters: {
            query: {
                action: "renew";
            };
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Renewed. The body, if any, is informational text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example  */
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; the session's processes are stopped. No meaningful body. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createSessionLoginLink: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path: {
                /**
                 * @description Session id (lower-case letters and digits).
                 * @example ikvp1jtp
                 */
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
                     *       "url": "https://platform.example.org/session-login/7Yc2Vw0sZf3kq8rN1bXh9LmTqg5eUdJa",
                     *       "expires_in": 60
                     *     }
                     */
                    "application/json": components["schemas"]["SessionLoginLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    listImages: {
        parameters: {
            query?: {
                type?: components["schemas"]["SessionType"];
            };
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
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
                    /**
                     * @example [
                     *       {
                     *         "id": "images.canfar.net/skaha/firefly:2025.2",
                     *         "types": [
                     *           "firefly"
                     *         ],
                     *         "digest": "sha256:3f1d4c0d5a9e8b7c6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"
                     *       },
                     *       {
                     *         "id": "images.canfar.net/skaha/terminal:1.1.1",
                     *         "types": [
                     *           "headless",
                     *           "notebook"
                     *         ],
                     *         "digest": "sha256:9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["Image"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getContext: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resource options and defaults. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cores": {
                     *         "default": 1,
                     *         "defaultRequest": 1,
                     *         "defaultLimit": 8,
                     *         "options": [
                     *           1,
                     *           2,
                     *           4,
                     *           8
                     *         ]
                     *       },
                     *       "memoryGB": {
                     *         "default": 2,
                     *         "defaultRequest": 2,
                     *         "defaultLimit": 32,
                     *         "options": [
                     *           1,
                     *           2,
                     *           4,
                     *           8,
                     *           16,
                     *           32
                     *         ]
                     *       },
                     *       "gpus": {
                     *         "options": []
                     *       },
                     *       "maxInteractiveSessions": 3
                     *     }
                     */
                    "application/json": components["schemas"]["Context"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    listRepositories: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Sent by `canfar`; informational (the credential itself decides).
                 * @example RUNTIME-TOKEN
                 */
                "X-Skaha-Authentication-Type"?: components["parameters"]["AuthenticationType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Registry host names. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       "images.canfar.net"
                     *     ]
                     */
                    "application/json": string[];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getSkahaCapabilities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Capabilities document; the sessions capability's accessURL ends in `/skaha/v1`. */
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
                     *           <accessURL use="full">https://platform.example.org/skaha/capabilities</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/std/VOSI#availability">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="full">https://platform.example.org/skaha/availability</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="vos://cadc.nrc.ca~vospace/CADC/std/Proc#sessions-1.0">
                     *         <interface xsi:type="vs:ParamHTTP" role="std" version="1.0">
                     *           <accessURL use="base">https://platform.example.org/skaha/v1</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std" version="1.0">
                     *           <accessURL use="base">https://platform.example.org/skaha/v1</accessURL>
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
    getSkahaAvailability: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Availability"];
            500: components["responses"]["InternalError"];
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
export const pathsSessionGetParametersQueryViewValues: ReadonlyArray<FlattenedDeepRequired<paths>["/session"]["get"]["parameters"]["query"]["view"]> = ["stats", "all"];
export const pathsSessionIdGetParametersQueryViewValues: ReadonlyArray<FlattenedDeepRequired<paths>["/session/{id}"]["get"]["parameters"]["query"]["view"]> = ["logs", "events"];
export const sessionTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionType"]> = ["desktop", "notebook", "carta", "headless", "firefly", "desktop-app", "contributed"];
export const sessionStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionStatus"]> = ["Pending", "Running", "Terminating", "Succeeded", "Completed", "Error", "Failed"];
