import { importErrors } from './errors.js';

/**
 * Cancellation, yielding and progress for the importers. Imports run inside the app's server
 * process; long loops must give the event loop a turn so other requests keep being answered, and
 * must stop soon after the user cancels.
 */

export type ProgressFn = (fraction: number, step: string) => void;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw importErrors.cancelled();
}

/** Lets pending I/O and timers run (setImmediate runs after I/O callbacks, unlike a microtask). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Yield, then check for cancellation: the pair every long loop needs between units of work. */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  throwIfAborted(signal);
}

/**
 * Resolves like `promise` but rejects with GEANNULEERD as soon as `signal` aborts, for library
 * calls (mammoth, pdf.js) that cannot be interrupted themselves. Their result is then ignored.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(importErrors.cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(importErrors.cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Wraps the caller's progress callback: clamps the fraction, never goes backwards, and swallows
 * exceptions from the callback (a broken progress bar must not fail the import).
 */
export function makeProgress(onProgress: ProgressFn | undefined): ProgressFn {
  let last = 0;
  return (fraction, step) => {
    if (!onProgress) return;
    const value = Math.max(last, Math.min(1, Number.isFinite(fraction) ? fraction : last));
    last = value;
    try {
      onProgress(value, step);
    } catch {
      // ignore: see above
    }
  };
}
