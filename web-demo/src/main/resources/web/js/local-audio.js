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
    this.input.connect(this.inputAnalyser);
    this._connectSource();

    const { node, reason } = await createSuppressor(ctx, this.model);
    this.suppressor = node;
    this.unavailableReason = reason;
    const out = node ?? this.input;
    if (node) {
      this.input.connect(node);
      for (const type of ['ready', 'fallback', 'overload']) {
        node.addEventListener(type, () => this._changed());
      }
    }
    out.connect(this.destination);
    out.connect(this.outputAnalyser);
    this.track = this.destination.stream.getAudioTracks()[0];
    this.stream = this.destination.stream;
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
    return describe(this.suppressor, this.unavailableReason);
  }

  get enabled() {
    return this.suppressor ? this.suppressor.enabled : false;
  }

  /** Live: the node crossfades between denoised and (delay-aligned) raw audio; nothing is renegotiated. */
  set enabled(on) {
    if (this.suppressor) this.suppressor.enabled = on;
    this._changed();
  }

  setAttenuationLimit(db) {
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
