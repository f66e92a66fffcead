// Full-mesh WebRTC: one RTCPeerConnection per remote peer, negotiated through the signaling server.
// The newcomer offers to everyone already in the room and the others answer, so two sides never offer to each
// other at once. Every connection sends the same outgoing track (the suppressed microphone); switching the
// suppressor or the microphone never renegotiates.
//
// When the signaling connection drops, calls carry on peer-to-peer. After a rejoin everybody has a new peer id,
// so fresh connections are made; the old one to the same person (recognised by the DTLS certificate fingerprint
// in its SDP, one certificate per page) is closed once its replacement is connected: make before break.

const STALE_GRACE_MS = 20000;

function fingerprintOf(sdp) {
  const m = /^a=fingerprint:(\S+ \S+)/m.exec(sdp || '');
  return m ? m[1].toLowerCase() : null;
}

export class RemotePeer {
  constructor(id, name) {
    this.id = id;
    this.name = name;
    this.pc = null;
    this.stream = null;
    this.fingerprint = null;
    this.stale = false;
    this.state = 'new';
    this._chain = Promise.resolve();
    this._pendingCandidates = [];
  }

  /** Runs negotiation steps one at a time: candidates must wait for the description they belong to. */
  queue(step) {
    this._chain = this._chain.then(step).catch((e) => console.warn(`peer ${this.name}: ${e.message}`));
    return this._chain;
  }
}

export class PeerMesh extends EventTarget {
  constructor(signaling, { track, stream, certificate }) {
    super();
    this.signaling = signaling;
    this.track = track;
    this.stream = stream;
    this.certificate = certificate;
    this.peers = new Map();
    signaling.addEventListener('joined', (e) => this._onJoined(e.detail));
    signaling.addEventListener('peer-joined', (e) => this._peer(e.detail.id, e.detail.name));
    signaling.addEventListener('peer-left', (e) => this._onPeerLeft(e.detail));
    signaling.addEventListener('relay', (e) => this._onRelay(e.detail));
  }

  closeAll() {
    for (const peer of [...this.peers.values()]) this._remove(peer);
  }

  _onJoined({ peers, rejoin }) {
    if (rejoin) {
      // Old ids are gone with the old connection; the calls themselves may still be up. Whoever has not come
      // back within the grace period is dropped.
      for (const peer of this.peers.values()) {
        this._markStale(peer);
        this._startGrace(peer);
      }
    }
    for (const p of peers) {
      const peer = this._peer(p.id, p.name);
      peer.queue(() => this._offer(peer));
    }
  }

  _peer(id, name) {
    let peer = this.peers.get(id);
    if (peer) return peer;
    peer = new RemotePeer(id, name ?? 'guest');
    this.peers.set(id, peer);
    this._createConnection(peer);
    this.dispatchEvent(new CustomEvent('peer-added', { detail: peer }));
    return peer;
  }

  _createConnection(peer) {
    const config = { iceServers: this.signaling.iceServers, bundlePolicy: 'max-bundle' };
    if (this.certificate) config.certificates = [this.certificate];
    const pc = new RTCPeerConnection(config);
    peer.pc = pc;
    pc.addTrack(this.track, this.stream);
    pc.onicecandidate = (e) => {
      this.signaling.relay('candidate', peer.id, { candidate: e.candidate ? e.candidate.toJSON() : null });
    };
    pc.ontrack = (e) => {
      peer.stream = e.streams[0] ?? new MediaStream([e.track]);
      this.dispatchEvent(new CustomEvent('peer-stream', { detail: peer }));
    };
    pc.onconnectionstatechange = () => {
      peer.state = pc.connectionState;
      this.dispatchEvent(new CustomEvent('peer-state', { detail: peer }));
      if (pc.connectionState === 'connected') this._retireReplaced(peer);
      if (pc.connectionState === 'failed' && peer.stale) this._remove(peer);
    };
  }

  async _offer(peer) {
    const offer = await peer.pc.createOffer();
    await peer.pc.setLocalDescription(offer);
    this.signaling.relay('offer', peer.id, { sdp: peer.pc.localDescription.sdp });
  }

  _onRelay(msg) {
    const peer = this.peers.get(msg.from) ?? this._peer(msg.from, null);
    if (peer.stale) return;
    switch (msg.type) {
      case 'offer':
        peer.queue(async () => {
          peer.fingerprint = fingerprintOf(msg.sdp);
          await peer.pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
          await this._flushCandidates(peer);
          const answer = await peer.pc.createAnswer();
          await peer.pc.setLocalDescription(answer);
          this.signaling.relay('answer', peer.id, { sdp: peer.pc.localDescription.sdp });
        });
        break;
      case 'answer':
        peer.queue(async () => {
          peer.fingerprint = fingerprintOf(msg.sdp);
          await peer.pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp });
          await this._flushCandidates(peer);
        });
        break;
      case 'candidate':
        peer.queue(async () => {
          if (!peer.pc.remoteDescription) {
            peer._pendingCandidates.push(msg.candidate);
          } else {
            await peer.pc.addIceCandidate(msg.candidate ?? undefined);
          }
        });
        break;
      default:
        break;
    }
  }

  async _flushCandidates(peer) {
    const pending = peer._pendingCandidates.splice(0);
    for (const c of pending) await peer.pc.addIceCandidate(c ?? undefined);
  }

  _onPeerLeft({ peerId, reason }) {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    if (reason === 'left' || peer.pc.connectionState !== 'connected') {
      this._remove(peer);
    } else {
      // A signaling blip of theirs, or the server going away: the call may still be up, and a rejoin will
      // replace it. When the server itself is going, the grace period starts only once we are back.
      this._markStale(peer);
      if (reason !== 'server-shutdown' && reason !== 'node-lost') this._startGrace(peer);
    }
  }

  _markStale(peer) {
    if (peer.stale) return;
    peer.stale = true;
    this.dispatchEvent(new CustomEvent('peer-state', { detail: peer }));
  }

  _startGrace(peer) {
    if (peer._staleTimer) return;
    peer._staleTimer = setTimeout(() => this._remove(peer), STALE_GRACE_MS);
  }

  _retireReplaced(fresh) {
    if (!fresh.fingerprint) return;
    for (const old of [...this.peers.values()]) {
      if (old !== fresh && old.stale && old.fingerprint === fresh.fingerprint) {
        this.dispatchEvent(new CustomEvent('peer-replaced', { detail: { old, fresh } }));
        this._remove(old);
      }
    }
  }

  _remove(peer) {
    if (!this.peers.has(peer.id) || this.peers.get(peer.id) !== peer) return;
    clearTimeout(peer._staleTimer);
    this.peers.delete(peer.id);
    peer.pc.onconnectionstatechange = null;
    peer.pc.close();
    peer.state = 'closed';
    this.dispatchEvent(new CustomEvent('peer-removed', { detail: peer }));
  }
}
