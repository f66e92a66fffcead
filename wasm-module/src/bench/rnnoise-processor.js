// RNNoise (@echogarden/rnnoise-wasm) as an AudioWorklet processor for the benchmark: the same 128 → 480
// framing (input gathering + output FIFO) as Hush's processor, so both pay the same glue.
import RNNoise from '/modules/@echogarden/rnnoise-wasm/rnnoise.js';

const FRAME = 480;

class BenchRnnoiseProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.ready = false;
    this.frame = new Float32Array(FRAME);
    this.fill = 0;
    this.fifo = new Float32Array(4096);
    this.fifoRead = 0;
    this.fifoCount = FRAME - 32;
    // locateFile keeps the loader away from URL, which AudioWorkletGlobalScope lacks.
    RNNoise({ wasmBinary: options.processorOptions.wasmBinary, locateFile: (path) => path }).then((m) => {
      this.m = m;
      this.state = m._rnnoise_create(0);
      this.inPtr = m._malloc(FRAME * 4);
      this.outPtr = m._malloc(FRAME * 4);
      this.ready = true;
      this.port.postMessage({ ready: true });
    }, (e) => this.port.postMessage({ error: String(e) }));
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    const input = inputs[0] && inputs[0][0];
    for (let i = 0; i < out.length; i++) {
      this.frame[this.fill++] = input ? input[i] * 32768 : 0;
      if (this.fill === FRAME) {
        this.fill = 0;
        if (this.ready) {
          const heap = this.m.HEAPF32;
          heap.set(this.frame, this.inPtr >> 2);
          this.m._rnnoise_process_frame(this.state, this.outPtr, this.inPtr);
          const o = this.outPtr >> 2;
          let w = this.fifoRead + this.fifoCount;
          for (let k = 0; k < FRAME; k++, w++) this.fifo[w % 4096] = heap[o + k] / 32768;
        }
        this.fifoCount += FRAME;
      }
    }
    for (let i = 0; i < out.length && this.fifoCount > 0; i++) {
      out[i] = this.fifo[this.fifoRead];
      this.fifoRead = (this.fifoRead + 1) % 4096;
      this.fifoCount--;
    }
    return true;
  }
}

registerProcessor('bench-rnnoise', BenchRnnoiseProcessor);
