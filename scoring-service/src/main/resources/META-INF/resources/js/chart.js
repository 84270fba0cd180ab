// Line charts drawn as inline SVG: one line per series, error bars of one standard error.
import { s, pct } from './dom.js';

const W = 460;
const H = 250;
const PAD = { left: 46, right: 14, top: 12, bottom: 36 };
const MAX_TICK_LABELS = 8;

export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/**
 * series: [{label, color, points: [{x, value, se, name, open, attrs}]}]: value and se in [0, 1],
 * name says what the point is ("pass@5"), open draws it hollow (a figure still moving), attrs go
 * on the point's group (data-* for tests and tools). axis: {ticks: [{x, label}], label, log, empty}.
 */
function plot(series, axis, title) {
  const xs = axis.ticks.map(t => t.x);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  svg.append(s('title', { text: title }));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = v => PAD.top + plotH * (1 - Math.max(0, Math.min(1, v)));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const x = v => {
    if (hi === lo) return PAD.left + plotW / 2;
    const t = axis.log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
    return PAD.left + 12 + (plotW - 24) * t;
  };

  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }));
    svg.append(s('text', { x: PAD.left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end', text: (100 * v) + '%' }));
  }
  const every = Math.ceil(axis.ticks.length / MAX_TICK_LABELS);
  axis.ticks.forEach((t, i) => {
    svg.append(s('line', { x1: x(t.x), x2: x(t.x), y1: y(0), y2: y(0) + 4, class: 'axis' }));
    if (i % every === 0) {
      svg.append(s('text', { x: x(t.x), y: y(0) + 16, class: 'tick', 'text-anchor': 'middle', text: t.label }));
    }
  });
  svg.append(s('text', { x: PAD.left + plotW / 2, y: H - 4, class: 'axis-label', 'text-anchor': 'middle', text: axis.label }));

  if (xs.length === 0) {
    svg.append(s('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, class: 'empty', 'text-anchor': 'middle',
      text: axis.empty }));
    return svg;
  }
  for (const line of series) {
    const pts = [...line.points].sort((a, b) => a.x - b.x);
    const g = s('g', { class: 'series', stroke: line.color, fill: line.color, 'data-series': line.label });
    if (pts.length > 1) {
      g.append(s('polyline', { points: pts.map(p => `${x(p.x)},${y(p.value)}`).join(' '), fill: 'none', 'stroke-width': 2 }));
    }
    for (const p of pts) {
      const point = s('g', { class: 'point', ...(p.attrs || {}) });
      if (p.se > 0) {
        point.append(s('line', { class: 'err', x1: x(p.x), x2: x(p.x), y1: y(p.value - p.se), y2: y(p.value + p.se), 'stroke-width': 1.5 }));
        for (const v of [p.value - p.se, p.value + p.se]) {
          point.append(s('line', { class: 'err-cap', x1: x(p.x) - 4, x2: x(p.x) + 4, y1: y(v), y2: y(v), 'stroke-width': 1.5 }));
        }
      }
      point.append(s('circle', { cx: x(p.x), cy: y(p.value), r: 3.5, stroke: p.open ? line.color : '#fff', 'stroke-width': 1.5,
        fill: p.open ? '#fff' : line.color },
        s('title', { text: `${line.label}: ${p.name} ${pct(p.value)}` + (p.se > 0 ? ` ± ${(100 * p.se).toFixed(2)}` : '') })));
      g.append(point);
    }
    svg.append(g);
  }
  return svg;
}

/**
 * pass@k versus k; series points are {k, value, se}. k is spread on a log scale when the ks span
 * more than a factor of 4 (1, 10, 100 as in Chen et al.), linearly otherwise.
 */
export function passAtKChart(series, title) {
  const ks = [...new Set(series.flatMap(l => l.points.map(p => p.k)))].sort((a, b) => a - b);
  const log = ks.length > 0 && ks[ks.length - 1] / ks[0] > 4;
  return plot(series.map(l => ({ ...l, points: l.points.map(p => ({ ...p, x: p.k, name: 'pass@' + p.k })) })),
    { ticks: ks.map(k => ({ x: k, label: String(k) })), log, empty: 'no pass@k yet',
      label: log ? 'k (samples allowed per task, log scale)' : 'k (samples allowed per task)' }, title);
}

/** pass@k against training step (or checkpoint order); series points are {x, value, se, name, open, attrs}. */
export function stepChart(series, ticks, label, title) {
  return plot(series, { ticks, label, log: false, empty: 'no figures yet' }, title);
}
