// Errors about one input (a file, a JSONL line, a record): reported as one line naming the input, never a stack trace.
export class InputError extends Error {
  constructor(
    message: string,
    /** The input it concerns: a path, "path:line", or a record id. */
    readonly input?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Binary data: NUL bytes, or many control characters in the first 8 KiB. */
export function looksBinary(s: string): boolean {
  const head = s.slice(0, 8192);
  if (head.length === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ctrl++;
    else if (c === 0xfffd) ctrl++;
  }
  return ctrl / head.length > 0.05;
}
