// RNNoise (xiph, via @echogarden/rnnoise-wasm) as a peer denoiser for bin/evaluate:
//   node rnnoise.mjs IN.wav OUT.wav
// 48 kHz mono in, same length out (RNNoise's 480-sample delay is left in: the evaluator aligns).
import RNNoise from '@echogarden/rnnoise-wasm';
import { readWav, writeWavFloat } from './wav.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node rnnoise.mjs IN.wav OUT.wav');
  process.exit(2);
}
const { samples, sampleRate } = readWav(input);
if (sampleRate !== 48000) {
  console.error(`rnnoise: ${input} is ${sampleRate} Hz; RNNoise needs 48000`);
  process.exit(1);
}
const m = await RNNoise();
const frame = m._rnnoise_get_frame_size();
const state = m._rnnoise_create(0);
const ptr = m._malloc(frame * 4);
const out = new Float32Array(samples.length);
for (let start = 0; start < samples.length; start += frame) {
  const heap = m.HEAPF32.subarray(ptr >> 2, (ptr >> 2) + frame);
  for (let i = 0; i < frame; i++) {
    // RNNoise works on int16-scaled floats.
    heap[i] = start + i < samples.length ? samples[start + i] * 32768 : 0;
  }
  m._rnnoise_process_frame(state, ptr, ptr);
  const res = m.HEAPF32.subarray(ptr >> 2, (ptr >> 2) + frame);
  for (let i = 0; i < frame && start + i < samples.length; i++) out[start + i] = res[i] / 32768;
}
m._free(ptr);
m._rnnoise_destroy(state);
writeWavFloat(output, out, sampleRate);
