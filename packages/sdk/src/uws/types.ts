import { executionPhaseValues, type components } from '../generated/uws.js';
import type { XmlElement } from '../xml/dom.js';

/** UWS namespace (shared by UWS 1.0 and 1.1). */
export const UWS_NS = 'http://www.ivoa.net/xml/UWS/v1.0';

/** A UWS execution phase (openapi/uws.yaml's `ExecutionPhase`). */
export type ExecutionPhase = components['schemas']['ExecutionPhase'];

/** Every execution phase of UWS 1.1 (1.0's are a subset), from the spec. */
export const EXECUTION_PHASES: readonly ExecutionPhase[] = executionPhaseValues;

/** Phases a job never leaves on its own. */
export const FINAL_PHASES: readonly ExecutionPhase[] = ['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED'];

/** True when `phase` is one of {@link FINAL_PHASES}. */
export function isFinalPhase(phase: ExecutionPhase): boolean {
  return FINAL_PHASES.includes(phase);
}

/** A job parameter. */
export interface JobParameter {
  /** Parameter name (case as the service keeps it). */
  id: string;
  /** Value as text; `''` for a parameter given without value. */
  value: string;
  /** The value is a URL to fetch the parameter from. */
  byReference?: boolean;
  /** The parameter was sent in a POST body and its value is not shown. */
  isPost?: boolean;
}

/** A job result, linked by `xlink:href`. */
export interface JobResult {
  /** Result name, such as `result`. */
  id: string;
  /** Where to fetch it (`xlink:href`). */
  href?: string;
  /** Size in bytes, when the service says (UWS 1.1). */
  size?: number;
  /** Media type, when the service says (UWS 1.1 `mime-type`). */
  mimeType?: string;
}

/** Why a job failed. */
export interface ErrorSummary {
  /** `transient`: retrying may help; `fatal`: it will not. */
  type: 'transient' | 'fatal';
  /** More detail is available at `{job}/error`. */
  hasDetail: boolean;
  /** Short explanation. */
  message: string;
}

/**
 * A UWS job. Times are kept as the ISO 8601 strings the service sent (UWS 1.0
 * services often omit the zone), `null` where the document says `xsi:nil`.
 */
export interface Job {
  /** Identifier, unique within the job list. */
  jobId: string;
  /** Client-chosen label (`RUNID`). */
  runId?: string;
  /** Owner, `null` for an anonymous job. */
  ownerId: string | null;
  /** Current execution phase. */
  phase: ExecutionPhase;
  /** When the service expects the job to finish. */
  quote?: string | null;
  /** When the job was created (UWS 1.1). */
  creationTime?: string;
  /** When it started executing. */
  startTime: string | null;
  /** When it reached a final phase. */
  endTime: string | null;
  /** Seconds; 0 means unlimited. */
  executionDuration: number;
  /** When the service will delete the job. */
  destruction: string | null;
  /** Parameters, in document order. */
  parameters: JobParameter[];
  /** Results, in document order. */
  results: JobResult[];
  /** Why the job failed (phase ERROR), if it did. */
  errorSummary?: ErrorSummary;
  /** Service-specific content of `<uws:jobInfo>`, as parsed elements. */
  jobInfo?: XmlElement[];
  /** `version` attribute of the document (`"1.1"`); absent from UWS 1.0 documents. */
  version?: string;
}

/** One entry of a job list. */
export interface JobSummary {
  /** Identifier of the job. */
  jobId: string;
  /** Phase at listing time. */
  phase: ExecutionPhase;
  /** Link to the job, when given. */
  href?: string;
  /** Client-chosen label. */
  runId?: string;
  /** Owner, when listed (`null`: anonymous). */
  ownerId?: string | null;
  /** When the job was created. */
  creationTime?: string;
}

/** A job list (`<uws:jobs>`). */
export interface JobList {
  /** The jobs, in document order. */
  jobs: JobSummary[];
  /** `version` attribute of the document. */
  version?: string;
}
