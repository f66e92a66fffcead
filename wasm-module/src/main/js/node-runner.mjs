// Runs hush-dsp.wasm in Node 22 as a filter: float32 little-endian mono 48 kHz samples on stdin, the denoised
// samples on stdout, delay-compensated: exactly one output sample per input sample, lined up with it.
//
//   node node-runner.mjs [--model weights.bin]          denoise stdin to stdout
//   node node-runner.mjs [--model weights.bin] --check  only create the denoiser, print its latency
//   node node-runner.mjs --fft N | --ifft N | --hush-fft N              JTransforms realForward / realInverse(scaled) of exactly
//                                                        N samples (a test probe)
//
// The .wasm and its TeaVM runtime are read from this script's folder.
// Exit codes: 2 usage, 3 the denoiser could not be created (reason on stderr), 1 anything else.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  process.stderr.write(`node-runner: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { model: null, check: false, fftSize: 0, inverse: false, hushFft: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--model' && i + 1 < argv.length) options.model = argv[++i];
    else if (flag === '--check') options.check = true;
    else if ((flag === '--fft' || flag === '--ifft' || flag === '--hush-fft') && i + 1 < argv.length) {
      options.inverse = flag === '--ifft';
      options.hushFft = flag === '--hush-fft';
      options.fftSize = Number.parseInt(argv[++i], 10);
    }
    else usage(`unknown or incomplete argument: ${flag}`);
  }
  return options;
}

async function loadModule() {
  await import(pathToFileURL(join(here, 'hush-dsp.wasm-runtime.js')).href);
  const bytes = readFileSync(join(here, 'hush-dsp.wasm'));
  const teavm = await globalThis.TeaVM.wasmGC.load(bytes, { nodejs: true });
  const exports = teavm.instance.exports;
  // hushProcess: the raw WebAssembly export of WasmDenoiser.process, which makes no JavaScript call per batch.
  // A Java exception leaves it as a WebAssembly.Exception; TeaVM's exports recover the Java message.
  const processFrames = (frames) => {
    try {
      exports.hushProcess(frames);
    } catch (e) {
      const tag = exports['teavm.javaException'];
      if (tag && e instanceof WebAssembly.Exception && e.is(tag)) {
        const message = exports['teavm.stringToJs'](exports['teavm.exceptionMessage'](e.getArg(tag, 0)));
        throw new Error(`Java exception in the DSP: ${message}`);
      }
      throw e;
    }
  };
  return { dsp: teavm.exports, processFrames };
}

function writeOut(chunk) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    process.stdout.once('error', onError);
    const done = () => { process.stdout.off('error', onError); resolve(); };
    if (process.stdout.write(chunk)) done(); else process.stdout.once('drain', done);
  });
}

/** Yields stdin as Float32Arrays, however the pipe splits it. */
async function* samplesFromStdin() {
  let carry = Buffer.alloc(0);
  for await (const chunk of process.stdin) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 4);
    yield new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole));
    carry = Buffer.from(bytes.subarray(whole));
  }
  if (carry.length !== 0) throw new Error(`stdin ended inside a sample (${carry.length} stray bytes)`);
}

async function denoise(dsp, processFrames) {
  const frame = dsp.frameSamples();
  const batchFrames = dsp.maxBatchFrames();
  const batchSamples = batchFrames * frame;
  const latency = dsp.latencySamples();
  const pending = new Float32Array(batchSamples);
  let fill = 0;
  let samplesIn = 0;
  let samplesOut = 0;
  let toSkip = latency;
  let limit = Infinity; // total output wanted, known once stdin ends

  const flush = async (frames) => {
    // Views are fetched per batch: one goes stale (length 0) whenever linear memory grows.
    dsp.inputSamples().set(pending.subarray(0, frames * frame));
    processFrames(frames);
    let out = dsp.outputSamples().subarray(0, frames * frame);
    const skip = Math.min(toSkip, out.length);
    toSkip -= skip;
    out = out.subarray(skip, skip + Math.max(0, Math.min(out.length - skip, limit - samplesOut)));
    samplesOut += out.length;
    if (out.length > 0) await writeOut(Buffer.from(out.slice().buffer));
  };
  const push = async (samples) => {
    let read = 0;
    while (read < samples.length) {
      const n = Math.min(samples.length - read, batchSamples - fill);
      pending.set(samples.subarray(read, read + n), fill);
      fill += n;
      read += n;
      if (fill === batchSamples) {
        await flush(batchFrames);
        fill = 0;
      }
    }
  };

  for await (const samples of samplesFromStdin()) {
    samplesIn += samples.length;
    await push(samples);
  }
  limit = samplesIn;
  // Flush the denoiser's delay line with silence, then pad to a whole frame.
  await push(new Float32Array(latency));
  if (fill > 0) {
    pending.fill(0, fill);
    await flush(Math.ceil(fill / frame));
  }
  if (samplesOut !== samplesIn) throw new Error(`internal: ${samplesIn} samples in, ${samplesOut} out`);
}

async function fftProbe(dsp, size, inverse, hushFft) {
  if (!(size > 0 && size <= dsp.maxBatchFrames() * dsp.frameSamples())) usage(`bad --fft size ${size}`);
  const chunks = [];
  for await (const samples of samplesFromStdin()) chunks.push(samples);
  const total = chunks.reduce((n, c) => n + c.length, 0);
  if (total !== size) usage(`--fft ${size} wants exactly ${size} samples, got ${total}`);
  const input = dsp.inputSamples();
  let at = 0;
  for (const c of chunks) { input.set(c, at); at += c.length; }
  if (hushFft) dsp.forwardHushFft(size); else if (inverse) dsp.inverseFft(size); else dsp.forwardFft(size);
  await writeOut(Buffer.from(dsp.outputSamples().slice(0, size).buffer));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { dsp, processFrames } = await loadModule();
  if (options.fftSize !== 0) {
    await fftProbe(dsp, options.fftSize, options.inverse, options.hushFft);
    return;
  }
  const model = options.model === null ? null : new Int8Array(readFileSync(options.model));
  const error = dsp.create(model);
  if (error !== '') {
    process.stderr.write(`node-runner: the denoiser could not be created: ${error}\n`);
    process.exit(3);
  }
  if (options.check) {
    process.stdout.write(`latency ${dsp.latencySamples()}\n`);
    return;
  }
  await denoise(dsp, processFrames);
}

main().catch((e) => {
  process.stderr.write(`node-runner: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
