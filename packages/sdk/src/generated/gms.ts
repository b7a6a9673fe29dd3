// Generated from openapi/gms.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which of these groups is the caller a member of (IVOA GMS 1.0) */
        get: operations["searchGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's groups */
        get: operations["listMyGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One group with its members
         * @description Visible to the group's members and administrators; 403 for others, 404 when unknown.
         */
        get: operations["getGroup"];
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
        /** VOSI capabilities of the GMS */
        get: operations["getGmsCapabilities"];
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
        Group: {
            /** @description Short group name. */
            name: string;
            /** @description IVOA group identifier `ivo://<authority>/gms?<name>`. */
            uri: string;
            description?: string;
            owner?: string;
            /** @description User names of the members (only in `GET /groups/{name}`). */
            members?: string[];
            /** @description User names of the administrators (only in `GET /groups/{name}`). */
            admins?: string[];
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
    };
    parameters: never;
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
    searchGroups: {
        parameters: {
            query?: {
                /**
                 * @description Group name to check (repeatable). Full `ivo://…/gms?name` identifiers are accepted too.
                 * @example [
                 *       "survey-team",
                 *       "admins"
                 *     ]
                 */
                group?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matching group names, one per line (possibly empty). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example survey-team */
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    listMyGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Groups the caller belongs to (members omitted). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "name": "demo-users",
                     *         "uri": "ivo://platform.example.org/gms?demo-users",
                     *         "description": "Everyone on the demo platform"
                     *       },
                     *       {
                     *         "name": "survey-team",
                     *         "uri": "ivo://platform.example.org/gms?survey-team"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["Group"][];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example survey-team */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "survey-team",
                     *       "uri": "ivo://platform.example.org/gms?survey-team",
                     *       "description": "Survey working group",
                     *       "owner": "alice",
                     *       "members": [
                     *         "alice",
                     *         "bob"
                     *       ],
                     *       "admins": [
                     *         "alice"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Group"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getGmsCapabilities: {
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
                     *           <accessURL use="full">https://platform.example.org/gms/capabilities</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/std/GMS#search-1.0">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/gms/search</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/gms/search</accessURL>
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
}
