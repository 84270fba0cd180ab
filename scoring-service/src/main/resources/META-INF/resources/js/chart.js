// pass@k versus k, drawn as inline SVG: one line per series, error bars of one standard error.
import { s, pct } from './dom.js';

const W = 460;
const H = 250;
const PAD = { left: 46, right: 14, top: 12, bottom: 36 };

export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/**
 * series: [{label, color, points: [{k, value, se}]}]. k is spread on a log scale when the
 * ks span more than a factor of 4 (1, 10, 100 as in Chen et al.), linearly otherwise.
 */
export function passAtKChart(series, title) {
  const ks = [...new Set(series.flatMap(x => x.points.map(p => p.k)))].sort((a, b) => a - b);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  svg.append(s('title', { text: title }));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = v => PAD.top + plotH * (1 - Math.max(0, Math.min(1, v)));
  const lo = ks[0] || 1;
  const hi = ks[ks.length - 1] || 1;
  const log = hi / lo > 4;
  const x = k => {
    if (hi === lo) return PAD.left + plotW / 2;
    const t = log ? Math.log(k / lo) / Math.log(hi / lo) : (k - lo) / (hi - lo);
    return PAD.left + 12 + (plotW - 24) * t;
  };

  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }));
    svg.append(s('text', { x: PAD.left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end', text: (100 * v) + '%' }));
  }
  for (const k of ks) {
    svg.append(s('line', { x1: x(k), x2: x(k), y1: y(0), y2: y(0) + 4, class: 'axis' }));
    svg.append(s('text', { x: x(k), y: y(0) + 16, class: 'tick', 'text-anchor': 'middle', text: String(k) }));
  }
  svg.append(s('text', { x: PAD.left + plotW / 2, y: H - 4, class: 'axis-label', 'text-anchor': 'middle',
    text: log ? 'k (samples allowed per task, log scale)' : 'k (samples allowed per task)' }));

  if (ks.length === 0) {
    svg.append(s('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, class: 'empty', 'text-anchor': 'middle',
      text: 'no pass@k yet' }));
    return svg;
  }
  for (const line of series) {
    const pts = [...line.points].sort((a, b) => a.k - b.k);
    const g = s('g', { class: 'series', stroke: line.color, fill: line.color });
    if (pts.length > 1) {
      g.append(s('polyline', { points: pts.map(p => `${x(p.k)},${y(p.value)}`).join(' '), fill: 'none', 'stroke-width': 2 }));
    }
    for (const p of pts) {
      if (p.se > 0) {
        g.append(s('line', { x1: x(p.k), x2: x(p.k), y1: y(p.value - p.se), y2: y(p.value + p.se), 'stroke-width': 1.5 }));
        for (const v of [p.value - p.se, p.value + p.se]) {
          g.append(s('line', { x1: x(p.k) - 4, x2: x(p.k) + 4, y1: y(v), y2: y(v), 'stroke-width': 1.5 }));
        }
      }
      g.append(s('circle', { cx: x(p.k), cy: y(p.value), r: 3.5, stroke: '#fff', 'stroke-width': 1.5 },
        s('title', { text: `${line.label}: pass@${p.k} ${pct(p.value)}` + (p.se > 0 ? ` ± ${(100 * p.se).toFixed(2)}` : '') })));
    }
    svg.append(g);
  }
  return svg;
}
