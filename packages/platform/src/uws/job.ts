// The persisted form of a UWS job. Everything the HTTP layer shows and
// everything a restart needs is in this record; results live next to it as
// files. Times are ISO 8601 UTC strings, as they appear in UWS documents.

import type { ExecutionPhase } from '@vobridge/sdk';

/** One parameter as sent (names are stored upper case: UWS parameter names are case-insensitive). */
export interface StoredParameter {
  id: string;
  value: string;
}

/** One result, its bytes stored in the job's result directory. */
export interface StoredResult {
  /** Result id: letters, digits, `.`, `_`, `-`. */
  id: string;
  mimeType: string;
  size: number;
}

/** Why a job ended in ERROR. */
export interface StoredError {
  type: 'transient' | 'fatal';
  message: string;
}

/** A UWS job as stored. */
export interface JobRecord {
  id: string;
  /** Job list (job type) name. */
  list: string;
  /** User name of the owner; nobody else can see the job. */
  owner: string;
  runId?: string;
  phase: ExecutionPhase;
  creationTime: string;
  startTime: string | null;
  endTime: string | null;
  /** Seconds; 0 = unlimited. */
  executionDuration: number;
  destruction: string;
  parameters: StoredParameter[];
  results: StoredResult[];
  error?: StoredError;
  /** Type-specific XML shown as the job's `uws:jobInfo` (the transfer document of a VOSpace transfer). */
  jobInfo?: string;
}

/** Phases a job may be created, changed and given parameters in. */
export const EDITABLE_PHASES: readonly ExecutionPhase[] = ['PENDING', 'HELD'];

/** Phases in which the job is in the runner's hands. */
export const ACTIVE_PHASES: readonly ExecutionPhase[] = ['QUEUED', 'EXECUTING'];

/** Validates a record read from disk. */
export function parseJobRecord(value: unknown): JobRecord {
  if (typeof value !== 'object' || value === null) throw new Error('job record is not an object');
  const r = value as Partial<JobRecord>;
  if (
    typeof r.id !== 'string' ||
    typeof r.list !== 'string' ||
    typeof r.owner !== 'string' ||
    typeof r.phase !== 'string'
  ) {
    throw new Error('job record lacks id, list, owner or phase');
  }
  if (!Array.isArray(r.parameters) || !Array.isArray(r.results) || typeof r.destruction !== 'string') {
    throw new Error('job record lacks parameters, results or destruction');
  }
  return r as JobRecord;
}
