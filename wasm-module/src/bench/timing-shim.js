// Loaded into an AudioWorkletGlobalScope before any processor: wraps every processor's process() with
// Date.now() timing (the only clock a worklet has) and reports sums per batch of audio through the node's port.
const BATCH_SAMPLES = 2 * 48000;
const register = globalThis.registerProcessor;
globalThis.registerProcessor = (name, cls) => {
  const process = cls.prototype.process;
  cls.prototype.process = function timedProcess(inputs, outputs, parameters) {
    const t0 = Date.now();
    const keepAlive = process.call(this, inputs, outputs, parameters);
    const ms = Date.now() - t0;
    this.benchMs = (this.benchMs ?? 0) + ms;
    this.benchSamples = (this.benchSamples ?? 0) + (outputs[0] && outputs[0][0] ? outputs[0][0].length : 128);
    if (this.benchSamples >= BATCH_SAMPLES) {
      this.port.postMessage({ bench: { ms: this.benchMs, samples: this.benchSamples } });
      this.benchMs = 0;
      this.benchSamples = 0;
    }
    return keepAlive;
  };
  register(name, cls);
};
