// What this process writes to stdout and stderr (the structured logger, the Temporal worker's) while a test runs: for
// tests that check what is logged, and what is not.
import fs from 'node:fs';

export interface Capture {
  text(): string;
  stop(): void;
}

/**
 * Starts recording stdout and stderr (still passing them through) until `stop()`: writes through the streams, and the
 * structured logger's synchronous writes to file descriptors 1 and 2 (pino's destination does not use the streams).
 */
export function captureOutput(): Capture {
  const chunks: string[] = [];
  const { write: out } = process.stdout;
  const { write: err } = process.stderr;
  const { writeSync } = fs;
  const recording = (original: typeof out) =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      chunks.push(String(chunk));
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof out;
  process.stdout.write = recording(out);
  process.stderr.write = recording(err);
  fs.writeSync = function (fd: number, data: unknown, ...rest: unknown[]) {
    if (fd === 1 || fd === 2) chunks.push(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  } as typeof fs.writeSync;
  return {
    text: () => chunks.join(''),
    stop: () => {
      process.stdout.write = out;
      process.stderr.write = err;
      fs.writeSync = writeSync;
    },
  };
}

/** Everything written to stdout and stderr while `run` runs. */
export async function outputOf(run: () => Promise<unknown>): Promise<string> {
  const capture = captureOutput();
  try {
    await run();
  } finally {
    capture.stop();
  }
  return capture.text();
}
