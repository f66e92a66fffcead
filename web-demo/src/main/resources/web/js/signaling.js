// Signaling client for the Hush server's WebSocket protocol v1 (docs/protocol.md): join a room, relay
// offers/answers/candidates to one peer, keep the connection alive, and come back by itself when the
// connection drops (the media between peers is peer-to-peer and carries on meanwhile).

const PROTOCOL_VERSION = 1;
const BACKOFF_MS = [250, 500, 1000, 2000, 3000];
/** Errors after which trying again cannot help: the user has to change something. */
const FATAL_JOIN_ERRORS = new Set(['room-full', 'token-required', 'token-invalid', 'token-expired',
  'unsupported-version', 'bad-message']);

export class SignalingClient extends EventTarget {
  /** url: ws(s)://host/ws; the room is joined with {room, name, token} once connected, again after every reconnect. */
  constructor(url, { room, name, token = null }) {
    super();
    this.url = url;
    this.room = room;
    this.name = name;
    this.token = token;
    this.peerId = null;
    this.iceServers = [];
    this.state = 'idle';
    this._ws = null;
    this._attempt = 0;
    this._closedByUser = false;
    this._pingTimer = null;
    this._retryTimer = null;
    this._joinedOnce = false;
  }

  /** Opens the connection and joins; resolves with the first 'joined' message, rejects on a fatal join error. */
  start() {
    return new Promise((resolve, reject) => {
      const onJoined = (e) => { cleanup(); resolve(e.detail); };
      const onFatal = (e) => { cleanup(); reject(Object.assign(new Error(e.detail.message), { code: e.detail.code })); };
      const cleanup = () => {
        this.removeEventListener('joined', onJoined);
        this.removeEventListener('fatal', onFatal);
      };
      this.addEventListener('joined', onJoined);
      this.addEventListener('fatal', onFatal);
      this._connect();
    });
  }

  send(message) {
    if (!this._ws || this._ws.readyState !== WebSocket.OPEN || this.state !== 'joined') return false;
    this._ws.send(JSON.stringify({ v: PROTOCOL_VERSION, ...message }));
    return true;
  }

  relay(type, to, payload) {
    return this.send({ type, to, ...payload });
  }

  /** Leaves the room and closes for good. */
  close() {
    this._closedByUser = true;
    clearTimeout(this._retryTimer);
    clearInterval(this._pingTimer);
    if (this._ws && this._ws.readyState === WebSocket.OPEN) {
      try { this._ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'leave' })); } catch { /* closing anyway */ }
      this._ws.close(1000, 'left');
    } else if (this._ws) {
      this._ws.close();
    }
    this._setState('closed');
  }

  _setState(state, detail = {}) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ...detail } }));
  }

  _connect() {
    this._setState(this._joinedOnce ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this._scheduleRetry();
      return;
    }
    this._ws = ws;
    ws.onmessage = (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      this._onMessage(msg);
    };
    ws.onclose = () => {
      if (this._ws !== ws) return;
      clearInterval(this._pingTimer);
      this._ws = null;
      if (this._closedByUser || this.state === 'failed') return;
      this._scheduleRetry();
    };
    // Errors are followed by close; the close handler decides what to do.
    ws.onerror = () => {};
  }

  _scheduleRetry() {
    this._setState(this._joinedOnce ? 'reconnecting' : 'connecting');
    const delay = BACKOFF_MS[Math.min(this._attempt, BACKOFF_MS.length - 1)];
    this._attempt++;
    clearTimeout(this._retryTimer);
    this._retryTimer = setTimeout(() => this._connect(), delay);
  }

  _onMessage(msg) {
    switch (msg.type) {
      case 'hello': {
        const idle = Number(msg.idleTimeoutMs) || 60000;
        clearInterval(this._pingTimer);
        this._pingTimer = setInterval(() => {
          if (this._ws && this._ws.readyState === WebSocket.OPEN) {
            this._ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'ping' }));
          }
        }, Math.max(1000, Math.min(20000, idle / 3)));
        const join = { v: PROTOCOL_VERSION, type: 'join', room: this.room, name: this.name, id: 'join' };
        if (this.token) join.token = this.token;
        this._ws.send(JSON.stringify(join));
        break;
      }
      case 'joined': {
        const rejoin = this._joinedOnce;
        this._joinedOnce = true;
        this._attempt = 0;
        this.peerId = msg.peerId;
        this.iceServers = Array.isArray(msg.iceServers) ? msg.iceServers : [];
        this._setState('joined');
        this.dispatchEvent(new CustomEvent('joined', { detail: { ...msg, rejoin } }));
        break;
      }
      case 'peer-joined':
        this.dispatchEvent(new CustomEvent('peer-joined', { detail: msg.peer }));
        break;
      case 'peer-left':
        this.dispatchEvent(new CustomEvent('peer-left', { detail: { peerId: msg.peerId, reason: msg.reason } }));
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        this.dispatchEvent(new CustomEvent('relay', { detail: msg }));
        break;
      case 'error':
        if (msg.ref === 'join' && FATAL_JOIN_ERRORS.has(msg.code)) {
          this._setState('failed', { code: msg.code, message: msg.message });
          this.dispatchEvent(new CustomEvent('fatal', { detail: msg }));
          this._ws.close(1000, 'join refused');
        } else if (msg.ref === 'join') {
          // server-busy and the like: try again on a fresh connection.
          this._ws.close(1000, 'retry join');
        } else {
          this.dispatchEvent(new CustomEvent('server-error', { detail: msg }));
        }
        break;
      case 'shutdown':
        // The close that follows triggers the reconnect.
        this.dispatchEvent(new CustomEvent('shutdown', { detail: msg }));
        break;
      default:
        break;
    }
  }
}

/** ws(s):// URL of the signaling endpoint on the page's own server. */
export function signalingUrl(location = window.location) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
