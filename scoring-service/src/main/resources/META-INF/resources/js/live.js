// The live connection: an EventSource on the scorer's SSE stream that comes back after any drop.

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 15000;

/**
 * Listens to url. The browser retries a dropped stream by itself, but gives up for good when a
 * reconnect is answered with an error status (a scorer restarting answers 503): then we open a
 * new EventSource ourselves, backing off. onOpen runs on every (re)connect, so the caller can
 * reload what it missed while disconnected.
 */
export function connect(url, { onEvent, onOpen, onState }) {
  let source = null;
  let delay = MIN_DELAY_MS;
  let timer = null;

  function open() {
    timer = null;
    onState('connecting');
    source = new EventSource(url);
    source.onopen = () => {
      delay = MIN_DELAY_MS;
      onState('live');
      onOpen();
    };
    source.onmessage = e => {
      try {
        onEvent(JSON.parse(e.data));
      } catch (err) {
        console.warn('evalstream: ignored an event that is not JSON', err);
      }
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        onState('reconnecting');
        if (!timer) timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      } else {
        onState('reconnecting');
      }
    };
  }

  open();
  return { close: () => { clearTimeout(timer); if (source) source.close(); } };
}

/** Runs fn at most once per intervalMs, always once more after the last call (trailing edge). */
export function throttle(fn, intervalMs) {
  let last = 0;
  let pending = null;
  return function throttled() {
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn();
    } else if (!pending) {
      pending = setTimeout(() => { pending = null; last = Date.now(); fn(); }, wait);
    }
  };
}

/** GET a JSON resource of the scorer: {ok, status, body}; never throws. */
export async function getJson(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body };
  } catch (err) {
    return { ok: false, status: 0, body: { error: String(err) } };
  }
}
