/** Session types, as skaha names them. */
export const SESSION_TYPES = [
  'desktop',
  'notebook',
  'carta',
  'headless',
  'firefly',
  'desktop-app',
  'contributed',
] as const;
/** A session type. */
export type SessionType = (typeof SESSION_TYPES)[number];

/** Session statuses, as skaha reports them (Kubernetes phases). */
export const SESSION_STATUSES = [
  'Pending',
  'Running',
  'Terminating',
  'Succeeded',
  'Completed',
  'Error',
  'Failed',
] as const;
/** A session status. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Types limited to one session per user at a time (skaha's rule for interactive sessions). */
export const INTERACTIVE_TYPES: ReadonlySet<SessionType> = new Set([
  'desktop',
  'notebook',
  'carta',
  'firefly',
  'contributed',
]);

/** A session as stored (`<data>/sessions/records/<id>.json`). */
export interface SessionRecord {
  id: string;
  owner: string;
  name: string;
  type: SessionType;
  image: string;
  status: SessionStatus;
  /** ISO 8601 UTC. */
  startTime: string;
  /** ISO 8601 UTC. */
  expiryTime: string;
  /** Requested cores, or `undefined` in flexible mode. */
  cores?: number;
  /** Requested RAM in GB, or `undefined` in flexible mode. */
  ramGB?: number;
  gpus?: number;
  /** Headless command and arguments. */
  cmd?: string;
  args?: string;
  /** Extra environment given at launch (`env=KEY=VALUE`). */
  env: Record<string, string>;
  /** Process id of the running stand-in, if any. */
  pid?: number;
  /** Loopback port the stand-in listens on, if any. */
  port?: number;
  /** Exit code of a finished process. */
  exitCode?: number;
  /** Scheduling events, one line each (`<time> <text>`). */
  events: string[];
}

/** A session as the skaha API shows it (every resource number a string, as `canfar` demands). */
export interface SessionView {
  id: string;
  userid: string;
  runAsUID: string;
  runAsGID: string;
  supplementalGroups: number[];
  appid: string;
  image: string;
  type: SessionType;
  status: SessionStatus;
  name: string;
  startTime: string;
  expiryTime: string;
  connectURL: string;
  requestedRAM: string;
  requestedCPUCores: string;
  requestedGPUCores: string;
  ramInUse: string;
  gpuRAMInUse: string;
  cpuCoresInUse: string;
  gpuUtilization: string;
  isFixedResources: boolean;
}

/** What is not known or not applicable, in skaha's words. */
export const NONE = '<none>';

/** Path under the platform origin where a session is reverse-proxied. */
export function sessionPath(record: Pick<SessionRecord, 'type' | 'id'>): string {
  return `/session/${record.type}/${record.id}/`;
}

/** The URL a browser (or firefly_client) opens for a session. Firefly's app sits under `firefly/`, as on CANFAR. */
export function connectUrl(baseUrl: string, record: Pick<SessionRecord, 'type' | 'id'>): string {
  return `${baseUrl}${sessionPath(record)}${record.type === 'firefly' ? 'firefly/' : ''}`;
}

/** ISO 8601 UTC without milliseconds, as skaha writes times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
