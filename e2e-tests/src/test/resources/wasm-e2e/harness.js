// Renders audio through the noise suppressor in an OfflineAudioContext (deterministic, ~100x real time) and hands
// the result back to the Java test as base64 float32.
import { createNoiseSuppressor, isSupported, unsupportedReason } from '/wasm/hush-noise-suppressor.js';

function fromBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

function toBase64(samples) {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

async function render({ inputBase64, options = {}, automation = [], settleMs = 300, sampleRate = 48000 }) {
  const input = fromBase64(inputBase64);
  const ctx = new OfflineAudioContext(1, input.length, sampleRate);
  const buffer = ctx.createBuffer(1, input.length, sampleRate);
  buffer.copyToChannel(input, 0);
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  const events = [];
  const node = await createNoiseSuppressor(ctx, options);
  for (const type of ['ready', 'fallback', 'overload']) {
    node.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
  }
  const readyState = await node.ready;
  for (const a of automation) node.parameters.get(a.param).setValueAtTime(a.value, a.time);
  source.connect(node).connect(ctx.destination);
  source.start(0);
  const rendered = await ctx.startRendering();
  // Worklet messages (stats, overload) posted near the end may still be in flight.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return {
    outputBase64: toBase64(rendered.getChannelData(0)),
    events,
    readyState,
    latencySamples: node.latencySamples,
    stats: node.stats(),
  };
}

/** A real-time AudioContext (what a call page uses): an oscillator through the suppressor for `seconds`. */
async function live({ seconds = 1.5, options = {} }) {
  const ctx = new AudioContext({ sampleRate: 48000 });
  await ctx.resume();
  const node = await createNoiseSuppressor(ctx, options);
  const events = [];
  for (const type of ['ready', 'fallback', 'overload']) {
    node.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
  }
  const readyState = await node.ready;
  const osc = ctx.createOscillator();
  osc.frequency.value = 440;
  osc.connect(node).connect(ctx.destination);
  osc.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const stats = node.stats();
  const contextState = ctx.state;
  await ctx.close();
  return { readyState, events, stats, contextState };
}

/** Runs JTransforms inside the worklet's scope (the processor's fft-probe diagnostic) on the given samples. */
async function fftProbe({ samplesBase64, inverse }) {
  const ctx = new OfflineAudioContext(1, 48000, 48000);
  const node = await createNoiseSuppressor(ctx, {});
  const state = await node.ready;
  if (state.state !== 'ready') throw new Error(`suppressor not ready: ${state.reason}`);
  const reply = new Promise((resolve) => {
    node.port.addEventListener('message', (e) => { if (e.data.type === 'fft-probe') resolve(e.data); });
  });
  node.port.postMessage({ type: 'fft-probe', samples: fromBase64(samplesBase64), inverse });
  const result = await reply;
  if (result.error) throw new Error(result.error);
  return toBase64(result.result);
}

window.hush = { render, live, fftProbe, isSupported, unsupportedReason };
window.hushLoaded = true;
