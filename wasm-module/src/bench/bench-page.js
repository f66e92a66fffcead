// Chromium side of bench-wasm.mjs: renders the same signal through each engine's AudioWorkletNode in an
// OfflineAudioContext; the timing shim reports compute sums per 2 s batch.
import { createNoiseSuppressor } from '/wasm/hush-noise-suppressor.js';

const RATE = 48000;
const FRAME = 480;

function noisySignal(samples) {
  const x = new Float32Array(samples);
  let seed = 12345;
  const uniform = () => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed + 0.5) / 4294967296; };
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    phase += 2 * Math.PI * (140 + 25 * Math.sin(2 * Math.PI * 3 * t)) / RATE;
    let voiced = 0;
    for (let h = 1; h <= 20; h++) voiced += Math.sin(h * phase) / h;
    const gauss = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    x[i] = 0.15 * 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t)) * voiced + 0.05 * gauss;
  }
  return x;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = async (url) => (await fetch(url)).arrayBuffer();

async function render(kind, signal, model) {
  const ctx = new OfflineAudioContext(1, signal.length, RATE);
  await ctx.audioWorklet.addModule('/bench/timing-shim.js');
  let node;
  let ownStats = null;
  if (kind === 'hush') {
    node = await createNoiseSuppressor(ctx, model ? { modelUrl: model.url, modelSha256: model.sha256 } : {});
    const state = await node.ready;
    if (state.state !== 'ready') throw new Error(`hush: ${state.reason}`);
  } else if (kind === 'rnnoise') {
    await ctx.audioWorklet.addModule('/bench/rnnoise-processor.js');
    const wasmBinary = await bytes('/modules/@echogarden/rnnoise-wasm/rnnoise.wasm');
    node = new AudioWorkletNode(ctx, 'bench-rnnoise', { processorOptions: { wasmBinary } });
    await new Promise((resolve, reject) => {
      node.port.onmessage = (e) => (e.data.ready ? resolve() : e.data.error ? reject(new Error(e.data.error)) : 0);
    });
  } else {
    await ctx.audioWorklet.addModule('/modules/@sapphi-red/web-noise-suppressor/dist/gtcrn/workletProcessor.js');
    const wasmBinary = await bytes('/modules/@sapphi-red/web-noise-suppressor/dist/gtcrn.wasm');
    node = new AudioWorkletNode(ctx, '@sapphi-red/web-noise-suppressor/gtcrn',
      { processorOptions: { wasmBinary, maxChannels: 1 } });
    await sleep(1000); // its processor instantiates asynchronously and has no ready signal
  }
  const batches = [];
  node.port.addEventListener('message', (e) => { if (e.data && e.data.bench) batches.push(e.data.bench); });
  node.port.start();
  const buffer = ctx.createBuffer(1, signal.length, RATE);
  buffer.copyToChannel(signal, 0);
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.connect(node).connect(ctx.destination);
  source.start();
  const rendered = await ctx.startRendering();
  await sleep(300);
  if (kind === 'hush') ownStats = node.stats();
  const out = rendered.getChannelData(0);
  let energy = 0;
  for (let i = 0; i < out.length; i++) energy += out[i] * out[i];
  if (!(energy > 0)) throw new Error(`${kind}: silent output (engine not running?)`);
  // First batch dropped: warm-up (JIT tiers, GTCRN's late start).
  return { perFrameMs: batches.slice(1).map((b) => b.ms / (b.samples / FRAME)), ownStats };
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    batches: sorted.length,
    medianMs: sorted[Math.floor(sorted.length / 2)],
    p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))],
    meanMs: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

window.runBench = async (seconds, model) => {
  const signal = noisySignal(seconds * RATE);
  const names = {
    hush: 'Hush (TeaVM Wasm GC)',
    rnnoise: 'RNNoise (@echogarden/rnnoise-wasm)',
    gtcrn: 'GTCRN (@sapphi-red/web-noise-suppressor)',
  };
  const all = { hush: [], rnnoise: [], gtcrn: [] };
  let hushOwnStats = null;
  for (let round = 0; round < 3; round++) {
    for (const kind of Object.keys(all)) {
      const r = await render(kind, signal, model);
      all[kind].push(...r.perFrameMs);
      if (r.ownStats) hushOwnStats = r.ownStats;
    }
  }
  const result = { hushOwnStats };
  for (const [kind, values] of Object.entries(all)) result[names[kind]] = summarize(values);
  return result;
};
window.benchLoaded = true;
