// Live views of the audio: level meters and a scrolling spectrogram, all read from AnalyserNodes on the
// animation frame (nothing here runs on the audio thread).

const FLOOR_DB = -90;

/** RMS level in dBFS of the analyser's latest block (FLOOR_DB for silence). */
export function levelDb(analyser, scratch) {
  const buf = scratch && scratch.length === analyser.fftSize ? scratch : new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(buf);
  let sum = 0;
  for (let i = 0; i < buf.length; i++) sum += buf[i] * buf[i];
  const rms = Math.sqrt(sum / buf.length);
  return rms > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(rms)) : FLOOR_DB;
}

/** A horizontal bar (a <meter>-like element with a fill child) showing a smoothed level in dBFS. */
export class LevelMeter {
  constructor(element, analyser) {
    this.element = element;
    this.fill = element.querySelector('.fill');
    this.label = element.querySelector('.db');
    this.analyser = analyser;
    this.scratch = new Float32Array(analyser.fftSize);
    this.db = FLOOR_DB;
  }

  update() {
    const now = levelDb(this.analyser, this.scratch);
    // Fast attack, slower release: readable without hiding peaks.
    this.db = now > this.db ? now : this.db + 0.25 * (now - this.db);
    const fraction = Math.min(1, Math.max(0, (this.db - FLOOR_DB) / -FLOOR_DB));
    this.fill.style.transform = `scaleX(${fraction.toFixed(3)})`;
    if (this.label) this.label.textContent = this.db <= FLOOR_DB + 0.5 ? '−∞ dB' : `${this.db.toFixed(0)} dB`;
    this.element.setAttribute('aria-valuenow', this.db.toFixed(0));
    this.element.dataset.db = this.db.toFixed(1);
    return this.db;
  }
}

/** 256-entry colour map, dark blue → magenta → yellow, as packed RGBA. */
function palette() {
  const stops = [[0, [8, 10, 30]], [0.35, [60, 20, 110]], [0.6, [190, 40, 110]], [0.8, [250, 130, 40]], [1, [255, 240, 150]]];
  const out = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 1;
    while (k < stops.length - 1 && stops[k][0] < t) k++;
    const [t0, c0] = stops[k - 1];
    const [t1, c1] = stops[k];
    const u = (t - t0) / (t1 - t0);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = c0[c] + u * (c1[c] - c0[c]);
    out[i * 4 + 3] = 255;
  }
  return out;
}
const PALETTE = palette();

/**
 * A spectrogram scrolling right to left, frequency on a log axis from LOW_HZ to HIGH_HZ. Several analysers
 * can share one canvas stacked vertically (before on top, after below).
 */
export class Spectrogram {
  static LOW_HZ = 60;
  static HIGH_HZ = 16000;

  constructor(canvas, analysers, sampleRate) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.analysers = analysers;
    this.sampleRate = sampleRate;
    this.bins = new Uint8Array(analysers[0].frequencyBinCount);
    this._layout();
  }

  _layout() {
    this.width = this.canvas.width;
    this.height = this.canvas.height;
    this.laneHeight = Math.floor(this.height / this.analysers.length);
    this.column = this.ctx.createImageData(1, this.laneHeight);
    // Pixel row → FFT bin, log-spaced; row 0 is the top (highest frequency).
    const binHz = this.sampleRate / (2 * this.bins.length);
    this.rowBin = new Uint16Array(this.laneHeight);
    const lo = Math.log(Spectrogram.LOW_HZ);
    const hi = Math.log(Spectrogram.HIGH_HZ);
    for (let y = 0; y < this.laneHeight; y++) {
      const hz = Math.exp(hi - (y / (this.laneHeight - 1)) * (hi - lo));
      this.rowBin[y] = Math.min(this.bins.length - 1, Math.round(hz / binHz));
    }
    this.ctx.fillStyle = 'rgb(8,10,30)';
    this.ctx.fillRect(0, 0, this.width, this.height);
  }

  update() {
    if (this.canvas.width !== this.width || this.canvas.height !== this.height) this._layout();
    const ctx = this.ctx;
    ctx.drawImage(this.canvas, 1, 0, this.width - 1, this.height, 0, 0, this.width - 1, this.height);
    const data = this.column.data;
    this.analysers.forEach((analyser, lane) => {
      analyser.getByteFrequencyData(this.bins);
      for (let y = 0; y < this.laneHeight; y++) {
        const v = this.bins[this.rowBin[y]];
        data.set(PALETTE.subarray(v * 4, v * 4 + 4), y * 4);
      }
      ctx.putImageData(this.column, this.width - 1, lane * this.laneHeight);
    });
  }
}
