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

async function render({ inputBase64, options = {}, automation = [], settleMs = 300 }) {
  const input = fromBase64(inputBase64);
  const ctx = new OfflineAudioContext(1, input.length, 48000);
  const buffer = ctx.createBuffer(1, input.length, 48000);
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

window.hush = { render, isSupported, unsupportedReason };
window.hushLoaded = true;
