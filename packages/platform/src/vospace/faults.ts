// VOSpace 2.1 faults. The fault name leads the plain-text error body because
// the `vos` client maps that exact text to an errno (NodeNotFound -> ENOENT,
// DuplicateNode -> EEXIST, ...), and the same name ends up in a failed
// transfer job's error summary.

/** The VOSpace 2.1 fault names the platform reports. */
export type VospaceFaultName =
  | 'NodeNotFound'
  | 'ContainerNotFound'
  | 'DuplicateNode'
  | 'ContainerNotEmpty'
  | 'InvalidURI'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'PermissionDenied'
  | 'OperationNotSupported'
  | 'ProtocolNotSupported'
  | 'ViewNotSupported'
  | 'LinkFoundFault'
  | 'TransferFailed'
  | 'PreconditionFailed'
  | 'InternalFault';

const STATUS: Record<VospaceFaultName, number> = {
  NodeNotFound: 404,
  ContainerNotFound: 404,
  DuplicateNode: 409,
  // Not a VOSpace 2.1 fault: the platform deletes containers only when empty.
  ContainerNotEmpty: 409,
  InvalidURI: 400,
  InvalidArgument: 400,
  InvalidData: 400,
  PermissionDenied: 403,
  OperationNotSupported: 400,
  ProtocolNotSupported: 400,
  ViewNotSupported: 400,
  LinkFoundFault: 400,
  TransferFailed: 500,
  // Not a VOSpace 2.1 fault: cadcutils retries an upload on 412 when the digest did not match.
  PreconditionFailed: 412,
  InternalFault: 500,
};

/** A VOSpace fault: its {@link VospaceFaultName}, the HTTP status it maps to and a message without secrets. */
export class VospaceFault extends Error {
  /** HTTP status the fault is answered with. */
  readonly status: number;

  constructor(
    /** The VOSpace fault name. */
    readonly fault: VospaceFaultName,
    /** What went wrong, without the fault name. */
    readonly detail: string,
  ) {
    super(`${fault}: ${detail}`);
    this.name = 'VospaceFault';
    this.status = STATUS[fault];
  }
}
