// Renders a family's history (GET /families/{f}/history) and alerts (GET /alerts?family=F). Pure: data in, nodes out.
import { h, pct, pp, ksOf, support } from './dom.js';
import { stepChart, PALETTE } from './chart.js';

const runLink = id => h('a', { class: 'mono run-link', href: './#run=' + encodeURIComponent(id), 'data-run-id': id, title: id,
  text: id.length > 28 ? id.slice(0, 26) + '…' : id });

/** Plans in the order they first appear in the history. */
function plansOf(history) {
  return [...new Set(history.checkpoints.flatMap(c => c.runs.map(r => r.plan)))];
}

/**
 * x of each checkpoint: its training step when every checkpoint with a run has one, else its place
 * in the history (step order, then arrival), labelled with its name.
 */
function positions(history) {
  const withRuns = history.checkpoints.filter(c => c.runs.length > 0);
  const bySteps = withRuns.every(c => c.step !== null && c.step !== undefined);
  const at = new Map(withRuns.map((c, i) => [c.checkpoint, bySteps ? c.step : i]));
  const ticks = withRuns.map((c, i) => ({ x: bySteps ? c.step : i, label: bySteps ? String(c.step) : c.checkpoint }));
  return { at, ticks, label: bySteps ? 'training step' : 'checkpoint (in arrival order)' };
}

/** pass@k against step: one line per plan and k, each point a run with its standard error. */
export function familyChart(history) {
  const { at, ticks, label } = positions(history);
  const series = [];
  for (const plan of plansOf(history)) {
    const runs = history.checkpoints.flatMap(c => c.runs.filter(r => r.plan === plan).map(r => ({ c, r })));
    const ks = [...new Set(runs.flatMap(({ r }) => ksOf(r.pass_at_k)))].sort((a, b) => a - b);
    for (const k of ks) {
      series.push({
        label: `${plan} · pass@${k}`, color: PALETTE[series.length % PALETTE.length],
        points: runs.filter(({ r }) => r.pass_at_k[k] !== undefined).map(({ c, r }) => ({
          x: at.get(c.checkpoint), value: r.pass_at_k[k], se: (r.standard_error || {})[k] || 0,
          name: `${c.checkpoint} pass@${k}`, open: !r.complete,
          attrs: { 'data-run-id': r.run_id, 'data-plan': plan, 'data-k': k, 'data-value': r.pass_at_k[k],
            'data-se': (r.standard_error || {})[k] || 0, 'data-complete': String(r.complete) },
        })),
      });
    }
  }
  const legend = h('div', { class: 'chart-legend' }, series.map(l => h('span', { class: 'legend-item' },
    h('span', { class: 'swatch', style: { background: l.color } }), l.label)));
  return [stepChart(series, ticks, label, 'pass@k against training step for ' + history.family), legend];
}

/** One row per checkpoint: step, and for each plan its run (a link to the run's page), figures and state. */
export function checkpointsTable(history) {
  if (history.checkpoints.length === 0) {
    return h('p', { class: 'empty-note', text: `No checkpoint of ${history.family} yet. A training job publishes them with:`
      + ` bin/evalctl checkpoint ${history.family} NAME --step S ...` });
  }
  const plans = plansOf(history);
  const cell = run => {
    if (!run) return h('td', { class: 'muted', text: '–' });
    return h('td', { 'data-run-id': run.run_id },
      h('div', {}, runLink(run.run_id), ' ', h('span', { class: 'badge badge-small ' + (run.complete ? 'badge-done' : 'badge-running'),
        text: run.complete ? 'complete' : 'running' })),
      ksOf(run.pass_at_k).map(k => h('div', { class: 'passk-line' }, h('span', { class: 'k', text: 'pass@' + k }), ' ',
        h('span', { class: 'value', text: pct(run.pass_at_k[k]) }),
        h('span', { class: 'se', text: ' ' + pp((run.standard_error || {})[k] || 0) }))),
      h('div', { class: 'muted small', text: support(run.tasks_scored, run.samples_scored) }));
  };
  return h('table', { class: 'table checkpoints-table' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Checkpoint' }), h('th', { class: 'num', text: 'Step' }),
      plans.map(p => h('th', { text: 'plan ' + p })))),
    h('tbody', {}, history.checkpoints.map(c => h('tr', { 'data-checkpoint': c.checkpoint },
      h('td', { class: 'mono', text: c.checkpoint }),
      h('td', { class: 'num', text: c.step ?? '–' }),
      plans.map(p => cell(c.runs.find(r => r.plan === p)))))));
}

/** alerts: an array of DESIGN.md's alert objects, 'missing' (the scorer serves no /alerts) or an error text. */
export function alertsView(alerts, family) {
  if (alerts === null) return h('p', { class: 'empty-note', text: 'Reading alerts…' });
  if (alerts === 'missing') {
    return h('p', { class: 'empty-note', id: 'alerts-missing', text: 'no alerts endpoint: this scorer does not serve /alerts' });
  }
  if (!Array.isArray(alerts)) return h('p', { class: 'empty-note warn', text: alerts });
  if (alerts.length === 0) {
    return h('p', { class: 'empty-note', id: 'alerts-none', text: `No alerts: no checkpoint of ${family} has regressed beyond noise.` });
  }
  return h('table', { class: 'table alerts-table' },
    h('thead', {}, h('tr', {}, ['Checkpoint', 'Baseline', 'Plan', 'k', 'pass@k', 'Δ', 'p-value', 'Tasks regressed']
      .map((t, i) => h('th', { class: [3, 4, 5, 6, 7].includes(i) ? 'num' : '', text: t })))),
    h('tbody', {}, alerts.map(a => h('tr', { class: 'alert-row', 'data-checkpoint': a.checkpoint, 'data-run-id': a.run_id },
      h('td', {}, h('div', { class: 'mono', text: a.checkpoint }), runLink(a.run_id)),
      h('td', {}, h('div', { class: 'mono', text: a.baseline }), runLink(a.baseline_run_id)),
      h('td', { text: a.plan }),
      h('td', { class: 'num', text: a.k }),
      h('td', { class: 'num', text: `${pct(a.baseline_value)} → ${pct(a.value)}` }),
      h('td', { class: 'num bad', text: (100 * a.delta).toFixed(2) + ' pp' }),
      h('td', { class: 'num', text: Number(a.p_value).toPrecision(3) }),
      h('td', { class: 'num', title: (a.tasks_regressed || []).join(', '), text: (a.tasks_regressed || []).length })))));
}
