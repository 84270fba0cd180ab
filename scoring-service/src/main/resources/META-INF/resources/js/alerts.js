// The main page's list of regression alerts (GET /alerts), newest first. Alerts are rare and
// each is published once, so a fetch every few seconds keeps the list current without a stream.
import { h, pct } from './dom.js';

const EVERY_MS = 5000;

function alertsTable(alerts) {
  if (alerts.length === 0) {
    return h('p', { class: 'empty-note', text: 'No regression alerts: no checkpoint has fallen significantly below the previous one of its plan.' });
  }
  const rows = alerts.slice().reverse().map(a => h('tr', { title: a.run_id },
    h('td', {}, h('div', { text: a.family }), h('div', { class: 'mono muted small', text: a.plan })),
    h('td', {}, h('a', { href: '#run=' + encodeURIComponent(a.run_id), text: a.checkpoint }),
      h('span', { class: 'muted', text: ' vs ' }),
      h('a', { href: '#run=' + encodeURIComponent(a.baseline_run_id), text: a.baseline })),
    h('td', { class: 'num', text: 'pass@' + a.k + ' ' + pct(a.baseline_value) + ' → ' + pct(a.value) }),
    h('td', { class: 'num warn', text: (100 * a.delta).toFixed(2) }),
    h('td', { class: 'num', text: a.p_value.toPrecision(2) }),
    h('td', { class: 'mono small', text: a.tasks_regressed.slice(0, 5).join(', ') + (a.tasks_regressed.length > 5 ? ', …' : '') }),
    h('td', { class: 'muted small', text: new Date(a.at).toISOString().slice(0, 19) + 'Z' })));
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, ['Family · plan', 'Checkpoint vs baseline', 'pass@k', 'Δ points', 'p (drop)', 'Tasks that fell most', 'At']
      .map((t, i) => h('th', { class: [2, 3, 4].includes(i) ? 'num' : '', text: t })))),
    h('tbody', {}, rows));
}

async function refresh() {
  const box = document.getElementById('alerts');
  try {
    const answer = await fetch('alerts');
    if (answer.ok) {
      const alerts = await answer.json();
      document.getElementById('alert-count').textContent = alerts.length + (alerts.length === 1 ? ' alert' : ' alerts');
      box.replaceChildren(alertsTable(alerts));
    }
  } catch (e) {
    // the scorer is restarting: the next refresh tries again
  }
}

refresh();
setInterval(refresh, EVERY_MS);
