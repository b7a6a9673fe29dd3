import type { XmlElement } from '../xml/dom.js';

/** UWS namespace (shared by UWS 1.0 and 1.1). */
export const UWS_NS = 'http://www.ivoa.net/xml/UWS/v1.0';

/** Every execution phase of UWS 1.1 (1.0's are a subset). */
export const EXECUTION_PHASES = [
  'PENDING',
  'QUEUED',
  'EXECUTING',
  'COMPLETED',
  'ERROR',
  'ABORTED',
  'UNKNOWN',
  'HELD',
  'SUSPENDED',
  'ARCHIVED',
] as const;

/** A UWS execution phase. */
export type ExecutionPhase = (typeof EXECUTION_PHASES)[number];

/** Phases a job never leaves on its own. */
export const FINAL_PHASES: readonly ExecutionPhase[] = ['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED'];

/** True when `phase` is one of {@link FINAL_PHASES}. */
export function isFinalPhase(phase: ExecutionPhase): boolean {
  return FINAL_PHASES.includes(phase);
}

/** A job parameter. */
export interface JobParameter {
  id: string;
  value: string;
  /** The value is a URL to fetch the parameter from. */
  byReference?: boolean;
  /** The parameter was sent in a POST body and its value is not shown. */
  isPost?: boolean;
}

/** A job result, linked by `xlink:href`. */
export interface JobResult {
  id: string;
  href?: string;
  /** Size in bytes, when the service says (UWS 1.1). */
  size?: number;
  mimeType?: string;
}

/** Why a job failed. */
export interface ErrorSummary {
  type: 'transient' | 'fatal';
  /** More detail is available at `{job}/error`. */
  hasDetail: boolean;
  message: string;
}

/**
 * A UWS job. Times are kept as the ISO 8601 strings the service sent (UWS 1.0
 * services often omit the zone), `null` where the document says `xsi:nil`.
 */
export interface Job {
  jobId: string;
  runId?: string;
  ownerId: string | null;
  phase: ExecutionPhase;
  quote?: string | null;
  creationTime?: string;
  startTime: string | null;
  endTime: string | null;
  /** Seconds; 0 means unlimited. */
  executionDuration: number;
  destruction: string | null;
  parameters: JobParameter[];
  results: JobResult[];
  errorSummary?: ErrorSummary;
  /** Service-specific content of `<uws:jobInfo>`, as parsed elements. */
  jobInfo?: XmlElement[];
  /** `version` attribute of the document (`"1.1"`); absent from UWS 1.0 documents. */
  version?: string;
}

/** One entry of a job list. */
export interface JobSummary {
  jobId: string;
  phase: ExecutionPhase;
  /** Link to the job, when given. */
  href?: string;
  runId?: string;
  ownerId?: string | null;
  creationTime?: string;
}

/** A job list (`<uws:jobs>`). */
export interface JobList {
  jobs: JobSummary[];
  version?: string;
}
