// Putting off a call until typing pauses, but never for too long.

/** A debounced function: call it as often as you like; fn runs once things settle. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a waiting call now, if there is one. */
  flush(): void;
  /** Drops a waiting call. */
  cancel(): void;
}

/**
 * Returns fn debounced: it runs `wait` ms after the last call, with that
 * call's arguments, and never later than `maxWait` ms after the first call
 * it is waiting to answer, so steady calls (typing without a pause) still
 * run it every `maxWait` ms.
 */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  wait: number,
  maxWait = Infinity,
): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;
  let args: A | undefined;

  function clear() {
    clearTimeout(timer);
    clearTimeout(maxTimer);
    timer = maxTimer = undefined;
  }
  function run() {
    const a = args;
    clear();
    args = undefined;
    if (a) fn(...a);
  }
  const debounced = (...a: A) => {
    args = a;
    clearTimeout(timer);
    timer = setTimeout(run, wait);
    if (maxTimer === undefined && Number.isFinite(maxWait)) maxTimer = setTimeout(run, maxWait);
  };
  debounced.flush = run;
  debounced.cancel = () => {
    clear();
    args = undefined;
  };
  return debounced;
}
