// UWS 1.1 job and job-list documents. Reading accepts what real services send:
// prefixed or default-namespace documents, UWS 1.0 jobs without `version`, and
// (as pyvo does) documents with no namespace at all. Writing produces the
// 1.1 form pyvo and the IVOA schema expect, prefix `uws`.
import {
  XLINK_NS,
  XSI_NS,
  attribute,
  childNamed,
  childrenNamed,
  elementChildren,
  invalid,
  isNil,
  parseXml,
  requiredText,
  textOf,
  type XmlElement,
} from '../xml/dom.js';
import { fromParsed, renderXml, type XmlOut } from '../xml/writer.js';
import {
  EXECUTION_PHASES,
  UWS_NS,
  type ErrorSummary,
  type ExecutionPhase,
  type Job,
  type JobList,
  type JobParameter,
  type JobResult,
  type JobSummary,
} from './types.js';

const NS = [UWS_NS, ''];
const JOB = 'UWS job';
const JOBS = 'UWS job list';

function expectRoot(root: XmlElement, local: string, what: string): void {
  if (root.local !== local || !NS.includes(root.uri)) {
    throw invalid(root, what, `expected <uws:${local}> in namespace ${UWS_NS}.`);
  }
}

function phaseOf(el: XmlElement, what: string): ExecutionPhase {
  const phaseEl = childNamed(el, NS, 'phase');
  if (!phaseEl) throw invalid(el, what, 'it has no <phase> element.');
  const phase = textOf(phaseEl).trim().toUpperCase();
  if (!(EXECUTION_PHASES as readonly string[]).includes(phase)) {
    throw invalid(phaseEl, what, `unknown execution phase "${phase.slice(0, 40)}".`);
  }
  return phase as ExecutionPhase;
}

/** Text of an optional child; `null` for `xsi:nil` or empty, `undefined` when absent. */
function optional(el: XmlElement, local: string): string | null | undefined {
  const child = childNamed(el, NS, local);
  if (!child) return undefined;
  const text = textOf(child).trim();
  return isNil(child) || text === '' ? null : text;
}

function bool(value: string | undefined): boolean {
  return value?.trim() === 'true' || value?.trim() === '1';
}

function parseParameters(job: XmlElement): JobParameter[] {
  const params = childNamed(job, NS, 'parameters');
  if (!params) return [];
  return childrenNamed(params, NS, 'parameter').map((p) => {
    const id = attribute(p, 'id');
    if (id === undefined) throw invalid(p, JOB, 'a parameter has no id attribute.');
    const out: JobParameter = { id, value: textOf(p) };
    if (bool(attribute(p, 'byReference'))) out.byReference = true;
    if (bool(attribute(p, 'isPost'))) out.isPost = true;
    return out;
  });
}

function parseResults(job: XmlElement): JobResult[] {
  const results = childNamed(job, NS, 'results');
  if (!results) return [];
  return childrenNamed(results, NS, 'result').map((r) => {
    const id = attribute(r, 'id');
    if (id === undefined) throw invalid(r, JOB, 'a result has no id attribute.');
    const out: JobResult = { id };
    const href = attribute(r, 'href', XLINK_NS) ?? attribute(r, 'href');
    if (href !== undefined) out.href = href;
    const size = attribute(r, 'size');
    if (size !== undefined && /^\d+$/.test(size.trim())) out.size = Number(size);
    const mime = attribute(r, 'mime-type');
    if (mime !== undefined) out.mimeType = mime;
    return out;
  });
}

function parseErrorSummary(job: XmlElement): ErrorSummary | undefined {
  const el = childNamed(job, NS, 'errorSummary');
  if (!el) return undefined;
  const message = childNamed(el, NS, 'message');
  return {
    type: attribute(el, 'type')?.trim() === 'transient' ? 'transient' : 'fatal',
    hasDetail: bool(attribute(el, 'hasDetail')),
    message: message ? textOf(message).trim() : '',
  };
}

function parseJobElement(job: XmlElement): Job {
  const durationText = optional(job, 'executionDuration');
  const duration = durationText ? Number(durationText) : 0;
  if (!Number.isFinite(duration)) {
    throw invalid(childNamed(job, NS, 'executionDuration') ?? job, JOB, 'executionDuration is not a number.');
  }
  const out: Job = {
    jobId: requiredText(job, NS, 'jobId', JOB),
    ownerId: optional(job, 'ownerId') ?? null,
    phase: phaseOf(job, JOB),
    startTime: optional(job, 'startTime') ?? null,
    endTime: optional(job, 'endTime') ?? null,
    executionDuration: duration,
    destruction: optional(job, 'destruction') ?? null,
    parameters: parseParameters(job),
    results: parseResults(job),
  };
  const runId = optional(job, 'runId');
  if (runId) out.runId = runId;
  const quote = optional(job, 'quote');
  if (quote !== undefined) out.quote = quote;
  const creationTime = optional(job, 'creationTime');
  if (creationTime) out.creationTime = creationTime;
  const errorSummary = parseErrorSummary(job);
  if (errorSummary) out.errorSummary = errorSummary;
  const jobInfo = childNamed(job, NS, 'jobInfo');
  if (jobInfo) out.jobInfo = elementChildren(jobInfo);
  const version = attribute(job, 'version');
  if (version !== undefined) out.version = version;
  return out;
}

/**
 * Parses a UWS job document (`<uws:job>`), UWS 1.0 or 1.1.
 *
 * @throws {@link ProtocolError} naming the element for malformed XML, a wrong
 *   root, a missing `jobId`/`phase` or an unknown phase.
 */
export function parseJob(xml: string): Job {
  const root = parseXml(xml, JOB);
  expectRoot(root, 'job', JOB);
  return parseJobElement(root);
}

/**
 * Parses a UWS job list (`<uws:jobs>` of `<uws:jobref>`).
 *
 * @throws {@link ProtocolError} as {@link parseJob} does.
 */
export function parseJobList(xml: string): JobList {
  const root = parseXml(xml, JOBS);
  expectRoot(root, 'jobs', JOBS);
  const jobs = childrenNamed(root, NS, 'jobref').map((ref): JobSummary => {
    const jobId = attribute(ref, 'id');
    if (jobId === undefined) throw invalid(ref, JOBS, 'a jobref has no id attribute.');
    const out: JobSummary = { jobId, phase: phaseOf(ref, JOBS) };
    const href = attribute(ref, 'href', XLINK_NS);
    if (href !== undefined) out.href = href;
    const runId = optional(ref, 'runId');
    if (runId) out.runId = runId;
    const ownerId = optional(ref, 'ownerId');
    if (ownerId !== undefined) out.ownerId = ownerId;
    const creationTime = optional(ref, 'creationTime');
    if (creationTime) out.creationTime = creationTime;
    return out;
  });
  const list: JobList = { jobs };
  const version = attribute(root, 'version');
  if (version !== undefined) list.version = version;
  return list;
}

const ROOT_NS = { 'xmlns:uws': UWS_NS, 'xmlns:xlink': XLINK_NS, 'xmlns:xsi': XSI_NS };

/** `<uws:name>` with text, or `xsi:nil` for null. */
function nillable(name: string, value: string | null): XmlOut {
  return value === null
    ? { name: `uws:${name}`, attrs: { 'xsi:nil': 'true' } }
    : { name: `uws:${name}`, children: [value] };
}

function text(name: string, value: string | undefined): XmlOut | undefined {
  return value === undefined ? undefined : { name: `uws:${name}`, children: [value] };
}

/**
 * Writes a job as a UWS 1.1 document (prefix `uws`, results linked with `xlink:href`).
 *
 * @throws {@link ProtocolError} when a value cannot be represented in XML.
 */
export function serializeJob(job: Job): string {
  const inScope = { uws: UWS_NS, xlink: XLINK_NS, xsi: XSI_NS };
  return renderXml({
    name: 'uws:job',
    attrs: { ...ROOT_NS, version: job.version ?? '1.1' },
    children: [
      text('jobId', job.jobId),
      text('runId', job.runId),
      nillable('ownerId', job.ownerId),
      text('phase', job.phase),
      job.quote === undefined ? undefined : nillable('quote', job.quote),
      text('creationTime', job.creationTime),
      nillable('startTime', job.startTime),
      nillable('endTime', job.endTime),
      text('executionDuration', String(job.executionDuration)),
      nillable('destruction', job.destruction),
      {
        name: 'uws:parameters',
        children: job.parameters.map((p) => ({
          name: 'uws:parameter',
          attrs: {
            id: p.id,
            byReference: p.byReference ? 'true' : undefined,
            isPost: p.isPost ? 'true' : undefined,
          },
          children: [p.value],
        })),
      },
      {
        name: 'uws:results',
        children: job.results.map((r) => ({
          name: 'uws:result',
          attrs: {
            id: r.id,
            'xlink:type': r.href === undefined ? undefined : 'simple',
            'xlink:href': r.href,
            size: r.size === undefined ? undefined : String(r.size),
            'mime-type': r.mimeType,
          },
        })),
      },
      job.errorSummary && {
        name: 'uws:errorSummary',
        attrs: { type: job.errorSummary.type, hasDetail: String(job.errorSummary.hasDetail) },
        children: [{ name: 'uws:message', children: [job.errorSummary.message] }],
      },
      job.jobInfo && { name: 'uws:jobInfo', children: job.jobInfo.map((el) => fromParsed(el, inScope)) },
    ],
  });
}

/**
 * Writes a job list as a UWS 1.1 `<uws:jobs>` document.
 *
 * @throws {@link ProtocolError} when a value cannot be represented in XML.
 */
export function serializeJobList(list: JobList): string {
  return renderXml({
    name: 'uws:jobs',
    attrs: { ...ROOT_NS, version: list.version ?? '1.1' },
    children: list.jobs.map((j) => ({
      name: 'uws:jobref',
      attrs: { id: j.jobId, 'xlink:type': j.href === undefined ? undefined : 'simple', 'xlink:href': j.href },
      children: [
        text('phase', j.phase),
        text('runId', j.runId),
        j.ownerId === undefined ? undefined : nillable('ownerId', j.ownerId),
        text('creationTime', j.creationTime),
      ],
    })),
  });
}
