// The outgoing audio: microphone → noise suppressor (AudioWorklet) → MediaStreamDestination → every sender.
// The browser's own noise suppression and gain control stay off: ours replaces them, and the browser's would
// filter the audio before we see it. Switching the microphone swaps only the source node, so the outgoing
// track, and every call, stays as it is.
import { createSuppressor, describe } from './suppression.js';

export const SAMPLE_RATE_HZ = 48000;

export class LocalAudio extends EventTarget {
  /** options: deviceId, echoCancellation (bool), model (from chooseModel) */
  static async open(options) {
    const audio = new LocalAudio(options);
    await audio._open();
    return audio;
  }

  constructor({ deviceId = null, echoCancellation = true, model }) {
    super();
    this.deviceId = deviceId;
    this.echoCancellation = echoCancellation;
    this.model = model;
    this.context = null;
    this.micStream = null;
    this.source = null;
    this.suppressor = null;
    this.unavailableReason = null;
    this.muted = false;
    this.loadingSuppressor = true;
    this._enabled = true;
    this._limitDb = Infinity;
  }

  async _open() {
    this.context = new AudioContext({ sampleRate: SAMPLE_RATE_HZ, latencyHint: 'interactive' });
    if (this.context.state !== 'running') {
      this.context.resume().catch(() => {});
    }
    this.micStream = await this._getMicrophone(this.deviceId);
    const ctx = this.context;
    this.input = ctx.createGain();
    this.input.channelCount = 1;
    this.input.channelCountMode = 'explicit';
    this.inputAnalyser = analyser(ctx);
    this.outputAnalyser = analyser(ctx);
    this.destination = ctx.createMediaStreamDestination();
    this.destination.channelCount = 1;
    this.destination.channelCountMode = 'explicit';
    // Two paths into the outgoing mix: direct (while the suppressor loads, or when it cannot run) and through
    // the suppressor. Only one is audible; the switch between them is a short crossfade.
    this.mix = ctx.createGain();
    this.direct = ctx.createGain();
    this.processed = ctx.createGain();
    this.processed.gain.value = 0;
    this.input.connect(this.inputAnalyser);
    this.input.connect(this.direct).connect(this.mix);
    this.processed.connect(this.mix);
    this.mix.connect(this.destination);
    this.mix.connect(this.outputAnalyser);
    this._connectSource();
    this.track = this.destination.stream.getAudioTracks()[0];
    this.stream = this.destination.stream;
    this.loaded = this._loadSuppressor();
  }

  /** Creates the suppressor; the call is already up meanwhile, with the microphone sent as is. */
  async _loadSuppressor() {
    const { node, reason } = await createSuppressor(this.context, this.model);
    this.suppressor = node;
    this.unavailableReason = reason;
    this.loadingSuppressor = false;
    if (node) {
      node.enabled = this._enabled;
      if (this._limitDb !== Infinity) node.attenuationLimitDb = this._limitDb;
      this.input.connect(node).connect(this.processed);
      for (const type of ['ready', 'fallback', 'overload']) {
        node.addEventListener(type, () => this._changed());
      }
      const { state } = await node.ready;
      // After a fallback the node is a (delayed) passthrough: the direct path stays, with no delay.
      if (state === 'ready') this._crossfade(1);
    }
    this._changed();
  }

  _crossfade(toProcessed) {
    const t = this.context.currentTime;
    const FADE_S = 0.02;
    for (const [gain, target] of [[this.processed.gain, toProcessed], [this.direct.gain, 1 - toProcessed]]) {
      gain.cancelScheduledValues(t);
      gain.setValueAtTime(gain.value, t);
      gain.linearRampToValueAtTime(target, t + FADE_S);
    }
  }

  async _getMicrophone(deviceId) {
    const audio = {
      echoCancellation: this.echoCancellation,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: { ideal: 1 },
    };
    if (deviceId) audio.deviceId = { exact: deviceId };
    return navigator.mediaDevices.getUserMedia({ audio, video: false });
  }

  _connectSource() {
    this.source = this.context.createMediaStreamSource(this.micStream);
    this.source.connect(this.input);
    const track = this.micStream.getAudioTracks()[0];
    this.deviceId = track?.getSettings().deviceId ?? this.deviceId;
    this.deviceLabel = track?.label ?? '';
  }

  _changed() {
    this.dispatchEvent(new CustomEvent('change'));
  }

  status() {
    if (this.loadingSuppressor) return { state: 'loading', reason: null };
    return describe(this.suppressor, this.unavailableReason);
  }

  get enabled() {
    return this._enabled;
  }

  /** Live: the node crossfades between denoised and (delay-aligned) raw audio; nothing is renegotiated. */
  set enabled(on) {
    this._enabled = on;
    if (this.suppressor) this.suppressor.enabled = on;
    this._changed();
  }

  setAttenuationLimit(db) {
    this._limitDb = db;
    if (this.suppressor) this.suppressor.attenuationLimitDb = db;
  }

  setMuted(muted) {
    this.muted = muted;
    this.track.enabled = !muted;
    this._changed();
  }

  async switchMicrophone(deviceId) {
    const next = await this._getMicrophone(deviceId);
    const old = this.micStream;
    this.source.disconnect();
    this.micStream = next;
    this._connectSource();
    old.getTracks().forEach((t) => t.stop());
    this._changed();
  }

  close() {
    this.micStream?.getTracks().forEach((t) => t.stop());
    this.context?.close().catch(() => {});
  }
}

export function analyser(ctx) {
  const a = ctx.createAnalyser();
  a.fftSize = 1024;
  a.smoothingTimeConstant = 0;
  a.minDecibels = -110;
  a.maxDecibels = -20;
  return a;
}
