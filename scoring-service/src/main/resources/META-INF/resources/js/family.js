// One model family's page: pass@k against step, its alerts and its runs, kept current by the SSE stream.
import { showConnection, showNotice } from './dom.js';
import { connect, throttle, getJson, reader } from './live.js';
import { familyChart, checkpointsTable, alertsView } from './family-views.js';

const REFRESH_MS = 500;     // at most this often a history re-read while the family's runs fill
const ALERT_SETTLE_MS = 2000;

const family = new URLSearchParams(location.search).get('family') || '';
const historyPath = 'families/' + encodeURIComponent(family) + '/history';
const alertsPath = 'alerts?family=' + encodeURIComponent(family);
const state = {
  history: null,            // HistoryView
  alerts: null,             // [alert], 'missing' (404: no alerts endpoint) or an error text
  runs: new Set(),          // run ids in the history: an event for one of them is this family's
  lastEvent: null,
};
const $ = id => document.getElementById(id);

const render = throttle(() => {
  $('family-name').textContent = family;
  document.title = 'evalstream · ' + family;
  const h = state.history;
  if (h) {
    $('family-count').textContent = `${h.checkpoints.length} ${h.checkpoints.length === 1 ? 'checkpoint' : 'checkpoints'}`;
    $('family-chart').replaceChildren(...familyChart(h));
    $('checkpoints').replaceChildren(checkpointsTable(h));
  }
  $('alerts').replaceChildren(alertsView(state.alerts, family));
  if (state.lastEvent) $('last-update').textContent = 'updated ' + state.lastEvent.toLocaleTimeString();
}, 100);

const refreshHistory = reader(() => historyPath, body => {
  state.history = body;
  state.runs = new Set(body.checkpoints.flatMap(c => c.runs.map(r => r.run_id)));
  showNotice('');
  render();
}, REFRESH_MS, r => showNotice('Could not read the history (' + (r.status || 'no answer') + ').'));

const refreshAlerts = throttle(async () => {
  const r = await getJson(alertsPath);
  state.alerts = r.ok ? r.body : r.status === 404 ? 'missing' : 'Could not read the alerts (' + (r.status || 'no answer') + ').';
  render();
}, REFRESH_MS);

/** A RunView pushed by the scorer: re-read the history when it is one of this family's runs. */
function onRun(view) {
  if (view.family !== family && !state.runs.has(view.run_id)) return;
  state.lastEvent = new Date();
  refreshHistory();
  if (view.complete) { // alerts are judged when a run completes, a commit or so after its last figure
    refreshAlerts();
    setTimeout(refreshAlerts, ALERT_SETTLE_MS);
  }
  render();
}

$('history-link').href = historyPath;
$('alerts-link').href = alertsPath;
connect('events', { onEvent: onRun, onOpen: () => { refreshHistory(); refreshAlerts(); }, onState: showConnection });
render();
