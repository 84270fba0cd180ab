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

const NOT_READY_RETRY_MS = 1000;
const READ_RETRIES = 5;

/**
 * A throttled re-read of one table (a filling run changes many times a second). path() gives what
 * to read now (nothing: skip). An older, slower answer never overwrites a newer one, and a failed
 * read (503 while the scorer rebalances) is tried again a few times, so the page settles on the
 * final figures; apply(body, path) gets each good answer, failed(response) the last bad one.
 */
export function reader(path, apply, intervalMs, failed = () => {}) {
  let ticket = 0;
  let retries = 0;
  const read = throttle(async () => {
    const key = path();
    if (!key) return;
    const mine = ++ticket;
    const r = await getJson(key);
    if (mine !== ticket) return;
    if (r.ok) {
      retries = 0;
      apply(r.body, key);
    } else if (retries++ < READ_RETRIES) {
      setTimeout(read, NOT_READY_RETRY_MS);
    } else {
      retries = 0;
      failed(r);
    }
  }, intervalMs);
  return read;
}
