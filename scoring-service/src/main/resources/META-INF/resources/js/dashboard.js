// The live dashboard: state from the scorer's REST tables, kept current by its SSE stream.
import { h, showConnection, showNotice } from './dom.js';
import { connect, throttle, getJson, reader } from './live.js';
import { runsTable, runPanel, modelCard, familiesList } from './views.js';

const REFRESH_MS = 400;     // at most this often per table re-read while a run is filling
const NOT_READY_RETRY_MS = 1000;

const state = {
  runs: new Map(),          // run_id -> RunView, from GET /runs and every SSE event
  models: new Map(),        // model -> ModelTableView (GET /models/{model})
  tasks: new Map(),         // run_id -> [TaskView] of the selected run (GET /runs/{id}/tasks)
  selected: null,
  pinned: false,            // true once the user chose a run; otherwise the newest run is shown
  lastEvent: null,
};

const $ = id => document.getElementById(id);
const newestFirst = () => [...state.runs.values()].sort((a, b) => b.created_at - a.created_at || (a.run_id < b.run_id ? 1 : -1));

const render = throttle(() => {
  const run = state.runs.get(state.selected);
  $('run-section').replaceChildren(runPanel(run, state.tasks.get(state.selected), state.pinned, follow));
  $('runs').replaceChildren(runsTable(newestFirst(), state.selected, select));
  const families = [...new Set([...state.runs.values()].map(r => r.family).filter(Boolean))].sort();
  $('families-card').hidden = families.length === 0;
  $('families').replaceChildren(familiesList(families, [...state.runs.values()]));
  const models = [...state.models.values()].sort((a, b) => a.model.localeCompare(b.model));
  $('models').replaceChildren(...(models.length ? models.map(modelCard)
    : [h('p', { class: 'empty-note', text: 'No model has a scored run yet.' })]));
  $('run-count').textContent = state.runs.size ? `${state.runs.size} ${state.runs.size === 1 ? 'run' : 'runs'}` : '';
  if (state.lastEvent) $('last-update').textContent = 'updated ' + state.lastEvent.toLocaleTimeString();
}, 100);

const tasksPath = id => 'runs/' + encodeURIComponent(id) + '/tasks';
const refreshTasks = reader(() => state.selected && tasksPath(state.selected), (body, key) => {
  if (key === tasksPath(state.selected)) state.tasks.set(state.selected, body); // still the run shown
  render();
}, REFRESH_MS);

const modelReaders = new Map();
function refreshModel(model) {
  if (!modelReaders.has(model)) {
    modelReaders.set(model, reader(() => 'models/' + encodeURIComponent(model),
      body => { state.models.set(model, body); render(); }, REFRESH_MS * 2));
  }
  modelReaders.get(model)();
}

function select(id) {
  state.pinned = true;
  show(id);
  history.replaceState(null, '', '#run=' + encodeURIComponent(id));
}

function follow() {
  state.pinned = false;
  history.replaceState(null, '', location.pathname);
  const newest = newestFirst()[0];
  if (newest) show(newest.run_id);
}

function show(id) {
  if (state.selected !== id) {
    state.selected = id;
    refreshTasks();
  }
  render();
}

/** A RunView pushed by the scorer. */
function onRun(view) {
  const isNew = !state.runs.has(view.run_id);
  state.runs.set(view.run_id, view);
  state.lastEvent = new Date();
  if (!state.pinned && (isNew || !state.selected)) {
    const newest = newestFirst()[0];
    if (newest.run_id !== state.selected) show(newest.run_id);
  }
  if (view.run_id === state.selected) refreshTasks();
  refreshModel(view.model);
  render();
}

/** Reads every table afresh: at start and after each reconnect, events may have been missed. */
let resyncTimer = null;
async function resync() {
  clearTimeout(resyncTimer); // one retry loop, however many reconnects asked for it
  const runs = await getJson('runs');
  if (!runs.ok) {
    showNotice(runs.status === 503
      ? 'The scorer\'s tables are not queryable yet (rebalancing or starting); retrying…'
      : 'Could not read the runs (' + (runs.status || 'no answer') + '); retrying…');
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(resync, NOT_READY_RETRY_MS);
    return;
  }
  showNotice('');
  for (const view of runs.body) state.runs.set(view.run_id, view);
  const fromHash = decodeURIComponent((location.hash.match(/run=([^&]+)/) || [])[1] || '');
  if (fromHash && state.runs.has(fromHash)) {
    state.pinned = true;
    state.selected = fromHash;
  } else if (!state.pinned && state.runs.size) {
    state.selected = newestFirst()[0].run_id;
  }
  new Set([...state.runs.values()].map(r => r.model)).forEach(refreshModel);
  refreshTasks();
  render();
}

connect('events', { onEvent: onRun, onOpen: resync, onState: showConnection });
render();
