type Output = NodeJS.WritableStream;

/** Streams a write failed on: nothing more is written to them. */
const failed = new WeakSet<Output>();
const watched = new WeakSet<Output>();

/**
 * Makes a failing write to `stream` (process.stdout or process.stderr: a full disk, ENOSPC; a reader
 * gone, EPIPE) end only that stream's output. Node reports the failure as an 'error' event, which
 * unhandled would end the whole process over one line of output while it could go on serving.
 * `onFailure` hears of the first failure. Watching a stream again adds nothing.
 */
export function watchOutput(stream: Output, onFailure: (error: Error) => void = () => undefined): void {
  if (watched.has(stream)) return;
  watched.add(stream);
  stream.on('error', (error: Error) => {
    if (failed.has(stream)) return;
    failed.add(stream);
    onFailure(error);
  });
}

/** Writes `text` to `stream` unless a write there has failed; a failure now is not fatal either. */
export function writeOutput(stream: Output, text: string): void {
  watchOutput(stream);
  if (!failed.has(stream)) stream.write(text);
}
