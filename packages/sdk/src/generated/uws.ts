// Generated from openapi/uws.yaml by packages/sdk/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `npm run generate`.

export interface paths {
    "/{jobList}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
            };
            cookie?: never;
        };
        /** List the caller's jobs */
        get: operations["listJobs"];
        put?: never;
        /**
         * Create a job
         * @description Form parameters are the job's parameters (names are job-list
         *     specific: `sleep` takes `DURATION` seconds, `cutout` takes `ID`,
         *     `CIRCLE`, ...). `PHASE=RUN` starts it at once; `RUNID`,
         *     `EXECUTIONDURATION` and `DESTRUCTION` set those properties.
         *     Answers 303 to the new job.
         */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Job document, optionally blocking */
        get: operations["getJob"];
        put?: never;
        /** Delete a job by POST (ACTION=DELETE) */
        post: operations["postJobAction"];
        /** Delete a job (aborting it first if it runs) */
        delete: operations["deleteJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/phase": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Current phase (plain text) */
        get: operations["getJobPhase"];
        put?: never;
        /** Run or abort a job */
        post: operations["setJobPhase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/executionduration": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Maximum run time in seconds (0 = unlimited) */
        get: operations["getJobExecutionDuration"];
        put?: never;
        /**
         * Change the maximum run time
         * @description The server may cap the value; read the job to see what it kept.
         */
        post: operations["setJobExecutionDuration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/destruction": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Instant the job will be destroyed */
        get: operations["getJobDestruction"];
        put?: never;
        /** Change the destruction time */
        post: operations["setJobDestruction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/quote": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Estimated completion instant (empty when unknown) */
        get: operations["getJobQuote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/owner": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Owner of the job */
        get: operations["getJobOwner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/error": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * Error message of a job in phase ERROR
         * @description Plain text; empty for a job without an error.
         */
        get: operations["getJobError"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Result list */
        get: operations["getJobResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/results/{resultId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
                /** @example result */
                resultId: string;
            };
            cookie?: never;
        };
        /**
         * Download one result
         * @description The bytes of the result, or a 303 to where they are stored.
         */
        get: operations["getJobResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{jobList}/{jobId}/parameters": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Job parameters */
        get: operations["getJobParameters"];
        put?: never;
        /** Add or change parameters of a PENDING job */
        post: operations["setJobParameters"];
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
        /** @description UWS 1.1 document in namespace `http://www.ivoa.net/xml/UWS/v1.0`. */
        UwsXml: string;
        /** @enum {string} */
        ExecutionPhase: "PENDING" | "QUEUED" | "EXECUTING" | "COMPLETED" | "ERROR" | "ABORTED" | "UNKNOWN" | "HELD" | "SUSPENDED" | "ARCHIVED";
        /** @description Parameter names are case-insensitive (`phase=RUN` is accepted too). */
        PhaseForm: {
            /** @enum {string} */
            PHASE: "RUN" | "ABORT";
        };
        /** @description Job parameters as form fields; names are case-insensitive, values strings (a repeated name gives several values). */
        JobParametersForm: {
            /**
             * @description Start the job immediately.
             * @constant
             */
            PHASE?: "RUN";
            RUNID?: string;
            EXECUTIONDURATION?: string;
            /** Format: date-time */
            DESTRUCTION?: string;
        } & {
            [key: string]: string | string[];
        };
        /** @description A `uws:jobref` entry of a job list. */
        JobSummary: {
            jobId: string;
            /** Format: uri */
            href: string;
            phase: components["schemas"]["ExecutionPhase"];
            runId?: string;
            ownerId?: string;
            /** Format: date-time */
            creationTime?: string;
        };
        JobList: {
            jobs: components["schemas"]["JobSummary"][];
        };
        JobParameter: {
            id: string;
            value: string;
            byReference?: boolean;
            isPost?: boolean;
        };
        JobResult: {
            id: string;
            /** Format: uri */
            href: string;
            mimeType?: string;
            size?: number;
        };
        ErrorSummary: {
            /** @enum {string} */
            type: "transient" | "fatal";
            hasDetail?: boolean;
            message: string;
        };
        /** @description A UWS job (the JSON rendering of `uws:job`). */
        Job: {
            jobId: string;
            runId?: string;
            ownerId?: string | null;
            phase: components["schemas"]["ExecutionPhase"];
            /** Format: date-time */
            quote?: string | null;
            /** Format: date-time */
            creationTime?: string;
            /** Format: date-time */
            startTime?: string | null;
            /** Format: date-time */
            endTime?: string | null;
            /** @description Seconds; 0 = unlimited. */
            executionDuration: number;
            /** Format: date-time */
            destruction?: string | null;
            parameters: components["schemas"]["JobParameter"][];
            results: components["schemas"]["JobResult"][];
            errorSummary?: components["schemas"]["ErrorSummary"];
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
    };
    responses: {
        /** @description See the job. */
        SeeJob: {
            headers: {
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description See the job list. */
        SeeJobList: {
            headers: {
                /**
                 * @description URL of the job list.
                 * @example https://platform.example.org/uws/sleep
                 */
                Location: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Job document. */
        JobDocument: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"
                 *         xmlns:xlink="http://www.w3.org/1999/xlink"
                 *         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.1">
                 *       <uws:jobId>4f7c2d1e</uws:jobId>
                 *       <uws:runId>nightly</uws:runId>
                 *       <uws:ownerId>alice</uws:ownerId>
                 *       <uws:phase>COMPLETED</uws:phase>
                 *       <uws:quote xsi:nil="true"/>
                 *       <uws:creationTime>2026-03-14T02:24:06.000Z</uws:creationTime>
                 *       <uws:startTime>2026-03-14T02:24:06.120Z</uws:startTime>
                 *       <uws:endTime>2026-03-14T02:24:08.130Z</uws:endTime>
                 *       <uws:executionDuration>600</uws:executionDuration>
                 *       <uws:destruction>2026-03-21T02:24:06.000Z</uws:destruction>
                 *       <uws:parameters>
                 *         <uws:parameter id="DURATION">2</uws:parameter>
                 *       </uws:parameters>
                 *       <uws:results>
                 *         <uws:result id="result" xlink:href="https://platform.example.org/uws/sleep/4f7c2d1e/results/result"
                 *             mime-type="text/plain" size="22"/>
                 *       </uws:results>
                 *     </uws:job>
                 */
                "application/xml": components["schemas"]["UwsXml"];
                /**
                 * @example {
                 *       "jobId": "4f7c2d1e",
                 *       "runId": "nightly",
                 *       "ownerId": "alice",
                 *       "phase": "COMPLETED",
                 *       "quote": null,
                 *       "creationTime": "2026-03-14T02:24:06.000Z",
                 *       "startTime": "2026-03-14T02:24:06.120Z",
                 *       "endTime": "2026-03-14T02:24:08.130Z",
                 *       "executionDuration": 600,
                 *       "destruction": "2026-03-21T02:24:06.000Z",
                 *       "parameters": [
                 *         {
                 *           "id": "DURATION",
                 *           "value": "2"
                 *         }
                 *       ],
                 *       "results": [
                 *         {
                 *           "id": "result",
                 *           "href": "https://platform.example.org/uws/sleep/4f7c2d1e/results/result",
                 *           "mimeType": "text/plain",
                 *           "size": 22
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Job"];
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
        /** @description The request body is in a media type this operation does not accept. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example InvalidArgument: unsupported content type application/pdf */
                "text/plain": components["schemas"]["IvoaError"];
                /**
                 * @example {
                 *       "error": "unsupported_media_type",
                 *       "message": "unsupported content type application/pdf"
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
    };
    parameters: {
        /**
         * @description Name of the job list.
         * @example sleep
         */
        JobList: string;
        /** @example 4f7c2d1e */
        JobId: string;
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
    listJobs: {
        parameters: {
            query?: {
                /** @description Only jobs in these phases (repeatable). */
                PHASE?: components["schemas"]["ExecutionPhase"][];
                /**
                 * @description Only jobs created after this instant.
                 * @example 2026-03-14T00:00:00Z
                 */
                AFTER?: string;
                /**
                 * @description Only the most recent `LAST` jobs (by creation time, newest first).
                 * @example 10
                 */
                LAST?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Job list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"
                     *         xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">
                     *       <uws:jobref id="4f7c2d1e" xlink:href="https://platform.example.org/uws/sleep/4f7c2d1e">
                     *         <uws:phase>COMPLETED</uws:phase>
                     *         <uws:runId>nightly</uws:runId>
                     *         <uws:ownerId>alice</uws:ownerId>
                     *         <uws:creationTime>2026-03-14T02:24:06.000Z</uws:creationTime>
                     *       </uws:jobref>
                     *     </uws:jobs>
                     */
                    "application/xml": components["schemas"]["UwsXml"];
                    /**
                     * @example {
                     *       "jobs": [
                     *         {
                     *           "jobId": "4f7c2d1e",
                     *           "href": "https://platform.example.org/uws/sleep/4f7c2d1e",
                     *           "phase": "COMPLETED",
                     *           "runId": "nightly",
                     *           "ownerId": "alice",
                     *           "creationTime": "2026-03-14T02:24:06.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JobList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "DURATION": "2",
                 *       "RUNID": "nightly"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["JobParametersForm"];
                /**
                 * @example {
                 *       "DURATION": "2"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["JobParametersForm"];
            };
        };
        responses: {
            303: components["responses"]["SeeJob"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    getJob: {
        parameters: {
            query?: {
                /**
                 * @description Block up to this many seconds while the job is in a non-final phase (`-1` = server maximum).
                 * @example -1
                 */
                WAIT?: number;
                /** @description With `WAIT`, block only while the job is in this phase. */
                PHASE?: components["schemas"]["ExecutionPhase"];
            };
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobDocument"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    postJobAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ACTION": "DELETE"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    /** @constant */
                    ACTION: "DELETE";
                };
            };
        };
        responses: {
            303: components["responses"]["SeeJobList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    deleteJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            303: components["responses"]["SeeJobList"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobPhase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The phase name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example EXECUTING */
                    "text/plain": components["schemas"]["ExecutionPhase"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    setJobPhase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
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
                "application/x-www-form-urlencoded": components["schemas"]["PhaseForm"];
            };
        };
        responses: {
            303: components["responses"]["SeeJob"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    getJobExecutionDuration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Seconds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example 600 */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    setJobExecutionDuration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "EXECUTIONDURATION": "120"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    EXECUTIONDURATION: string;
                };
            };
        };
        responses: {
            303: components["responses"]["SeeJob"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    getJobDestruction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ISO 8601 instant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example 2026-03-21T02:24:06.000Z */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    setJobDestruction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "DESTRUCTION": "2026-03-20T00:00:00.000Z"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    /** Format: date-time */
                    DESTRUCTION: string;
                };
            };
        };
        responses: {
            303: components["responses"]["SeeJob"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    getJobQuote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ISO 8601 instant or empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example 2026-03-14T02:26:06.000Z */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User name (empty for anonymous jobs). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example alice */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobError: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example sleep: DURATION must be a non-negative number */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Results document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <uws:results xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"
                     *         xmlns:xlink="http://www.w3.org/1999/xlink">
                     *       <uws:result id="result" xlink:href="https://platform.example.org/uws/sleep/4f7c2d1e/results/result"
                     *           mime-type="text/plain" size="22"/>
                     *     </uws:results>
                     */
                    "application/xml": components["schemas"]["UwsXml"];
                    /**
                     * @example [
                     *       {
                     *         "id": "result",
                     *         "href": "https://platform.example.org/uws/sleep/4f7c2d1e/results/result",
                     *         "mimeType": "text/plain",
                     *         "size": 22
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["JobResult"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
                /** @example result */
                resultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Result content (media type as in the result list). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                    /** @example slept 2 seconds */
                    "text/plain": string;
                };
            };
            /** @description The result lives elsewhere. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getJobParameters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Parameters document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <?xml version="1.0" encoding="UTF-8"?>
                     *     <uws:parameters xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0">
                     *       <uws:parameter id="DURATION">2</uws:parameter>
                     *     </uws:parameters>
                     */
                    "application/xml": components["schemas"]["UwsXml"];
                    /**
                     * @example [
                     *       {
                     *         "id": "DURATION",
                     *         "value": "2"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["JobParameter"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    setJobParameters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Name of the job list.
                 * @example sleep
                 */
                jobList: components["parameters"]["JobList"];
                /** @example 4f7c2d1e */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "DURATION": "5"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["JobParametersForm"];
                /**
                 * @example {
                 *       "DURATION": "5"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["JobParametersForm"];
            };
        };
        responses: {
            303: components["responses"]["SeeJob"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
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
export const executionPhaseValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ExecutionPhase"]> = ["PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED", "UNKNOWN", "HELD", "SUSPENDED", "ARCHIVED"];
export const phaseFormPHASEValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PhaseForm"]["PHASE"]> = ["RUN", "ABORT"];
export const errorSummaryTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ErrorSummary"]["type"]> = ["transient", "fatal"];
