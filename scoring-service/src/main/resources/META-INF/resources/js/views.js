// Renders the scorer's views (RunView, TaskView, ModelTableView) as page sections. Pure: data in, nodes out.
import { h, pct, pp, count, shortId, ksOf, support } from './dom.js';
import { passAtKChart, PALETTE } from './chart.js';

/** A horizontal progress bar with its "done / total" caption. */
function progress(id, label, done, total, extra) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return h('div', { class: 'progress', id, 'data-done': done, 'data-total': total },
    h('div', { class: 'progress-caption' },
      h('span', { class: 'progress-label', text: label }),
      h('span', { class: 'progress-count' }, h('strong', { text: count(done) }), ' / ' + count(total), extra || '')),
    h('div', { class: 'bar' }, h('div', { class: 'bar-fill', style: { width: (100 * share).toFixed(2) + '%' } })));
}

function stateBadge(run) {
  return h('span', { class: 'badge ' + (run.complete ? 'badge-done' : 'badge-running'), 'data-complete': String(run.complete) },
    run.complete ? 'complete' : 'running');
}

/** A dataset name with its 64-hex content hash cut to 12 (the whole name is the cell's title). */
function shortDataset(name) {
  return /-[0-9a-f]{64}$/.test(name || '') ? name.slice(0, -52) + '…' : name;
}

/** Links to each model family's page, with how many checkpoints' runs the scorer holds. */
export function familiesList(families, runs) {
  return h('ul', { class: 'family-links' }, families.map(f => {
    const checkpoints = new Set(runs.filter(r => r.family === f).map(r => r.model)).size;
    return h('li', {}, h('a', { href: 'family.html?family=' + encodeURIComponent(f), 'data-family': f, text: f }),
      h('span', { class: 'muted', text: ` · ${checkpoints} ${checkpoints === 1 ? 'checkpoint' : 'checkpoints'}` }));
  }));
}

/** pass@k on base and extra tests (evalplus's formats); undefined for runs without extra tests. */
function plusOf(run, k) {
  return run.plus_pass_at_k ? run.plus_pass_at_k[k] : undefined;
}

/** The table of every run, newest first; a click selects a run. */
export function runsTable(runs, selectedId, onSelect) {
  if (runs.length === 0) {
    return h('p', { class: 'empty-note', text: 'No runs yet. Submit one with: bin/evalctl submit --problems FILE --samples FILE' });
  }
  const rows = runs.map(r => {
    const figures = ksOf(r.pass_at_k).map(k => h('div', { class: 'passk-line' },
      h('span', { class: 'k', text: 'pass@' + k }), ' ',
      h('span', { class: 'value', text: pct(r.pass_at_k[k]) }),
      r.standard_error && r.standard_error[k] !== undefined ? h('span', { class: 'se', text: ' ' + pp(r.standard_error[k]) }) : '',
      plusOf(r, k) !== undefined ? h('span', { class: 'plus', text: ' · plus ' + pct(plusOf(r, k)) }) : ''));
    const share = r.samples_total > 0 ? r.samples_scored / r.samples_total : 0;
    return h('tr', { class: r.run_id === selectedId ? 'selected' : '', 'data-run-id': r.run_id, title: r.run_id,
      onclick: () => onSelect(r.run_id) },
      h('td', {}, h('div', { text: r.model }), h('div', { class: 'mono muted small', text: shortId(r.run_id, r.model) })),
      h('td', { class: 'muted', title: r.dataset, text: shortDataset(r.dataset) }),
      h('td', { class: 'num', text: r.temperature }),
      h('td', { class: 'num', text: r.n }),
      h('td', { class: 'progress-cell' },
        h('div', { class: 'bar bar-small' }, h('div', { class: 'bar-fill', style: { width: (100 * share).toFixed(2) + '%' } })),
        h('span', { class: 'num small', text: count(r.samples_scored) + ' / ' + count(r.samples_total) })),
      h('td', { class: 'num', text: r.tasks_scored + ' / ' + r.tasks_total }),
      h('td', { class: 'num' + (r.samples_lost > 0 || r.samples_errored > 0 ? ' warn' : ''),
        title: 'samples lost on the way (dead letters) / samples the executor could not run; neither is in pass@k',
        text: (r.samples_lost || 0) + ' / ' + r.samples_errored }),
      h('td', { class: 'passk-cell' }, figures.length ? figures : h('span', { class: 'muted', text: '–' })),
      h('td', {}, stateBadge(r)));
  });
  return h('table', { class: 'table runs-table' },
    h('thead', {}, h('tr', {}, ['Model · run', 'Dataset', 'T', 'n', 'Samples scored', 'Tasks', 'Lost / errors', 'pass@k', 'State']
      .map((t, i) => h('th', { class: [2, 3, 5, 6].includes(i) ? 'num' : '', text: t })))),
    h('tbody', {}, rows));
}

/** Colour of a task cell: red (no sample passes) through amber to green (all pass). */
export function shade(share) {
  const stops = [[0, [229, 72, 77]], [0.5, [245, 185, 66]], [1, [47, 158, 107]]];
  const i = share <= 0.5 ? 0 : 1;
  const [a, ca] = stops[i];
  const [b, cb] = stops[i + 1];
  const t = (share - a) / (b - a);
  const c = ca.map((v, j) => Math.round(v + (cb[j] - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function taskGrid(run, tasks) {
  const cells = tasks.map(t => {
    const pending = t.n === 0;
    const passK = ksOf(t.pass_at_k).map(k => `pass@${k} ${pct(t.pass_at_k[k])}`).join(', ');
    return h('div', {
      class: 'task-cell' + (pending ? ' pending' : ''), 'data-task': t.task_id, 'data-n': t.n, 'data-c': t.c,
      style: pending ? {} : { background: shade(t.c / t.n) },
      title: `${t.task_id}: ${t.c} of ${t.n} samples pass` + (t.errors ? `, ${t.errors} errors pending` : '') + (passK ? ' · ' + passK : ''),
    });
  });
  for (let i = tasks.length; i < run.tasks_total; i++) {
    cells.push(h('div', { class: 'task-cell waiting', title: 'no verdict yet' }));
  }
  const legend = h('div', { class: 'legend' },
    h('span', { text: 'share of samples passing (c / n)' }),
    h('span', { class: 'legend-scale' }, h('span', { text: '0' }), h('span', { class: 'legend-gradient' }), h('span', { text: '1' })),
    h('span', { class: 'legend-item' }, h('span', { class: 'task-cell waiting' }), 'not scored yet'));
  return h('div', { class: 'task-grid-wrap' },
    h('div', { class: 'section-sub' },
      h('h3', { text: 'Tasks' }),
      h('span', { class: 'muted', text: `one cell per task · ${tasks.filter(t => t.n > 0).length} of ${run.tasks_total} with verdicts` })),
    h('div', { class: 'task-grid', id: 'task-grid' }, cells), legend);
}

/** The selected run: progress, pass@k with what stands behind it, and the per-task grid. */
export function runPanel(run, tasks, pinned, onFollow) {
  if (!run) {
    return h('div', { class: 'card empty-card' }, h('p', { class: 'empty-note', text: 'Waiting for a run…' }));
  }
  const ks = ksOf(run.pass_at_k);
  const figures = ks.length === 0
    ? [h('div', { class: 'figure figure-empty' }, h('div', { class: 'figure-k', text: 'pass@k' }),
        h('div', { class: 'figure-value', text: '–' }), h('div', { class: 'figure-support', text: 'no verdict yet' }))]
    : ks.map(k => h('div', { class: 'figure passk-figure', 'data-k': k, 'data-value': run.pass_at_k[k] },
        h('div', { class: 'figure-k', text: 'pass@' + k }),
        h('div', { class: 'figure-value' }, pct(run.pass_at_k[k]),
          run.standard_error && run.standard_error[k] !== undefined
            ? h('span', { class: 'figure-se', text: ' ' + pp(run.standard_error[k]) }) : ''),
        plusOf(run, k) !== undefined
          ? h('div', { class: 'figure-plus', 'data-plus': plusOf(run, k), title: 'on the base and the extra tests (evalplus)' },
              'plus ', h('strong', { text: pct(plusOf(run, k)) }))
          : '',
        h('div', { class: 'figure-support', text: support(run.tasks_scored, run.samples_scored) })));
  const omitted = (run.ks || []).filter(k => !ks.includes(k));
  return h('div', { class: 'card run-panel', id: 'run-panel', 'data-run-id': run.run_id },
    h('div', { class: 'card-head' },
      h('div', {},
        h('h2', {}, 'Run ', h('span', { class: 'mono', text: run.run_id })),
        h('div', { class: 'meta' }, [
          ['model', run.model], ['dataset', shortDataset(run.dataset)], ['backend', run.backend],
          ['temperature', run.temperature], ['n', run.n], ['k', (run.ks || []).join(', ')],
        ].map(([name, value]) => h('span', { class: 'meta-item' }, h('span', { class: 'muted', text: name + ' ' }), String(value))))),
      h('div', { class: 'card-head-right' }, h('span', { id: 'run-state' }, stateBadge(run)),
        pinned ? h('button', { class: 'link-button', onclick: onFollow, text: 'follow latest run' }) : '')),
    h('div', { class: 'run-body' },
      h('div', { class: 'progress-col' },
        progress('run-samples', 'Samples scored', run.samples_scored, run.samples_total,
          [run.samples_lost > 0 ? h('span', { class: 'warn', text: ` · ${run.samples_lost} lost (dead letters), not in pass@k` }) : '',
           run.samples_errored > 0 ? h('span', { class: 'warn', text: ` · ${run.samples_errored} errored, not in pass@k` }) : '']),
        progress('run-tasks', 'Tasks scored', run.tasks_scored, run.tasks_total)),
      h('div', { class: 'figures' }, figures)),
    omitted.length ? h('p', { class: 'note', text: `pass@${omitted.join(', pass@')} not reported: k must not exceed n of every scored task.` }) : '',
    taskGrid(run, tasks || []));
}

/** One model: pass@k by temperature, the best temperature per k, log-probability ranking, and the curves. */
export function modelCard(table) {
  const rows = table.temperatures || [];
  const ks = [...new Set(rows.flatMap(r => ksOf(r.pass_at_k)))].sort((a, b) => a - b);
  const best = table.best_temperature || {};
  const colour = i => PALETTE[i % PALETTE.length];

  const head = h('tr', {}, h('th', { text: 'Temperature · run' }), h('th', { class: 'num', text: 'Tasks' }),
    h('th', { class: 'num', text: 'Samples' }), ks.map(k => h('th', { class: 'num', text: 'pass@' + k })));
  const body = rows.map((r, i) => h('tr', { 'data-temperature': r.temperature, 'data-samples': r.samples_scored,
    'data-complete': String(r.complete) },
    h('td', { title: r.run_id },
      h('div', {}, h('span', { class: 'swatch', style: { background: colour(i) } }), 'T = ' + r.temperature,
        r.complete ? '' : h('span', { class: 'badge badge-running badge-small', text: 'running' })),
      h('div', { class: 'mono muted small', text: shortId(r.run_id, table.model) })),
    h('td', { class: 'num', text: count(r.tasks_scored) }),
    h('td', { class: 'num', text: count(r.samples_scored) }),
    ks.map(k => {
      const v = r.pass_at_k[k];
      if (v === undefined) return h('td', { class: 'num muted', text: '–' });
      const isBest = best[k] && best[k].run_id === r.run_id && rows.length > 1;
      return h('td', { class: 'num' + (isBest ? ' best' : '') }, pct(v),
        r.standard_error && r.standard_error[k] !== undefined ? h('span', { class: 'se', text: ' ' + pp(r.standard_error[k]) }) : '');
    })));

  const bestList = Object.entries(best).map(([k, b]) => {
    const row = rows.find(r => r.run_id === b.run_id);
    return h('li', {}, h('span', { class: 'k', text: 'pass@' + k }), ' best at ', h('strong', { text: 'T = ' + b.temperature }),
      ': ' + pct(b.pass_at_k),
      row ? h('span', { class: 'muted', text: ' (' + support(row.tasks_scored, row.samples_scored) + ')' }) : '');
  });

  const ranked = rows.filter(r => r.ranking);
  const ranking = ranked.length === 0 ? '' : h('div', { class: 'ranking' },
    h('h4', { text: 'Choosing one sample per task by log-probability (pass@1)' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, ['T', 'Tasks ranked', 'Highest mean log-p', 'Highest sum log-p', 'Random', 'Oracle']
        .map((t, i) => h('th', { class: i ? 'num' : '', text: t })))),
      h('tbody', {}, ranked.map(r => h('tr', {},
        h('td', { text: r.temperature }), h('td', { class: 'num', text: count(r.ranking.tasks_ranked) }),
        [r.ranking.mean_logprob, r.ranking.sum_logprob, r.ranking.random, r.ranking.oracle]
          .map(v => h('td', { class: 'num', text: pct(v) }))))))));

  const series = rows.map((r, i) => ({
    label: 'T = ' + r.temperature, color: colour(i),
    points: ksOf(r.pass_at_k).map(k => ({ k, value: r.pass_at_k[k], se: (r.standard_error || {})[k] || 0 })),
  }));
  const legend = h('div', { class: 'chart-legend' }, rows.map((r, i) => h('span', { class: 'legend-item' },
    h('span', { class: 'swatch', style: { background: colour(i) } }),
    'T = ' + r.temperature, h('span', { class: 'muted', text: ' · ' + support(r.tasks_scored, r.samples_scored) }))));

  return h('div', { class: 'card model-card', 'data-model': table.model },
    h('div', { class: 'card-head' }, h('h2', {}, h('span', { class: 'muted', text: 'Model ' }), table.model),
      h('span', { class: 'muted', text: rows.length + (rows.length === 1 ? ' temperature' : ' temperatures') })),
    h('div', { class: 'model-body' },
      h('div', { class: 'model-tables' },
        h('div', { class: 'table-wrap' }, h('table', { class: 'table model-table' }, h('thead', {}, head), h('tbody', {}, body))),
        bestList.length ? h('div', { class: 'best' }, h('h4', { text: 'Best temperature per k' }), h('ul', {}, bestList)) : '',
        ranking),
      h('figure', { class: 'chart-wrap' },
        passAtKChart(series, 'pass@k versus k for ' + table.model),
        legend,
        h('figcaption', { class: 'muted', text: 'Bars: ± one standard error across tasks.' }))));
}
