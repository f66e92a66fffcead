// GTCRN or SpeexDSP (from @sapphi-red/web-noise-suppressor) as peer denoisers for bin/evaluate, run in Node with
// a stub AudioWorklet scope and fed 128-sample render quanta like a browser would:
//   node worklet-peer.mjs gtcrn|speex IN.wav OUT.wav
// 48 kHz mono in, same length out (their delays are left in: the evaluator aligns).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readWav, writeWavFloat } from './wav.mjs';

const [kind, input, output] = process.argv.slice(2);
if (!['gtcrn', 'speex'].includes(kind) || !input || !output) {
  console.error('usage: node worklet-peer.mjs gtcrn|speex IN.wav OUT.wav');
  process.exit(2);
}
const { samples, sampleRate } = readWav(input);
if (sampleRate !== 48000) {
  console.error(`${kind}: ${input} is ${sampleRate} Hz; expected 48000`);
  process.exit(1);
}

let Processor;
globalThis.sampleRate = sampleRate;
globalThis.AudioWorkletProcessor = class {
  constructor() {
    this.port = { addEventListener() {}, postMessage() {}, start() {} };
  }
};
globalThis.registerProcessor = (name, cls) => { Processor = cls; };

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@sapphi-red/web-noise-suppressor'));
await import(join(dist, kind, 'workletProcessor.js'));
const node = new Processor({ processorOptions: { wasmBinary: readFileSync(join(dist, `${kind}.wasm`)), maxChannels: 1 } });
for (let i = 0; i < 500 && !node.processor; i++) {
  await new Promise((r) => setTimeout(r, 10));
}
if (!node.processor) {
  console.error(`${kind}: the processor did not initialise`);
  process.exit(1);
}
const quantum = 128;
const out = new Float32Array(samples.length);
const inBlock = new Float32Array(quantum);
const outBlock = new Float32Array(quantum);
for (let start = 0; start < samples.length; start += quantum) {
  inBlock.fill(0);
  inBlock.set(samples.subarray(start, Math.min(samples.length, start + quantum)));
  node.process([[inBlock]], [[outBlock]], {});
  out.set(outBlock.subarray(0, Math.min(quantum, samples.length - start)), start);
}
node.destroy();
writeWavFloat(output, out, sampleRate);
