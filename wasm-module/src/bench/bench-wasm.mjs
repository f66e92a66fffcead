// Compute cost per 10 ms frame of Hush's WebAssembly DSP, RNNoise (@echogarden/rnnoise-wasm) and GTCRN
// (@sapphi-red/web-noise-suppressor), side by side in one run: in Node 22 and inside Chromium's AudioWorklet.
//
//   node bench-wasm.mjs --hush-wasm DIR --modules DIR [--seconds 20] [--chromium /usr/bin/chromium] [--json FILE]
//
// Node: each engine processes the same noisy 48 kHz signal; time is read with performance.now() per batch of 16
// frames of 10 ms (GTCRN's 768-sample frames are driven through its own 128-sample worklet framing, so a batch is
// 60 render quanta). Chromium: each engine runs as an AudioWorkletNode in an OfflineAudioContext; its process()
// is wrapped by a timing shim. The worklet has only Date.now() (1 ms steps), so call times are summed over
// batches of 2 s of audio: a call of d < 1 ms crosses a tick with probability d, which keeps the sums unbiased.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, extname, join, normalize } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RATE = 48000;
const FRAME = 480;

function parseArgs(argv) {
  const o = { seconds: 20, chromium: '/usr/bin/chromium', json: null, hushWasm: null, modules: null, browser: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seconds') o.seconds = Number(argv[++i]);
    else if (a === '--chromium') o.chromium = argv[++i];
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--hush-wasm') o.hushWasm = argv[++i];
    else if (a === '--modules') o.modules = argv[++i];
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--model') o.model = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.model === 'none') o.model = null;
  if (!o.hushWasm || !o.modules) throw new Error('--hush-wasm DIR and --modules DIR are required');
  return o;
}

/** The same kind of signal the parity tests use: a vibrato vowel in white noise, deterministic. */
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

function summarize(perFrameMs) {
  const sorted = [...perFrameMs].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    batches: sorted.length,
    medianMs: q(0.5),
    p95Ms: q(0.95),
    meanMs: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

// ---------- Node engines: each returns { name, run(signal) -> per-10ms-frame batch means } ----------

function signal960() {
  return noisySignal(2 * FRAME);
}

async function hushNode(wasmDir, modelPath) {
  await import(pathToFileURL(join(wasmDir, 'hush-dsp.wasm-runtime.js')).href);
  const teavm = await globalThis.TeaVM.wasmGC.load(readFileSync(join(wasmDir, 'hush-dsp.wasm')), { nodejs: true });
  const dsp = teavm.exports;
  const processFrames = teavm.instance.exports.hushProcess;
  const error = dsp.create(modelPath ? new Int8Array(readFileSync(modelPath)) : null);
  if (error !== '') throw new Error(`hush: ${error}`);
  return {
    name: modelPath ? 'Hush (TeaVM Wasm GC, network)' : 'Hush (TeaVM Wasm GC, no network)',
    /** A 960-point real FFT inside the same module: JTransforms' and the DSP's own (its share of a frame). */
    fftMs: (calls) => {
      dsp.inputSamples().set(signal960());
      const time = (fn) => {
        for (let i = 0; i < 200; i++) fn(2 * FRAME);
        // Median of batch means, like the frames: robust to preemption on a shared machine.
        const means = [];
        for (let b = 0; b < calls / 50; b++) {
          const t0 = performance.now();
          for (let i = 0; i < 50; i++) fn(2 * FRAME);
          means.push((performance.now() - t0) / 50);
        }
        return summarize(means).medianMs;
      };
      return { jtransforms: time(dsp.forwardFft), hush: time(dsp.forwardHushFft) };
    },
    frameMs: (signal, batchFrames, onBatch) => {
      let input = dsp.inputSamples();
      let output = dsp.outputSamples();
      const sink = new Float32Array(FRAME);
      for (let f = 0; f + batchFrames <= signal.length / FRAME; f += batchFrames) {
        const t0 = performance.now();
        for (let k = 0; k < batchFrames; k++) {
          if (input.length === 0) { input = dsp.inputSamples(); output = dsp.outputSamples(); }
          input.set(signal.subarray((f + k) * FRAME, (f + k + 1) * FRAME));
          processFrames(1);
          sink.set(output.subarray(0, FRAME));
        }
        onBatch((performance.now() - t0) / batchFrames);
      }
    },
  };
}

async function rnnoiseNode(modulesDir) {
  const dir = join(modulesDir, '@echogarden/rnnoise-wasm');
  const factory = (await import(pathToFileURL(join(dir, 'rnnoise.js')).href)).default;
  const m = await factory({ wasmBinary: readFileSync(join(dir, 'rnnoise.wasm')) });
  const state = m._rnnoise_create(0);
  const inPtr = m._malloc(FRAME * 4);
  const outPtr = m._malloc(FRAME * 4);
  const scaled = new Float32Array(FRAME);
  const sink = new Float32Array(FRAME);
  return {
    name: 'RNNoise (@echogarden/rnnoise-wasm)',
    frameMs: (signal, batchFrames, onBatch) => {
      for (let f = 0; f + batchFrames <= signal.length / FRAME; f += batchFrames) {
        const t0 = performance.now();
        for (let k = 0; k < batchFrames; k++) {
          const frame = signal.subarray((f + k) * FRAME, (f + k + 1) * FRAME);
          // RNNoise works on 16-bit-scaled floats.
          for (let i = 0; i < FRAME; i++) scaled[i] = frame[i] * 32768;
          m.HEAPF32.set(scaled, inPtr >> 2);
          m._rnnoise_process_frame(state, outPtr, inPtr);
          sink.set(m.HEAPF32.subarray(outPtr >> 2, (outPtr >> 2) + FRAME));
        }
        onBatch((performance.now() - t0) / batchFrames);
      }
    },
  };
}

/** GTCRN ships only as an AudioWorklet processor; run that processor in Node under minimal worklet globals. */
async function gtcrnNode(modulesDir) {
  const dist = join(modulesDir, '@sapphi-red/web-noise-suppressor/dist');
  let Processor = null;
  globalThis.sampleRate = RATE;
  globalThis.AudioWorkletProcessor = class { constructor() { this.port = { addEventListener() {}, postMessage() {} }; } };
  globalThis.registerProcessor = (name, cls) => { Processor = cls; };
  await import(pathToFileURL(join(dist, 'gtcrn/workletProcessor.js')).href);
  const wasmBinary = readFileSync(join(dist, 'gtcrn.wasm'));
  const proc = new Processor({ processorOptions: { wasmBinary, maxChannels: 1 } });
  for (let i = 0; i < 500 && !proc.processor; i++) await new Promise((r) => setTimeout(r, 10));
  if (!proc.processor) throw new Error('GTCRN did not initialise');
  const quantum = 128;
  const out = [[new Float32Array(quantum)]];
  return {
    name: 'GTCRN (@sapphi-red/web-noise-suppressor)',
    frameMs: (signal, batchFrames, onBatch) => {
      // A batch of batchFrames 10 ms frames = batchFrames * 480 / 128 quanta (integral for multiples of 4 frames).
      const quantaPerBatch = batchFrames * FRAME / quantum;
      const total = Math.floor(signal.length / quantum);
      for (let q = 0; q + quantaPerBatch <= total; q += quantaPerBatch) {
        const t0 = performance.now();
        for (let k = 0; k < quantaPerBatch; k++) {
          const at = (q + k) * quantum;
          proc.process([[signal.subarray(at, at + quantum)]], out, {});
        }
        onBatch((performance.now() - t0) / batchFrames);
      }
    },
  };
}

async function benchNode(signal, modulesDir, wasmDir, modelPath) {
  const engines = [await hushNode(wasmDir, modelPath), await rnnoiseNode(modulesDir), await gtcrnNode(modulesDir)];
  const batchFrames = 16;
  const results = {};
  // Warm up every engine, then interleave three rounds so drift on the shared machine hits all alike.
  for (const e of engines) e.frameMs(signal.subarray(0, 200 * FRAME), batchFrames, () => {});
  for (const e of engines) results[e.name] = [];
  for (let round = 0; round < 3; round++) {
    for (const e of engines) e.frameMs(signal, batchFrames, (ms) => results[e.name].push(ms));
  }
  const summary = {};
  for (const e of engines) summary[e.name] = summarize(results[e.name]);
  return { summary, fftMs: engines[0].fftMs(5000) };
}

// ---------- Chromium ----------

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

function serve(roots) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir))) break;
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function benchChromium(options) {
  const { chromium } = await import(pathToFileURL(join(options.modules, 'playwright-core/index.mjs')).href);
  const server = await serve({
    '/wasm/': options.hushWasm,
    '/bench/': here,
    '/modules/': options.modules,
    ...(options.model ? { '/model/': dirname(options.model) } : {}),
  });
  const model = options.model ? {
    url: `/model/${basename(options.model)}`,
    sha256: createHash('sha256').update(readFileSync(options.model)).digest('hex'),
  } : null;
  const browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`); });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/bench-page.html`);
    await page.waitForFunction(() => window.benchLoaded === true);
    return await page.evaluate(([seconds, m]) => window.runBench(seconds, m), [options.seconds, model]);
  } finally {
    await browser.close();
    server.close();
  }
}

function table(node, browser) {
  const names = Object.keys(node);
  const rnnoise = names.find((n) => n.startsWith('RNNoise'));
  const fmt = (v) => (v === undefined || v === null || Number.isNaN(v) ? 'n/a' : v.toFixed(4));
  const lines = [
    '| engine | Node 22 median ms/10 ms | Node 22 p95 | Chromium worklet median ms/10 ms | Chromium mean | × RNNoise (Node, worklet) |',
    '|---|---|---|---|---|---|',
  ];
  for (const n of names) {
    const b = browser ? browser[n] : null;
    const ratioNode = node[n].medianMs / node[rnnoise].medianMs;
    const ratioWorklet = b && browser[rnnoise] ? b.meanMs / browser[rnnoise].meanMs : NaN;
    lines.push(`| ${n} | ${fmt(node[n].medianMs)} | ${fmt(node[n].p95Ms)} | ${fmt(b?.medianMs)} | ${fmt(b?.meanMs)} `
      + `| ${ratioNode.toFixed(2)}, ${Number.isNaN(ratioWorklet) ? 'n/a' : ratioWorklet.toFixed(2)} |`);
  }
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const signal = noisySignal(options.seconds * RATE);
  process.stderr.write(`bench-wasm: ${options.seconds} s of 48 kHz audio per engine and round\n`);
  const { summary: node, fftMs } = await benchNode(signal, options.modules, options.hushWasm, options.model);
  let browser = null;
  if (options.browser) {
    browser = await benchChromium(options);
  }
  const result = {
    date: new Date().toISOString(), seconds: options.seconds, node, chromiumWorklet: browser, realFft960Ms: fftMs,
  };
  console.log(table(node, browser));
  console.log(`\n960-point real FFT inside hush-dsp.wasm (Node 22), median ms per call: JTransforms FloatFFT_1D.realForward ${fftMs.jtransforms.toFixed(4)}, Hush RealFft ${fftMs.hush.toFixed(4)}`);
  if (browser && browser.hushOwnStats) {
    console.log(`\nHush worklet's own stats (Date.now around dsp.process, batched): `
      + `${browser.hushOwnStats.meanComputeMsPerFrame?.toFixed(4)} ms per frame`);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2));
}

main().catch((e) => {
  process.stderr.write(`bench-wasm: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
