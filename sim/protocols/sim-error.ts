/**
 * An AWS-shaped error raised by a handler. The protocol layer decides how it is put on the
 * wire (XML ErrorResponse, JSON `__type`, or `x-amzn-ErrorType`), so handlers stay protocol-free.
 */
export class SimError extends Error {
  readonly code: string;
  readonly status: number;
  readonly senderFault: boolean;

  constructor(code: string, status: number, message: string, senderFault = status < 500) {
    super(message);
    this.name = "SimError";
    this.code = code;
    this.status = status;
    this.senderFault = senderFault;
  }
}

export function isSimError(value: unknown): value is SimError {
  return value instanceof SimError;
}
