// The call page: lobby → microphone → call. Wires the signaling client, the peer mesh, the outgoing audio
// with its noise suppressor and the live views together; owns no DSP (see suppression.js).
import { SignalingClient, signalingUrl } from './signaling.js';
import { PeerMesh } from './mesh.js';
import { LocalAudio, analyser } from './local-audio.js';
import { LevelMeter, Spectrogram, levelDb } from './visuals.js';
import { chooseModel, createSuppressor, describe } from './suppression.js';

const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const FRAME_MS = 10;
const NO_LIMIT_DB = 60;
/** Visuals redraw at most 20 times a second; with reduced motion only the meters move, twice a second. */
const VISUALS_FRAME_MS = 50;
const REDUCED_MOTION_FRAME_MS = 500;
const reducedMotion = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : { matches: false };
const $ = (id) => document.getElementById(id);

const app = {
  local: null,
  signaling: null,
  mesh: null,
  model: null,
  tiles: new Map(),
  room: null,
  token: null,
  frame: 0,
};
// For tests and the curious: the live objects of the call (read-only use).
window.hush = app;

// ---------- lobby ----------

function initLobby() {
  const params = new URLSearchParams(location.search);
  $('name').value = params.get('name') ?? localStorage.getItem('hush.name') ?? '';
  if (params.get('room')) $('room').value = params.get('room');
  app.token = params.get('token');
  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    join();
  });
  $('create').addEventListener('click', createRoom);
  (($('name').value && !$('room').value) ? $('room') : $('name')).focus();
}

/** Accepts a bare room name or a pasted invite link (…/?room=x&token=y). */
function parseRoom(text) {
  const value = text.trim();
  if (value.includes('room=')) {
    try {
      const url = new URL(value, location.href);
      return { room: url.searchParams.get('room') ?? '', token: url.searchParams.get('token') };
    } catch {
      return { room: value, token: null };
    }
  }
  return { room: value, token: app.token };
}

function lobbyError(text) {
  $('lobby-error').textContent = text;
}

async function createRoom() {
  lobbyError('');
  try {
    const response = await fetch('/api/rooms', { method: 'POST' });
    if (!response.ok) throw new Error(`the server refused (HTTP ${response.status})`);
    const body = await response.json();
    $('room').value = body.room;
    app.token = body.token ?? null;
    await join();
  } catch (e) {
    lobbyError(`Could not create a room: ${e.message}`);
  }
}

async function join() {
  lobbyError('');
  const name = $('name').value.trim();
  const { room, token } = parseRoom($('room').value);
  if (!name) {
    lobbyError('Please enter your name.');
    $('name').focus();
    return;
  }
  if (!ROOM_PATTERN.test(room)) {
    lobbyError('A room name is 1–64 letters, digits, "-" or "_" (or paste an invite link).');
    $('room').focus();
    return;
  }
  localStorage.setItem('hush.name', name);
  app.room = room;
  app.token = token;
  setBusy(true);
  try {
    await enterCall(name, $('echo-cancellation').checked);
  } catch (e) {
    leave(false);
    lobbyError(e.message);
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  $('join').disabled = busy;
  $('create').disabled = busy;
}

// ---------- call ----------

async function enterCall(name, echoCancellation) {
  app.model = await chooseModel();
  try {
    app.local = await LocalAudio.open({
      deviceId: localStorage.getItem('hush.mic'), echoCancellation, model: app.model,
    });
  } catch (e) {
    if (e.name === 'OverconstrainedError') {
      localStorage.removeItem('hush.mic');
      app.local = await LocalAudio.open({ echoCancellation, model: app.model });
    } else {
      throw new Error(e.name === 'NotAllowedError'
        ? 'Microphone access was denied. Allow it in the address bar and try again.'
        : `No microphone: ${e.message}`);
    }
  }
  const certificate = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
  app.signaling = new SignalingClient(signalingUrl(), { room: app.room, name, token: app.token });
  app.mesh = new PeerMesh(app.signaling, { track: app.local.track, stream: app.local.stream, certificate });
  wireMesh(app.mesh);
  app.signaling.addEventListener('state', (e) => showConnection(e.detail));
  try {
    await app.signaling.start();
  } catch (e) {
    throw new Error(joinErrorText(e.code, e.message));
  }
  showCall();
}

function joinErrorText(code, message) {
  switch (code) {
    case 'room-full': return `That room is full. ${message}`;
    case 'token-required':
    case 'token-invalid':
    case 'token-expired': return `This server needs a valid invite link for that room (${message}).`;
    default: return `Could not join: ${message}`;
  }
}

function showCall() {
  document.body.dataset.phase = 'call';
  $('lobby').hidden = true;
  $('call').hidden = false;
  $('room-label').textContent = `Room ${app.room}`;
  const url = new URL(location.href);
  url.search = '';
  url.searchParams.set('room', app.room);
  if (app.token) url.searchParams.set('token', app.token);
  history.replaceState(null, '', url.pathname + url.search);
  $('invite-link').value = url.href;

  const local = app.local;
  local.addEventListener('change', renderSuppressor);
  $('ns-toggle').addEventListener('click', () => toggleSuppression());
  $('atten-limit').addEventListener('input', onLimit);
  $('mute').addEventListener('click', () => setMuted(!local.muted));
  $('leave').addEventListener('click', () => leave(true));
  $('copy-link').addEventListener('click', copyLink);
  $('mic-select').addEventListener('change', (e) => switchMic(e.target.value));
  navigator.mediaDevices.addEventListener('devicechange', listMicrophones);
  document.addEventListener('keydown', onShortcut);
  listMicrophones();
  renderSuppressor();
  renderPeersEmpty();

  app.inMeter = new LevelMeter($('meter-in'), local.inputAnalyser);
  app.outMeter = new LevelMeter($('meter-out'), local.outputAnalyser);
  app.spectrogram = new Spectrogram($('spectrogram'), [local.inputAnalyser, local.outputAnalyser],
    local.context.sampleRate);
  app.statsTimer = setInterval(renderStats, 250);
  app.visualsTimer = setTimeout(animate, 0);
  $('ns-toggle').focus();
}

function animate() {
  if (!app.local) return;
  // Without a GPU, any moving pixels keep the compositor drawing the page: measured at a third of a core per
  // page in headless Chromium, more than the suppressor. People who ask for reduced motion get (nearly) none.
  const still = reducedMotion.matches;
  app.visualsTimer = setTimeout(() => requestAnimationFrame(animate), still ? REDUCED_MOTION_FRAME_MS : VISUALS_FRAME_MS);
  app.inMeter.update();
  app.outMeter.update();
  if (!still) app.spectrogram.update();
  for (const tile of app.tiles.values()) tile.meter?.update();
}

function toggleSuppression(on = !app.local.enabled) {
  app.local.enabled = on;
}

function onLimit() {
  const db = Number($('atten-limit').value);
  const unlimited = db >= NO_LIMIT_DB;
  app.local.setAttenuationLimit(unlimited ? Infinity : db);
  $('atten-limit-value').textContent = unlimited ? 'no limit' : `${db} dB`;
  for (const tile of app.tiles.values()) {
    if (tile.suppressor) tile.suppressor.attenuationLimitDb = unlimited ? Infinity : db;
  }
}

function setMuted(muted) {
  app.local.setMuted(muted);
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? 'Unmute' : 'Mute';
}

function onShortcut(e) {
  if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'n' || e.key === 'N') {
    toggleSuppression();
  } else if (e.key === 'm' || e.key === 'M') {
    setMuted(!app.local.muted);
  }
}

const STATE_TEXT = {
  loading: () => 'Loading the noise suppressor… your microphone is sent as is until it is ready.',
  ready: () => 'Noise suppression is running.',
  overload: (r) => `Your computer is too slow right now: suppression bypassed automatically (${r}). It retries by itself.`,
  unsupported: (r) => `This browser cannot run the noise suppressor (${r}). Your microphone is sent as is.`,
  'model-failed': (r) => `The noise model could not be used (${r}). Your microphone is sent as is.`,
  failed: (r) => `The noise suppressor failed (${r}). Your microphone is sent as is.`,
};

function renderSuppressor() {
  const local = app.local;
  const { state, reason } = local.status();
  const el = $('ns-state');
  el.dataset.state = state;
  el.textContent = STATE_TEXT[state](reason);
  const on = local.enabled;
  const toggle = $('ns-toggle');
  const usable = state === 'ready' || state === 'overload' || state === 'loading';
  toggle.setAttribute('aria-checked', String(on && usable));
  toggle.disabled = !usable;
  toggle.querySelector('.switch-value').textContent = !usable ? 'unavailable' : on ? 'on' : 'off';
  document.body.dataset.suppression = !usable ? 'passthrough' : on ? 'on' : 'off';
  if (state === 'ready' && !on) el.textContent = 'Noise suppression is off: your microphone is sent as is.';
  $('mute').setAttribute('aria-pressed', String(local.muted));
}

function renderStats() {
  if (!app.local) return;
  renderSuppressor();
  const node = app.local.suppressor;
  const s = node ? node.stats() : null;
  const ms = s?.computeMsPerFrame;
  $('stat-attenuation').textContent = s && Number.isFinite(s.meanAttenuationDb) && s.state === 'ready'
    ? `${s.meanAttenuationDb.toFixed(1)} dB` : '–';
  const diff = app.inMeter.db - app.outMeter.db;
  $('stat-level-diff').textContent = `${diff.toFixed(1)} dB`;
  $('stat-compute').textContent = ms != null && s.state === 'ready' ? `${ms.toFixed(2)} ms` : '–';
  $('stat-realtime').textContent = ms != null && s.state === 'ready' ? `${((100 * ms) / FRAME_MS).toFixed(1)} %` : '–';
  $('stat-latency').textContent = s?.latencySamples != null
    ? `${((1000 * s.latencySamples) / app.local.context.sampleRate).toFixed(1)} ms` : '–';
  // With no usable model list the suppressor runs its classic (model-free) estimator: say why.
  $('stat-model').textContent = app.model?.note ? `classic estimator (${app.model.note})`
    : (s?.modelVersion ?? app.model?.label ?? '–');
}

async function listMicrophones() {
  const select = $('mic-select');
  let devices = [];
  try {
    devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
  } catch {
    // enumerateDevices is unavailable: keep whatever the list shows.
    return;
  }
  select.replaceChildren(...devices.map((d, i) => {
    const option = document.createElement('option');
    option.value = d.deviceId;
    option.textContent = d.label || `Microphone ${i + 1}`;
    option.selected = d.deviceId === app.local?.deviceId;
    return option;
  }));
}

async function switchMic(deviceId) {
  $('call-error').textContent = '';
  try {
    await app.local.switchMicrophone(deviceId);
    localStorage.setItem('hush.mic', deviceId);
  } catch (e) {
    $('call-error').textContent = `Could not switch the microphone: ${e.message}`;
    listMicrophones();
  }
}

async function copyLink() {
  const link = $('invite-link').value;
  const button = $('copy-link');
  try {
    await navigator.clipboard.writeText(link);
    button.textContent = 'Copied!';
  } catch {
    // No clipboard permission (or an insecure context): let the user copy it by hand.
    const input = $('invite-link');
    input.classList.add('shown');
    input.focus();
    input.select();
    button.textContent = 'Select and copy the link';
  }
  setTimeout(() => { button.textContent = 'Copy invite link'; }, 2500);
}

const CONNECTION_TEXT = {
  connecting: 'connecting…',
  joined: 'connected',
  reconnecting: 'server connection lost: reconnecting…',
  failed: 'could not join',
  closed: 'left',
};

function showConnection({ state, message }) {
  const badge = $('conn-state');
  badge.dataset.state = state;
  badge.textContent = CONNECTION_TEXT[state] ?? state;
  if (state === 'failed' && document.body.dataset.phase === 'call') {
    $('call-error').textContent = `The server refused to take us back into the room: ${message ?? ''}`;
  }
}

function leave(toLobby) {
  clearInterval(app.statsTimer);
  clearTimeout(app.visualsTimer);
  document.removeEventListener('keydown', onShortcut);
  for (const tile of app.tiles.values()) removeTile(tile);
  app.mesh?.closeAll();
  app.signaling?.close();
  app.local?.close();
  app.local = null;
  app.mesh = null;
  app.signaling = null;
  if (toLobby) {
    // A fresh page is the simplest clean state; the room stays in the address so rejoining is one click.
    location.assign(`${location.pathname}?room=${encodeURIComponent(app.room)}${app.token ? `&token=${encodeURIComponent(app.token)}` : ''}`);
  }
}

// ---------- remote peers ----------

function wireMesh(mesh) {
  mesh.addEventListener('peer-added', (e) => addTile(e.detail));
  mesh.addEventListener('peer-stream', (e) => attachStream(e.detail));
  mesh.addEventListener('peer-state', (e) => renderPeer(e.detail));
  mesh.addEventListener('peer-removed', (e) => {
    const tile = app.tiles.get(e.detail.id);
    if (tile) removeTile(tile);
  });
}

function addTile(peer) {
  const node = $('peer-template').content.firstElementChild.cloneNode(true);
  node.dataset.peerId = peer.id;
  node.querySelector('.peer-name').textContent = peer.name;
  const tile = { peer, node, audio: node.querySelector('audio'), meter: null, source: null, suppressor: null };
  node.querySelector('.peer-suppress').addEventListener('change', (e) => suppressIncoming(tile, e.target.checked));
  app.tiles.set(peer.id, tile);
  $('peers').append(node);
  renderPeer(peer);
  renderPeersEmpty();
}

function attachStream(peer) {
  const tile = app.tiles.get(peer.id);
  if (!tile) return;
  // The element plays the call (and keeps the remote track flowing into Web Audio too).
  tile.audio.srcObject = peer.stream;
  tile.audio.play().catch(() => {
    $('call-error').textContent = 'Click anywhere to hear the others (the browser blocked autoplay).';
    document.addEventListener('click', () => { tile.audio.play().catch(() => {}); $('call-error').textContent = ''; }, { once: true });
  });
  const ctx = app.local.context;
  tile.source?.disconnect();
  tile.source = ctx.createMediaStreamSource(peer.stream);
  tile.analyser = analyser(ctx);
  tile.source.connect(tile.analyser);
  tile.meter = new LevelMeter(tile.node.querySelector('.meter'), tile.analyser);
  tile.node.querySelector('.meter').setAttribute('aria-label', `${peer.name}'s level`);
  if (tile.suppressor) tile.source.connect(tile.suppressor);
}

function renderPeer(peer) {
  const tile = app.tiles.get(peer.id);
  if (!tile) return;
  const label = peer.stale ? 'reconnecting…' : ({ new: 'connecting…', connecting: 'connecting…', connected: 'connected', disconnected: 'connection unstable', failed: 'connection failed' }[peer.state] ?? peer.state);
  const badge = tile.node.querySelector('.peer-state');
  badge.textContent = label;
  badge.dataset.state = peer.stale ? 'stale' : peer.state;
  tile.node.dataset.state = peer.stale ? 'stale' : peer.state;
}

function renderPeersEmpty() {
  $('alone').hidden = app.tiles.size > 0;
}

/**
 * Optional: clean up what a peer sends us (for peers without Hush). Their stream goes through its own
 * suppressor to the speakers; the <audio> element is muted meanwhile but keeps playing (it keeps the track live).
 */
async function suppressIncoming(tile, on) {
  const note = tile.node.querySelector('.peer-ns');
  if (!on) {
    tile.suppressorOut?.disconnect();
    tile.audio.muted = false;
    note.textContent = '';
    return;
  }
  if (!tile.suppressor) {
    note.textContent = 'Loading…';
    const { node, reason } = await createSuppressor(app.local.context, app.model);
    if (!node) {
      note.textContent = `Not available: ${reason}`;
      tile.node.querySelector('.peer-suppress').checked = false;
      return;
    }
    tile.suppressor = node;
    const limit = Number($('atten-limit').value);
    if (limit < NO_LIMIT_DB) node.attenuationLimitDb = limit;
    tile.source?.connect(node);
    tile.suppressorOut = node;
    await node.ready;
  }
  if (!tile.node.querySelector('.peer-suppress').checked) return;
  const { state, reason } = describe(tile.suppressor);
  if (state !== 'ready' && state !== 'overload') {
    note.textContent = `Not available (${reason}): you hear them as they are.`;
    return;
  }
  tile.suppressor.connect(app.local.context.destination);
  tile.audio.muted = true;
  note.textContent = 'You hear them through your own noise suppressor.';
}

function removeTile(tile) {
  tile.source?.disconnect();
  tile.suppressor?.disconnect();
  tile.audio.srcObject = null;
  tile.node.remove();
  app.tiles.delete(tile.peer.id);
  renderPeersEmpty();
}

// Exposed for tests: the level (dBFS) a remote peer's tile measures right now.
app.peerLevelDb = (id) => {
  const tile = app.tiles.get(id);
  return tile?.analyser ? levelDb(tile.analyser) : null;
};

initLobby();
