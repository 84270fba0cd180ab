// Small DOM helpers: every value reaches the page through textContent or attributes, never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.setAttribute('class', value);
    else if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('td', {class: 'num'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same calling convention as h. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** pass@k as a percentage with two decimals: 0.6341 -> "63.41%". */
export function pct(x) {
  return (100 * x).toFixed(2) + '%';
}

/** A standard error in percentage points: 0.021 -> "± 2.10". */
export function pp(x) {
  return '± ' + (100 * x).toFixed(2);
}

export function count(n) {
  return Number(n).toLocaleString('en-US');
}

/** A run id shortened for tables (the model is in its own column); the full id stays in the title. */
export function shortId(id, model) {
  const rest = model && id.startsWith(model + '-') ? id.slice(model.length + 1) : id;
  return rest.length > 24 ? rest.slice(0, 22) + '…' : rest;
}

/** The run's k values that have a figure, in ascending order. */
export function ksOf(passAtK) {
  return Object.keys(passAtK || {}).map(Number).sort((a, b) => a - b);
}

/** "40 tasks · 200 samples": what stands behind a pass@k figure. */
export function support(tasks, samples) {
  return count(tasks) + (tasks === 1 ? ' task' : ' tasks') + ' · ' + count(samples) + (samples === 1 ? ' sample' : ' samples');
}

/** The top bar's live-connection pill (element #connection) in one of live.js's states. */
export function showConnection(status) {
  const pill = document.getElementById('connection');
  pill.dataset.state = status;
  pill.querySelector('.conn-text').textContent =
    { live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…' }[status] || status;
}

/** The page's notice line (element #notice); empty text hides it. */
export function showNotice(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text || '';
  notice.hidden = !text;
}
