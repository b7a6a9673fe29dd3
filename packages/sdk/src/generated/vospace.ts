// Generated from openapi/vospace.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/nodes/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        /** Node metadata (container listing with paging) */
        get: operations["getNode"];
        /**
         * Create a node
         * @description The node's `uri` must match the path. 409 `DuplicateNode` when it exists, 404 `ContainerNotFound` when the parent does not.
         */
        put: operations["createNode"];
        /**
         * Set node properties
         * @description Properties in the body are set; a property with `xsi:nil="true"` is removed. Other content is ignored.
         */
        post: operations["updateNode"];
        /** Delete a node (a container only when empty) */
        delete: operations["deleteNode"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/synctrans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Synchronous transfer with query parameters (direct redirect)
         * @description VOSpace 2.1 GET style: 303 straight to the data URL for `pullFromVoSpace` / `pushToVoSpace`.
         */
        get: operations["getSyncTransfer"];
        put?: never;
        /**
         * Synchronous transfer negotiation (VOSpace 2.1 sync)
         * @description With a transfer document (what `vos` sends, `text/xml`): creates a
         *     transfer job and answers 303 to
         *     `/transfers/{jobId}/results/transferDetails`, whose document lists
         *     one `vos:protocol`/`vos:endpoint` per usable protocol. With form
         *     parameters `TARGET`, `DIRECTION`, `PROTOCOL` (VOSpace 2.1
         *     parameter style): the same, or with `REQUEST=redirect` a 303
         *     straight to the data URL.
         */
        post: operations["postSyncTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Asynchronous transfer (UWS job; move, copy, push, pull)
         * @description Creates a PENDING transfer job and answers 303 to it; start it with `POST /transfers/{jobId}/phase` `PHASE=RUN`.
         */
        post: operations["createAsyncTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        /** Transfer job (UWS job document) */
        get: operations["getTransferJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers/{jobId}/phase": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        /** Phase of a transfer job (plain text) */
        get: operations["getTransferPhase"];
        put?: never;
        /** Run or abort a transfer job */
        post: operations["setTransferPhase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers/{jobId}/error": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        /**
         * Error of a failed transfer (plain text)
         * @description The fault name alone or followed by details (`vos` maps `NodeNotFound`, `PermissionDenied`, `DuplicateNode`, ... to errno).
         */
        get: operations["getTransferError"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers/{jobId}/results/transferDetails": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        /** Negotiated transfer (protocols with endpoints) */
        get: operations["getTransferDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/data/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        /** Download the bytes of a data node */
        get: operations["getData"];
        /**
         * Upload the bytes of a data node (creating the node if needed)
         * @description Stores the body atomically. With a `digest: md5=<base64>` request
         *     header the server checks it and answers 412 on mismatch (the client
         *     retries). **Every** successful answer carries `digest` — clients
         *     uploading files over 5 MiB send none and compare the returned one
         *     with their own. `cadcutils` may add PUT-transaction headers
         *     (`x-put-txn-op: start|commit|abort`, `x-total-length`); a server
         *     without transactions ignores them and answers no `x-put-txn-id`.
         */
        put: operations["putData"];
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Size and checksum of a data node
         * @description `cadcutils` HEADs the upload URL first and skips the upload when the `digest` matches.
         */
        head: operations["headData"];
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
         * VOSI capabilities of the VOSpace service
         * @description Standard IDs used by `vos`: `ivo://ivoa.net/std/VOSpace/v2.0#nodes`,
         *     `ivo://ivoa.net/std/VOSpace#sync-2.1`,
         *     `ivo://ivoa.net/std/VOSpace/v2.0#transfers`. Each capability lists
         *     an anonymous interface first, then `sso#token` and `sso#cookie`.
         */
        get: operations["getVospaceCapabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        /**
         * Redirect to the bytes of a data node (VOSpace files-proto)
         * @description The `ivo://ivoa.net/std/VOSpace#files-proto` endpoint `vcp` uses: a 303 to the data URL, following link nodes inside the caller's space.
         */
        get: operations["getFile"];
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
        /** @description VOSpace 2.1 `vos:node` document (`xsi:type` `vos:ContainerNode`, `vos:DataNode` or `vos:LinkNode`). */
        NodeXml: string;
        /** @description VOSpace 2.1 `vos:transfer` document. */
        TransferXml: string;
        /**
         * @description `pushToVoSpace`, `pullFromVoSpace`, or (async move/copy) a target VOSpace URI.
         * @example pushToVoSpace
         * @example pullFromVoSpace
         */
        TransferDirection: string;
        TransferParams: {
            TARGET: string;
            DIRECTION: components["schemas"]["TransferDirection"];
            PROTOCOL: string;
            /** @constant */
            REQUEST?: "redirect";
        };
        /** @enum {string} */
        NodeType: "ContainerNode" | "DataNode" | "LinkNode";
        /** @description JSON rendering of a `vos:node` (vobridge extension, `Accept: application/json`). */
        Node: {
            /** @description `vos://<authority>~<service>/<path>` */
            uri: string;
            type: components["schemas"]["NodeType"];
            busy?: boolean;
            /** @description Property URI to value. */
            properties: {
                [key: string]: string;
            };
            /** @description Link target (LinkNode only). */
            target?: string;
            /** @description Children (ContainerNode only; paged with `limit`/`uri`). */
            nodes?: components["schemas"]["Node"][];
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
    parameters: {
        /**
         * @description Node path below the VOSpace root, **slashes included**
         *     (`alice/data/x.fits`); matches the rest of the URL path. Path
         *     segments are percent-encoded individually; the separating `/` are not.
         * @example alice/data/x.fits
         */
        NodePath: string;
        /** @example t8c1a9 */
        TransferJobId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Size in bytes.
         * @example 2880
         */
        ContentLength: number;
        /**
         * @description MD5 of the whole file, hex (as `vos` compares it with the `#MD5` property).
         * @example 3a5f6c1e2d0b9a8f7e6d5c4b3a291807
         */
        ContentMD5: string;
        /**
         * @description RFC 3230 digest of the whole file, `md5=<base64 of the 16 raw MD5 bytes>`.
         * @example md5=Ol9sHi0Lmo9+bVxLOikYBw==
         */
        Digest: string;
        /**
         * @description Always `bytes`.
         * @example bytes
         */
        AcceptRanges: "bytes";
        /**
         * @description HTTP date of the last change.
         * @example Sat, 14 Mar 2026 02:20:00 GMT
         */
        LastModified: string;
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
    getNode: {
        parameters: {
            query?: {
                /** @description `min` — no properties; `max` (default) — all properties; `properties` — properties of the node, children without. */
                detail?: "min" | "max" | "properties";
                /**
                 * @description At most this many children (0 = node only).
                 * @example 500
                 */
                limit?: number;
                /**
                 * @description Paging — list children starting after this child URI.
                 * @example vos://platform.example.org~vault/alice/data/b.fits
                 */
                uri?: string;
                /** @description Sort children by this property URI (`#length` or `#date`); by name otherwise. */
                sort?: "ivo://ivoa.net/vospace/core#length" | "ivo://ivoa.net/vospace/core#date";
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                     *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     *         uri="vos://platform.example.org~vault/alice/data" xsi:type="vos:ContainerNode">
                     *       <vos:properties>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:24:06.000</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#creator">alice</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#length">2880</vos:property>
                     *       </vos:properties>
                     *       <vos:accepts/>
                     *       <vos:provides/>
                     *       <vos:capabilities/>
                     *       <vos:nodes>
                     *         <vos:node uri="vos://platform.example.org~vault/alice/data/x.fits" xsi:type="vos:DataNode" busy="false">
                     *           <vos:properties>
                     *             <vos:property uri="ivo://ivoa.net/vospace/core#length">2880</vos:property>
                     *             <vos:property uri="ivo://ivoa.net/vospace/core#MD5">3a5f6c1e2d0b9a8f7e6d5c4b3a291807</vos:property>
                     *             <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:20:00.000</vos:property>
                     *             <vos:property uri="ivo://ivoa.net/vospace/core#type">application/fits</vos:property>
                     *           </vos:properties>
                     *           <vos:accepts/>
                     *           <vos:provides/>
                     *           <vos:capabilities/>
                     *         </vos:node>
                     *         <vos:node uri="vos://platform.example.org~vault/alice/data/latest" xsi:type="vos:LinkNode">
                     *           <vos:properties>
                     *             <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:21:00.000</vos:property>
                     *           </vos:properties>
                     *           <vos:accepts/>
                     *           <vos:provides/>
                     *           <vos:capabilities/>
                     *           <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                     *         </vos:node>
                     *       </vos:nodes>
                     *     </vos:node>
                     */
                    "text/xml": components["schemas"]["NodeXml"];
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                     *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     *         uri="vos://platform.example.org~vault/alice/data/x.fits" xsi:type="vos:DataNode" busy="false">
                     *       <vos:properties>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#length">2880</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#MD5">3a5f6c1e2d0b9a8f7e6d5c4b3a291807</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:20:00.000</vos:property>
                     *       </vos:properties>
                     *       <vos:accepts/>
                     *       <vos:provides/>
                     *       <vos:capabilities/>
                     *     </vos:node>
                     */
                    "application/xml": components["schemas"]["NodeXml"];
                    /**
                     * @example {
                     *       "uri": "vos://platform.example.org~vault/alice/data",
                     *       "type": "ContainerNode",
                     *       "properties": {
                     *         "ivo://ivoa.net/vospace/core#date": "2026-03-14T02:24:06.000",
                     *         "ivo://ivoa.net/vospace/core#length": "2880"
                     *       },
                     *       "nodes": [
                     *         {
                     *           "uri": "vos://platform.example.org~vault/alice/data/x.fits",
                     *           "type": "DataNode",
                     *           "busy": false,
                     *           "properties": {
                     *             "ivo://ivoa.net/vospace/core#length": "2880",
                     *             "ivo://ivoa.net/vospace/core#MD5": "3a5f6c1e2d0b9a8f7e6d5c4b3a291807",
                     *             "ivo://ivoa.net/vospace/core#date": "2026-03-14T02:20:00.000"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Node"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                 *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 *         uri="vos://platform.example.org~vault/alice/results" xsi:type="vos:ContainerNode">
                 *       <vos:properties/>
                 *       <vos:accepts/>
                 *       <vos:provides/>
                 *       <vos:capabilities/>
                 *       <vos:nodes/>
                 *     </vos:node>
                 */
                "text/xml": components["schemas"]["NodeXml"];
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                 *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 *         uri="vos://platform.example.org~vault/alice/latest" xsi:type="vos:LinkNode">
                 *       <vos:properties/>
                 *       <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                 *     </vos:node>
                 */
                "application/xml": components["schemas"]["NodeXml"];
            };
        };
        responses: {
            /** @description Created; the body is the stored node. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                     *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     *         uri="vos://platform.example.org~vault/alice/results" xsi:type="vos:ContainerNode">
                     *       <vos:properties>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:30:00.000</vos:property>
                     *       </vos:properties>
                     *       <vos:accepts/>
                     *       <vos:provides/>
                     *       <vos:capabilities/>
                     *       <vos:nodes/>
                     *     </vos:node>
                     */
                    "text/xml": components["schemas"]["NodeXml"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                 *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 *         uri="vos://platform.example.org~vault/alice/data/x.fits" xsi:type="vos:DataNode">
                 *       <vos:properties>
                 *         <vos:property uri="ivo://ivoa.net/vospace/core#description">calibrated frame</vos:property>
                 *         <vos:property uri="ivo://ivoa.net/vospace/core#ispublic">true</vos:property>
                 *       </vos:properties>
                 *     </vos:node>
                 */
                "text/xml": components["schemas"]["NodeXml"];
                "application/xml": components["schemas"]["NodeXml"];
            };
        };
        responses: {
            /** @description The updated node. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"
                     *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     *         uri="vos://platform.example.org~vault/alice/data/x.fits" xsi:type="vos:DataNode" busy="false">
                     *       <vos:properties>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#length">2880</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#MD5">3a5f6c1e2d0b9a8f7e6d5c4b3a291807</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#date">2026-03-14T02:20:00.000</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#description">calibrated frame</vos:property>
                     *         <vos:property uri="ivo://ivoa.net/vospace/core#ispublic">true</vos:property>
                     *       </vos:properties>
                     *       <vos:accepts/>
                     *       <vos:provides/>
                     *       <vos:capabilities/>
                     *     </vos:node>
                     */
                    "text/xml": components["schemas"]["NodeXml"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    getSyncTransfer: {
        parameters: {
            query: {
                /** @example vos://platform.example.org~vault/alice/data/x.fits */
                TARGET: string;
                DIRECTION: components["schemas"]["TransferDirection"];
                /** @example ivo://ivoa.net/vospace/core#httpsget */
                PROTOCOL: string;
                REQUEST?: "redirect";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the data URL (`/vospace/data/{path}`). */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
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
    postSyncTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" version="2.1">
                 *       <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                 *       <vos:direction>pushToVoSpace</vos:direction>
                 *       <vos:protocol uri="ivo://ivoa.net/vospace/core#httpsput">
                 *         <vos:securityMethod uri="vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0"/>
                 *       </vos:protocol>
                 *       <vos:protocol uri="ivo://ivoa.net/vospace/core#httpsput"/>
                 *     </vos:transfer>
                 */
                "text/xml": components["schemas"]["TransferXml"];
                "application/xml": components["schemas"]["TransferXml"];
                /**
                 * @example {
                 *       "TARGET": "vos://platform.example.org~vault/alice/data/x.fits",
                 *       "DIRECTION": "pullFromVoSpace",
                 *       "PROTOCOL": "ivo://ivoa.net/vospace/core#httpsget"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["TransferParams"];
            };
        };
        responses: {
            /** @description To the transfer details of the new job, or (REQUEST=redirect) to the data URL. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
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
    createAsyncTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" version="2.1">
                 *       <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                 *       <vos:direction>vos://platform.example.org~vault/alice/archive/x.fits</vos:direction>
                 *       <vos:keepBytes>false</vos:keepBytes>
                 *     </vos:transfer>
                 */
                "text/xml": components["schemas"]["TransferXml"];
                "application/xml": components["schemas"]["TransferXml"];
            };
        };
        responses: {
            /** @description To the new job. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    getTransferJob: {
        parameters: {
            query?: {
                WAIT?: number;
                PHASE?: string;
            };
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description UWS job document; the job's `jobInfo` holds the transfer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"
                     *         xmlns:xlink="http://www.w3.org/1999/xlink"
                     *         xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" version="1.1">
                     *       <uws:jobId>t8c1a9</uws:jobId>
                     *       <uws:ownerId>alice</uws:ownerId>
                     *       <uws:phase>EXECUTING</uws:phase>
                     *       <uws:creationTime>2026-03-14T02:24:06.000Z</uws:creationTime>
                     *       <uws:executionDuration>600</uws:executionDuration>
                     *       <uws:results>
                     *         <uws:result id="transferDetails" xlink:href="https://platform.example.org/vospace/transfers/t8c1a9/results/transferDetails"/>
                     *       </uws:results>
                     *       <uws:jobInfo>
                     *         <vos:transfer version="2.1">
                     *           <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                     *           <vos:direction>pushToVoSpace</vos:direction>
                     *           <vos:protocol uri="ivo://ivoa.net/vospace/core#httpsput"/>
                     *         </vos:transfer>
                     *       </uws:jobInfo>
                     *     </uws:job>
                     */
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getTransferPhase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description UWS phase. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example COMPLETED */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    setTransferPhase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "PHASE": "RUN"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    /** @enum {string} */
                    PHASE: "RUN" | "ABORT";
                };
            };
        };
        responses: {
            /** @description To the job. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getTransferError: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error text (empty when none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example NodeNotFound */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getTransferDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example t8c1a9 */
                jobId: components["parameters"]["TransferJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transfer document with one endpoint per protocol, the authenticated one first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" version="2.1">
                     *       <vos:target>vos://platform.example.org~vault/alice/data/x.fits</vos:target>
                     *       <vos:direction>pushToVoSpace</vos:direction>
                     *       <vos:protocol uri="ivo://ivoa.net/vospace/core#httpsput">
                     *         <vos:endpoint>https://platform.example.org/vospace/data/alice/data/x.fits</vos:endpoint>
                     *         <vos:securityMethod uri="vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0"/>
                     *       </vos:protocol>
                     *       <vos:protocol uri="ivo://ivoa.net/vospace/core#httpsput">
                     *         <vos:endpoint>https://platform.example.org/vospace/data/alice/data/x.fits</vos:endpoint>
                     *       </vos:protocol>
                     *     </vos:transfer>
                     */
                    "text/xml": components["schemas"]["TransferXml"];
                    "application/xml": components["schemas"]["TransferXml"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getData: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Single byte range (`bytes=start-[end]`).
                 * @example bytes=1024-
                 */
                Range?: string;
            };
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whole file. */
            200: {
                headers: {
                    "Content-Length": components["headers"]["ContentLength"];
                    "Content-MD5": components["headers"]["ContentMD5"];
                    digest: components["headers"]["Digest"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Requested range. */
            206: {
                headers: {
                    /**
                     * @description `bytes start-end/total`.
                     * @example bytes 1024-2879/2880
                     */
                    "Content-Range": string;
                    "Content-Length": components["headers"]["ContentLength"];
                    digest: components["headers"]["Digest"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Range not satisfiable. */
            416: {
                headers: {
                    /**
                     * @description `bytes *\/total`.
                     * @example bytes *\/2880
                     */
                    "Content-Range"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    putData: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description RFC 3230 instance digest, `md5=<base64 of the 16 raw MD5 bytes>`.
                 * @example md5=Ol9sHi0Lmo9+bVxLOikYBw==
                 */
                digest?: string;
                /** @description cadcutils PUT-transaction operation; ignored unless transactions are supported. */
                "x-put-txn-op"?: "start" | "commit" | "abort" | "revert";
            };
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored (replaced existing bytes). */
            200: {
                headers: {
                    digest: components["headers"]["Digest"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Stored. */
            201: {
                headers: {
                    digest: components["headers"]["Digest"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The body does not match the `digest` request header; nothing was stored. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example PreconditionFailed: MD5 mismatch */
                    "text/plain": components["schemas"]["IvoaError"];
                };
            };
        };
    };
    headData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Headers only. */
            200: {
                headers: {
                    "Content-Length": components["headers"]["ContentLength"];
                    "Content-MD5": components["headers"]["ContentMD5"];
                    digest: components["headers"]["Digest"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Last-Modified": components["headers"]["LastModified"];
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
    getVospaceCapabilities: {
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
                     *           <accessURL use="full">https://platform.example.org/vospace/capabilities</accessURL>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/std/VOSpace/v2.0#nodes">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/nodes</accessURL>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/nodes</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/std/VOSpace#sync-2.1">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/synctrans</accessURL>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/synctrans</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
                     *         </interface>
                     *       </capability>
                     *       <capability standardID="ivo://ivoa.net/std/VOSpace/v2.0#transfers">
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/transfers</accessURL>
                     *         </interface>
                     *         <interface xsi:type="vs:ParamHTTP" role="std">
                     *           <accessURL use="base">https://platform.example.org/vospace/transfers</accessURL>
                     *           <securityMethod standardID="ivo://ivoa.net/sso#token"/>
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
    getFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Node path below the VOSpace root, **slashes included**
                 *     (`alice/data/x.fits`); matches the rest of the URL path. Path
                 *     segments are percent-encoded individually; the separating `/` are not.
                 * @example alice/data/x.fits
                 */
                path: components["parameters"]["NodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description See the data URL. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
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
export const pathsNodesPathGetParametersQueryDetailValues: ReadonlyArray<FlattenedDeepRequired<paths>["/nodes/{path}"]["get"]["parameters"]["query"]["detail"]> = ["min", "max", "properties"];
export const pathsNodesPathGetParametersQuerySortValues: ReadonlyArray<FlattenedDeepRequired<paths>["/nodes/{path}"]["get"]["parameters"]["query"]["sort"]> = ["ivo://ivoa.net/vospace/core#length", "ivo://ivoa.net/vospace/core#date"];
export const pathsNodesPathGetParametersQueryOrderValues: ReadonlyArray<FlattenedDeepRequired<paths>["/nodes/{path}"]["get"]["parameters"]["query"]["order"]> = ["asc", "desc"];
export const pathsTransfersJobIdPhasePostRequestBodyContentApplicationXWwwFormUrlencodedPHASEValues: ReadonlyArray<FlattenedDeepRequired<paths>["/transfers/{jobId}/phase"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["PHASE"]> = ["RUN", "ABORT"];
export const pathsDataPathPutParametersHeaderXPutTxnOpValues: ReadonlyArray<FlattenedDeepRequired<paths>["/data/{path}"]["put"]["parameters"]["header"]["x-put-txn-op"]> = ["start", "commit", "abort", "revert"];
export const nodeTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["NodeType"]> = ["ContainerNode", "DataNode", "LinkNode"];
