// AudioWorklet side of the noise suppressor: runs hush-dsp.wasm (TeaVM, Wasm GC) on 480-sample frames inside the
// audio rendering thread. Registered after worklet-polyfills.js and hush-dsp.wasm-runtime.js (which defines
// globalThis.TeaVM), in that order.
//
// Render quanta (128 samples) and DSP frames (480) do not divide each other, so input is gathered into frames and
// output leaves through a FIFO primed with FRAME - gcd(FRAME, QUANTUM) samples (448 for 128): the smallest delay
// that never lets the FIFO run dry. Total latency = that + the DSP's own. Every call outputs exactly as many
// samples as it receives; while the module loads the output is silence, after a failure it is the input, delayed.

const PROCESSOR_NAME = 'hush-noise-suppressor';
const FRAME_SAMPLES = 480;
const FIFO_CAPACITY_SAMPLES = 4096;
/** At or above this the attenuation limit means "none". */
const UNLIMITED_ATTENUATION_DB = 100;

/**
 * A readable reason for an error thrown by the module. Java exceptions leave the raw export as a
 * WebAssembly.Exception carrying the Java object; TeaVM's own exports turn it into its message.
 */
function describe(error, exports) {
  const tag = exports && exports['teavm.javaException'];
  if (tag && typeof WebAssembly.Exception === 'function' && error instanceof WebAssembly.Exception && error.is(tag)) {
    try {
      const message = exports['teavm.stringToJs'](exports['teavm.exceptionMessage'](error.getArg(tag, 0)));
      return `Java exception: ${message ?? '(no message)'}`;
    } catch (ignored) {
      return 'Java exception (message unavailable)';
    }
  }
  return error && error.message ? error.message : String(error);
}

function gcd(a, b) {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

class HushNoiseSuppressorProcessor extends AudioWorkletProcessor {
  static get parameterDescriptors() {
    return [
      { name: 'enabled', defaultValue: 1, minValue: 0, maxValue: 1, automationRate: 'k-rate' },
      {
        name: 'attenuationLimitDb', defaultValue: UNLIMITED_ATTENUATION_DB, minValue: 0,
        maxValue: UNLIMITED_ATTENUATION_DB, automationRate: 'k-rate',
      },
      // Added to each frame's measured compute time: lets tests drive the overload logic deterministically.
      { name: 'testExtraComputeMs', defaultValue: 0, minValue: 0, maxValue: 1000, automationRate: 'k-rate' },
    ];
  }

  constructor(options) {
    super(options);
    const o = (options && options.processorOptions) || {};
    this.state = 'loading';
    this.dsp = null;
    this.inView = null;
    this.outView = null;
    this.dspLatency = 0;

    // Input gathering while the module is not running (loading or fallback).
    this.frame = new Float32Array(FRAME_SAMPLES);
    this.fill = 0;
    // Output FIFO, primed on the first quantum when its size is known.
    this.fifo = new Float32Array(FIFO_CAPACITY_SAMPLES);
    this.fifoRead = 0;
    this.fifoCount = 0;
    this.primed = false;
    this.ringDelay = 0;
    // Passthrough after a failure keeps the latency the DSP had, so the audio does not jump back in time.
    this.passDelay = null;
    this.passDelayPos = 0;

    this.lastEnabled = 1;
    this.lastLimitDb = UNLIMITED_ATTENUATION_DB;

    // Compute-time measurement: Date.now() is the only clock here (1 ms steps). Summing per-call differences is
    // unbiased (a call of d < 1 ms straddles a tick with probability d), so batch means converge.
    const overload = o.overload || {};
    this.batchFrames = Math.max(1, o.statsBatchFrames | 0 || 50);
    this.budgetMs = overload.budgetMs ?? 5;
    this.sustainBatches = Math.max(1, overload.sustainBatches | 0 || 3);
    this.recoverRatio = overload.recoverRatio ?? 0.7;
    this.baseHoldFrames = Math.max(1, overload.holdFrames | 0 || 300);
    this.maxHoldFrames = Math.max(this.baseHoldFrames, overload.maxHoldFrames | 0 || 6000);
    this.batchMs = 0;
    this.batchCount = 0;
    this.overBatches = 0;
    this.bypassed = false;
    this.probation = false;
    this.holdFrames = this.baseHoldFrames;
    this.bypassLeft = 0;
    this.totalMs = 0;
    this.totalFrames = 0;
    this.underruns = 0;
    this.overloads = 0;
    this.extraMs = 0;

    this.port.onmessage = (event) => this.onMessage(event.data);

    if (o.fallbackReason) {
      this.fail(o.fallbackReason);
    } else if (!(o.wasmBytes instanceof ArrayBuffer)) {
      this.fail('no WebAssembly bytes were passed to the processor');
    } else {
      this.load(o.wasmBytes, o.modelBytes instanceof ArrayBuffer ? o.modelBytes : null);
    }
  }

  async load(wasmBytes, modelBytes) {
    try {
      if (typeof globalThis.TeaVM === 'undefined' || !globalThis.TeaVM.wasmGC) {
        throw new Error('the TeaVM runtime was not loaded into the worklet');
      }
      const teavm = await globalThis.TeaVM.wasmGC.load(wasmBytes);
      const dsp = teavm.exports;
      if (dsp.frameSamples() !== FRAME_SAMPLES) {
        throw new Error(`module frame is ${dsp.frameSamples()} samples, processor expects ${FRAME_SAMPLES}`);
      }
      const error = dsp.create(modelBytes === null ? null : new Int8Array(modelBytes));
      if (error !== '') {
        this.fail(`model rejected: ${error}`);
        return;
      }
      if (this.state !== 'loading') return;
      this.dsp = dsp;
      this.exports = teavm.instance.exports;
      // The raw export crosses into the module without any JavaScript call; the JSExport one converts its argument.
      this.processFrames = typeof teavm.instance.exports.hushProcess === 'function'
        ? teavm.instance.exports.hushProcess : (frames) => dsp.process(frames);
      this.dspLatency = dsp.latencySamples();
      this.refreshViews();
      // The partial frame gathered while loading continues in the module's buffer.
      this.inView.set(this.frame.subarray(0, this.fill));
      this.lastEnabled = -1;
      this.lastLimitDb = -1;
      this.state = 'ready';
      this.port.postMessage({
        type: 'ready', dspLatencySamples: this.dspLatency, frameSamples: FRAME_SAMPLES,
      });
    } catch (e) {
      this.fail(`WebAssembly failed to load: ${e && e.message ? e.message : e}`);
    }
  }

  onMessage(message) {
    if (message && message.type === 'fft-probe') {
      // Diagnostic for tests: JTransforms run inside this worklet scope on given samples.
      try {
        if (this.state !== 'ready') throw new Error(`processor is ${this.state}`);
        const size = message.samples.length;
        this.dsp.inputSamples().set(message.samples);
        if (message.inverse) this.dsp.inverseFft(size); else this.dsp.forwardFft(size);
        const result = this.dsp.outputSamples().slice(0, size);
        this.port.postMessage({ type: 'fft-probe', result });
      } catch (e) {
        this.port.postMessage({ type: 'fft-probe', error: describe(e, this.exports) });
      }
    }
  }

  refreshViews() {
    // A view of linear memory goes stale (length 0) when the memory grows: fetch both again then.
    this.inView = this.dsp.inputSamples();
    this.outView = this.dsp.outputSamples();
  }

  fail(reason) {
    const wasReady = this.state === 'ready';
    this.state = 'fallback';
    if (wasReady && this.dspLatency > 0) {
      this.frame.set(this.inView.subarray(0, this.fill));
      this.passDelay = new Float32Array(this.dspLatency);
      this.passDelayPos = 0;
    }
    this.dsp = null;
    this.port.postMessage({ type: 'fallback', reason: String(reason) });
  }

  applyParameters(parameters) {
    this.extraMs = parameters.testExtraComputeMs[0];
    if (this.state !== 'ready') return;
    const enabled = parameters.enabled[0] >= 0.5 ? 1 : 0;
    if (enabled !== this.lastEnabled) {
      this.dsp.setEnabled(enabled === 1);
      this.lastEnabled = enabled;
    }
    const limitDb = parameters.attenuationLimitDb[0];
    if (limitDb !== this.lastLimitDb) {
      this.dsp.setAttenuationLimitDb(limitDb >= UNLIMITED_ATTENUATION_DB ? Infinity : limitDb);
      this.lastLimitDb = limitDb;
    }
  }

  process(inputs, outputs, parameters) {
    const channels = outputs[0];
    if (!channels || channels.length === 0) return true;
    const out = channels[0];
    const n = out.length;
    const input = inputs[0] && inputs[0].length > 0 ? inputs[0][0] : null;
    if (!this.primed) {
      this.ringDelay = FRAME_SAMPLES - gcd(FRAME_SAMPLES, n);
      this.fifoCount = this.ringDelay;
      this.primed = true;
    }
    try {
      this.applyParameters(parameters);
    } catch (e) {
      this.fail(`parameter update failed: ${describe(e, this.exports)}`);
    }

    let read = 0;
    while (read < n) {
      const take = Math.min(n - read, FRAME_SAMPLES - this.fill);
      if (this.state === 'ready') {
        if (this.inView.length === 0) this.refreshViews();
        if (input) this.inView.set(input.subarray(read, read + take), this.fill);
        else this.inView.fill(0, this.fill, this.fill + take);
      } else if (input) {
        // Passthrough and loading paths: the module's own sanitising is not there, so NaN/Inf stop here.
        const frame = this.frame;
        for (let i = 0; i < take; i++) {
          const x = input[read + i];
          frame[this.fill + i] = x - x === 0 ? x : 0;
        }
      } else {
        this.frame.fill(0, this.fill, this.fill + take);
      }
      this.fill += take;
      read += take;
      if (this.fill === FRAME_SAMPLES) {
        this.runFrame();
        this.fill = 0;
      }
    }

    this.pop(out, n);
    for (let c = 1; c < channels.length; c++) channels[c].set(out);
    return true;
  }

  runFrame() {
    if (this.state === 'ready') {
      try {
        const t0 = Date.now();
        this.processFrames(1);
        const ms = Date.now() - t0 + this.extraMs;
        if (this.outView.length === 0) this.refreshViews();
        this.push(this.outView, FRAME_SAMPLES);
        this.account(ms);
        return;
      } catch (e) {
        this.fail(`WebAssembly failed while processing: ${describe(e, this.exports)}`);
      }
    }
    if (this.state === 'loading') {
      this.frame.fill(0);
    } else if (this.passDelay !== null) {
      const line = this.passDelay;
      const frame = this.frame;
      let pos = this.passDelayPos;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const x = frame[i];
        frame[i] = line[pos];
        line[pos] = x;
        if (++pos === line.length) pos = 0;
      }
      this.passDelayPos = pos;
    }
    this.push(this.frame, FRAME_SAMPLES);
  }

  push(src, count) {
    let write = this.fifoRead + this.fifoCount;
    for (let i = 0; i < count; i++) {
      if (write >= FIFO_CAPACITY_SAMPLES) write -= FIFO_CAPACITY_SAMPLES;
      this.fifo[write++] = src[i];
    }
    this.fifoCount += count;
  }

  pop(dst, count) {
    const available = Math.min(count, this.fifoCount);
    let read = this.fifoRead;
    for (let i = 0; i < available; i++) {
      dst[i] = this.fifo[read++];
      if (read === FIFO_CAPACITY_SAMPLES) read = 0;
    }
    if (available < count) {
      dst.fill(0, available);
      this.underruns++;
    }
    this.fifoRead = read;
    this.fifoCount -= available;
  }

  account(ms) {
    this.batchMs += ms;
    this.batchCount++;
    this.totalMs += ms;
    this.totalFrames++;
    if (this.bypassed && --this.bypassLeft <= 0) {
      // Try again: the DSP resets, warms up and fades in; the next batch decides whether it stays.
      this.bypassed = false;
      this.probation = true;
      this.dsp.setBypassed(false);
      this.batchMs = 0;
      this.batchCount = 0;
      return;
    }
    if (this.batchCount < this.batchFrames) return;
    const meanMs = this.batchMs / this.batchCount;
    this.batchMs = 0;
    this.batchCount = 0;
    if (!this.bypassed) this.judgeLoad(meanMs);
    this.port.postMessage({
      type: 'stats',
      computeMsPerFrame: meanMs,
      meanComputeMsPerFrame: this.totalMs / this.totalFrames,
      framesProcessed: this.dsp ? this.dsp.framesProcessed() : this.totalFrames,
      meanAttenuationDb: this.dsp ? this.dsp.takeMeanAttenuationDb() : NaN,
      nonFiniteFrames: this.dsp ? this.dsp.nonFiniteFrames() : 0,
      mix: this.dsp ? this.dsp.mix() : 0,
      // Share of speech-band energy kept, averaged since the last stats (Denoiser.speechPresence).
      speechProbability: this.dsp && typeof this.dsp.speechProbability === 'function'
        ? this.dsp.speechProbability() : null,
      bypassed: this.bypassed || this.probation,
      overloads: this.overloads,
      underruns: this.underruns,
      latencySamples: this.ringDelay + this.dspLatency,
    });
  }

  judgeLoad(meanMs) {
    if (this.probation) {
      if (meanMs <= this.budgetMs * this.recoverRatio) {
        this.probation = false;
        this.holdFrames = this.baseHoldFrames;
        this.overBatches = 0;
        this.port.postMessage({
          type: 'overload', active: false, computeMsPerFrame: meanMs, budgetMs: this.budgetMs, frame: this.totalFrames,
        });
      } else {
        this.holdFrames = Math.min(this.maxHoldFrames, this.holdFrames * 2);
        this.enterBypass();
      }
      return;
    }
    this.overBatches = meanMs > this.budgetMs ? this.overBatches + 1 : 0;
    if (this.overBatches >= this.sustainBatches) {
      this.overBatches = 0;
      this.overloads++;
      this.enterBypass();
      this.port.postMessage({
        type: 'overload', active: true, computeMsPerFrame: meanMs, budgetMs: this.budgetMs, frame: this.totalFrames,
      });
    }
  }

  enterBypass() {
    this.bypassed = true;
    this.bypassLeft = this.holdFrames;
    this.dsp.setBypassed(true);
  }
}

registerProcessor(PROCESSOR_NAME, HushNoiseSuppressorProcessor);
