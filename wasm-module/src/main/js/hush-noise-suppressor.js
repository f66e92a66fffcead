// Browser API of the Hush noise suppressor (ES module, served next to hush-dsp.wasm).
//
//   import { isSupported, createNoiseSuppressor } from '/wasm/hush-noise-suppressor.js';
//   if (isSupported()) {
//     const ns = await createNoiseSuppressor(audioContext, { manifestUrl: '/models/manifest.json' });
//     ns.addEventListener('fallback', (e) => console.warn(e.detail.reason));
//     source.connect(ns).connect(destination);
//     ns.enabled = false;            // crossfades to the (delay-aligned) input over 10 ms
//     ns.attenuationLimitDb = 12;    // never more than 12 dB quieter than the input
//     console.log(ns.stats());
//   }
//
// The node is an AudioWorkletNode (mono in, mono out). Events: 'ready', 'fallback' (detail.reason; audio passes
// through unprocessed), 'overload' (detail.active: compute over budget for a sustained period → bypass, and later
// recovery). Events fire after createNoiseSuppressor resolves, so listeners added right after the await see them.

const PROCESSOR_NAME = 'hush-noise-suppressor';
const here = import.meta.url;
/** A minimal module with one GC struct type: validates only where Wasm GC is implemented. */
const WASM_GC_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 3, 1, 0x5f, 0]);
const UNLIMITED_ATTENUATION_DB = 100;
/** The DSP's only rate; Web Audio resamples microphone streams into a context created at this rate. */
const SAMPLE_RATE_HZ = 48000;

/** Why the suppressor cannot run here, or null when it can. */
export function unsupportedReason() {
  if (typeof AudioWorkletNode === 'undefined' || typeof BaseAudioContext === 'undefined'
      || !('audioWorklet' in BaseAudioContext.prototype)) {
    return 'AudioWorklet is not available';
  }
  if (typeof WebAssembly === 'undefined' || typeof WebAssembly.validate !== 'function') {
    return 'WebAssembly is not available';
  }
  if (!WebAssembly.validate(WASM_GC_PROBE)) {
    return 'WebAssembly GC is not supported by this browser';
  }
  return null;
}

export function isSupported() {
  return unsupportedReason() === null;
}

// Fetched once per URL for the page's lifetime, shared by every node.
const bytesCache = new Map();
function fetchBytes(url) {
  const key = String(url);
  if (!bytesCache.has(key)) {
    const p = fetch(key).then((response) => {
      if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    p.catch(() => bytesCache.delete(key));
    bytesCache.set(key, p);
  }
  return bytesCache.get(key);
}

const registered = new WeakMap();
/**
 * Adds the worklet scripts to the context once. Resolves to null, or to the reason the TeaVM runtime could not be
 * added (the processor then starts in passthrough); rejects only when the processor itself cannot be added.
 */
function registerWorklet(context, urls, withRuntime) {
  if (!registered.has(context)) {
    // Order matters: the TeaVM runtime needs the polyfill, the processor checks for globalThis.TeaVM.
    const p = (async () => {
      await context.audioWorklet.addModule(urls.polyfill);
      let runtimeError = withRuntime ? null : 'not loaded: this browser cannot run the module';
      if (withRuntime) {
        try {
          await context.audioWorklet.addModule(urls.runtime);
        } catch (e) {
          runtimeError = `TeaVM runtime ${urls.runtime} failed to load: ${e && e.message ? e.message : e}`;
        }
      }
      await context.audioWorklet.addModule(urls.processor);
      return runtimeError;
    })();
    p.catch(() => registered.delete(context));
    registered.set(context, p);
  }
  return registered.get(context);
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Resolves the model to load: { bytes, version } or null for the classic (model-free) estimator.
 * Throws with a readable reason when the model cannot be fetched or does not match its SHA-256.
 * A manifest is either the server's list { "models": [{ name, version, sha256, size, url }], "default": name }
 * (the entry named options.modelName, else the default, else the only one) or a single
 * { "version": "...", "sha256": "<hex>", "file": "weights.bin" }; file/url are relative to the manifest.
 */
async function loadModel(options) {
  let url = options.modelUrl ?? null;
  let sha256 = options.modelSha256 ?? null;
  let version = options.modelVersion ?? null;
  if (options.manifestUrl) {
    const manifestUrl = new URL(options.manifestUrl, globalThis.location ? globalThis.location.href : here);
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error(`model manifest ${manifestUrl}: HTTP ${response.status}`);
    let manifest = await response.json();
    if (Array.isArray(manifest.models)) {
      const wanted = options.modelName ?? manifest.default ?? (manifest.models.length === 1 ? manifest.models[0].name : null);
      const entry = manifest.models.find((m) => m && m.name === wanted);
      if (!entry) {
        throw new Error(`model manifest ${manifestUrl} has no model ${wanted === null ? '(none is the default)' : `named "${wanted}"`}`);
      }
      manifest = entry;
    }
    const file = manifest.file ?? manifest.url;
    if (typeof file !== 'string' || typeof manifest.sha256 !== 'string') {
      throw new Error(`model manifest ${manifestUrl} lacks "file" or "sha256"`);
    }
    url = new URL(file, manifestUrl).href;
    sha256 = manifest.sha256;
    version = manifest.version ? `${manifest.name ? manifest.name + ' ' : ''}${manifest.version}` : version;
  }
  if (url === null) return null;
  if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256)) {
    throw new Error('the model has no SHA-256 to be verified against');
  }
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    throw new Error('cannot verify the model: crypto.subtle needs a secure context (https or localhost)');
  }
  const bytes = await fetchBytes(url);
  const actual = hex(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  if (actual !== sha256.toLowerCase()) {
    throw new Error(`model ${url} has SHA-256 ${actual}, the manifest says ${sha256.toLowerCase()}`);
  }
  return { bytes: bytes.slice(0), version: version ?? sha256.slice(0, 12) };
}

let NodeClass = null;
function nodeClass() {
  // Defined lazily: `class extends AudioWorkletNode` would throw at import where Web Audio is missing.
  if (NodeClass !== null) return NodeClass;
  NodeClass = class NoiseSuppressorNode extends AudioWorkletNode {
    constructor(context, processorOptions, info) {
      super(context, PROCESSOR_NAME, {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
        processorOptions,
      });
      this._state = 'loading';
      this._fallbackReason = null;
      this._modelVersion = info.modelVersion;
      this._latencySamples = null;
      this._overloaded = false;
      this._stats = null;
      // What was last asked for: AudioParam.value only shows a scheduled change once the audio thread has
      // rendered past it, so reading the parameter right after setting it would still give the old value.
      this._enabled = this.parameters.get('enabled').value >= 0.5;
      this._attenuationLimitDb = this.parameters.get('attenuationLimitDb').value;
      this.ready = new Promise((resolve) => { this._resolveReady = resolve; });
      this.port.onmessage = (event) => this._onMessage(event.data);
    }

    _onMessage(message) {
      switch (message.type) {
        case 'ready':
          if (this._state !== 'loading') return;
          this._state = 'ready';
          this._latencySamples = message.dspLatencySamples + ringDelay(this.context);
          this.dispatchEvent(new CustomEvent('ready', { detail: { latencySamples: this._latencySamples } }));
          this._resolveReady({ state: 'ready' });
          break;
        case 'fallback':
          this._fail(message.reason);
          break;
        case 'stats':
          this._stats = message;
          break;
        case 'overload':
          this._overloaded = message.active;
          this.dispatchEvent(new CustomEvent('overload', { detail: message }));
          break;
        default:
          break;
      }
    }

    _fail(reason) {
      if (this._state === 'fallback') return;
      this._state = 'fallback';
      this._fallbackReason = reason;
      this.dispatchEvent(new CustomEvent('fallback', { detail: { reason } }));
      this._resolveReady({ state: 'fallback', reason });
    }

    /** 'loading' | 'ready' | 'fallback' */
    get state() { return this._state; }

    get fallbackReason() { return this._fallbackReason; }

    /** Input-to-output delay in samples once ready (DSP latency + the 128/480 ring buffer), else null. */
    get latencySamples() { return this._latencySamples; }

    get enabled() { return this._enabled; }

    set enabled(on) {
      this._enabled = Boolean(on);
      this.parameters.get('enabled').setValueAtTime(this._enabled ? 1 : 0, this.context.currentTime);
    }

    /** Largest attenuation in dB the suppressor may apply; Infinity (the default) for no limit. */
    get attenuationLimitDb() {
      const db = this._attenuationLimitDb;
      return db >= UNLIMITED_ATTENUATION_DB ? Infinity : db;
    }

    set attenuationLimitDb(db) {
      if (typeof db !== 'number' || Number.isNaN(db) || db < 0) {
        throw new RangeError(`attenuation limit must be a number >= 0 dB, got ${db}`);
      }
      const value = Math.min(db, UNLIMITED_ATTENUATION_DB);
      this._attenuationLimitDb = value;
      this.parameters.get('attenuationLimitDb').setValueAtTime(value, this.context.currentTime);
    }

    /**
     * Latest measurements (updated every stats batch, 0.5 s by default): compute time per 10 ms frame (mean of
     * the last batch and since start), mean attenuation in dB over the last batch, speech probability (null until
     * WasmDenoiser exports speechProbability()), model version, state.
     */
    stats() {
      const s = this._stats;
      return {
        state: this._state,
        fallbackReason: this._fallbackReason,
        enabled: this.enabled,
        overloaded: this._overloaded,
        modelVersion: this._modelVersion,
        latencySamples: this._latencySamples,
        computeMsPerFrame: s ? s.computeMsPerFrame : null,
        meanComputeMsPerFrame: s ? s.meanComputeMsPerFrame : null,
        meanAttenuationDb: s ? s.meanAttenuationDb : null,
        speechProbability: s ? s.speechProbability ?? null : null,
        framesProcessed: s ? s.framesProcessed : 0,
        /** Weight of the denoised path at the last batch: 0 = input only .. 1 = fully denoised. */
        mix: s ? s.mix : null,
        nonFiniteFrames: s ? s.nonFiniteFrames : 0,
        overloads: s ? s.overloads : 0,
        underruns: s ? s.underruns : 0,
      };
    }
  };
  return NodeClass;
}

function ringDelay(context) {
  const quantum = context.renderQuantumSize ?? 128;
  let a = 480;
  let b = quantum;
  while (b !== 0) [a, b] = [b, a % b];
  return 480 - a;
}

/**
 * Creates the suppressor node. Rejects only when AudioWorklet itself is unavailable or the processor script cannot
 * be loaded; every other problem (Wasm GC missing, TeaVM runtime, .wasm or model unavailable or corrupt) gives a
 * node in passthrough with a 'fallback' event. `node.ready` resolves to { state: 'ready' } or
 * { state: 'fallback', reason }.
 *
 * options: wasmUrl, runtimeUrl, processorUrl, polyfillUrl (default: next to this module);
 *   manifestUrl, or modelUrl + modelSha256 (+ modelVersion): the network weights (omit both: classic estimator);
 *   enabled (true), attenuationLimitDb (Infinity);
 *   overload: { budgetMs: 5, sustainBatches: 3, recoverRatio: 0.7, holdFrames: 300, maxHoldFrames: 6000 };
 *   statsBatchFrames (50).
 */
export async function createNoiseSuppressor(audioContext, options = {}) {
  if (typeof AudioWorkletNode === 'undefined' || !audioContext || !audioContext.audioWorklet) {
    throw new Error('AudioWorklet is not available');
  }
  const urls = {
    wasm: new URL(options.wasmUrl ?? 'hush-dsp.wasm', here).href,
    runtime: new URL(options.runtimeUrl ?? 'hush-dsp.wasm-runtime.js', here).href,
    processor: new URL(options.processorUrl ?? 'hush-worklet-processor.js', here).href,
    polyfill: new URL(options.polyfillUrl ?? 'worklet-polyfills.js', here).href,
  };
  const reason = unsupportedReason();
  const runtimeError = await registerWorklet(audioContext, urls, reason === null);

  const processorOptions = {
    overload: options.overload ?? {},
    statsBatchFrames: options.statsBatchFrames ?? 50,
  };
  let modelVersion = null;
  if (reason !== null) {
    processorOptions.fallbackReason = reason;
  } else if (audioContext.sampleRate !== SAMPLE_RATE_HZ) {
    processorOptions.fallbackReason = `the DSP runs at ${SAMPLE_RATE_HZ} Hz but this AudioContext runs at `
      + `${audioContext.sampleRate} Hz: create it with new AudioContext({ sampleRate: ${SAMPLE_RATE_HZ} })`;
  } else if (runtimeError !== null) {
    processorOptions.fallbackReason = `WebAssembly unavailable: ${runtimeError}`;
  } else {
    try {
      const [wasm, model] = await Promise.all([
        fetchBytes(urls.wasm).then((b) => b.slice(0)),
        loadModel(options).catch((e) => { throw new Error(`model unavailable: ${e.message}`); }),
      ]);
      processorOptions.wasmBytes = wasm;
      if (model !== null) {
        processorOptions.modelBytes = model.bytes;
        modelVersion = model.version;
      } else {
        modelVersion = 'classic (no model)';
      }
    } catch (e) {
      processorOptions.fallbackReason = e.message.startsWith('model unavailable')
        ? e.message : `WebAssembly unavailable: ${e.message}`;
    }
  }
  const Node = nodeClass();
  const node = new Node(audioContext, processorOptions, { modelVersion });
  if (options.enabled === false) node.enabled = false;
  if (options.attenuationLimitDb !== undefined) node.attenuationLimitDb = options.attenuationLimitDb;
  return node;
}
