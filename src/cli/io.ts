// Output helpers: data to stdout (respecting back-pressure and a closed pipe), messages to stderr.
export class Output {
  private closed = false;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async write(s: string): Promise<void> {
    if (this.closed) return;
    if (!this.stream.write(s)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
}

export function warn(message: string): void {
  process.stderr.write(`sitrep: ${message}\n`);
}
