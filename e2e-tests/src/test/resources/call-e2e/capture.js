// Test-only tap, added to a call page by the e2e tests: records what a node of the page's audio graph carries
// (a remote peer's received stream, or the local microphone before/after the suppressor) as float32 PCM at
// the page's AudioContext rate, and hands it back as base64. Every recording also carries the wall-clock
// time (ms since the epoch, comparable between pages on one machine) of its first sample.
(() => {
  const PROCESSOR = `
    class HushTestCapture extends AudioWorkletProcessor {
      constructor(options) {
        super();
        this.left = options.processorOptions.samples;
        this.started = false;
        this.port.onmessage = () => { this.left = 0; };
      }
      process(inputs) {
        const input = inputs[0];
        if (this.left <= 0) return false;
        const channel = input && input.length > 0 ? input[0] : null;
        const block = new Float32Array(128);
        if (channel) block.set(channel.subarray(0, Math.min(128, channel.length)));
        if (!this.started) {
          this.started = true;
          this.port.postMessage({ type: 'start', frame: currentFrame });
        }
        const n = Math.min(block.length, this.left);
        this.left -= n;
        this.port.postMessage({ type: 'data', samples: n === block.length ? block : block.slice(0, n) }, );
        if (this.left <= 0) this.port.postMessage({ type: 'end' });
        return this.left > 0;
      }
    }
    registerProcessor('hush-test-capture', HushTestCapture);`;

  const registered = new WeakMap();
  function register(ctx) {
    if (!registered.has(ctx)) {
      const url = URL.createObjectURL(new Blob([PROCESSOR], { type: 'text/javascript' }));
      registered.set(ctx, ctx.audioWorklet.addModule(url));
    }
    return registered.get(ctx);
  }

  function toBase64(samples) {
    const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }

  /**
   * Context frame → epoch ms of when the graph rendered it (so when the page had received it): the context's
   * clock-to-performance mapping gives when the frame reaches the output device, which is later by the output
   * and base latencies.
   */
  function epochMsOfFrame(ctx, frame) {
    const ts = ctx.getOutputTimestamp();
    const playoutMs = performance.timeOrigin + ts.performanceTime + (frame / ctx.sampleRate - ts.contextTime) * 1000;
    return playoutMs - 1000 * ((ctx.outputLatency || 0) + (ctx.baseLatency || 0));
  }

  /**
   * Starts recording `seconds` from each node. The taps may start a quantum or a few apart (each processor is set
   * up on the audio thread in its own time): each result carries its start frame on the context's clock.
   */
  async function record(ctx, nodes, seconds) {
    await register(ctx);
    const samples = Math.round(seconds * ctx.sampleRate);
    const sink = ctx.createGain();
    sink.gain.value = 0;
    sink.connect(ctx.destination);
    const jobs = nodes.map((node) => new Promise((resolve) => {
      const tap = new AudioWorkletNode(ctx, 'hush-test-capture', {
        numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
        channelCount: 1, channelCountMode: 'explicit', processorOptions: { samples },
      });
      const out = new Float32Array(samples);
      let filled = 0;
      let startMs = null;
      let startFrame = null;
      tap.port.onmessage = (e) => {
        const m = e.data;
        if (m.type === 'start') {
          startMs = epochMsOfFrame(ctx, m.frame);
          startFrame = m.frame;
        } else if (m.type === 'data') {
          out.set(m.samples, filled);
          filled += m.samples.length;
        } else if (m.type === 'end') {
          node.disconnect(tap);
          tap.disconnect();
          resolve({ pcm: toBase64(out), sampleRate: ctx.sampleRate, startMs, startFrame });
        }
      };
      node.connect(tap);
      tap.connect(sink);
    }));
    const results = await Promise.all(jobs);
    sink.disconnect();
    return results;
  }

  /** The tile of the peer called `name`: its current connection, else one waiting to be replaced. */
  function tileByName(name) {
    const tiles = [...window.hush.tiles.values()].filter((t) => t.peer.name === name && t.source);
    const tile = tiles.find((t) => !t.peer.stale) ?? tiles[0];
    if (!tile) throw new Error(`no connected peer named ${name}`);
    return tile;
  }

  window.hushTest = {
    /** What this page receives from the peer called `name`. */
    async recordPeer(name, seconds) {
      const [r] = await record(window.hush.local.context, [tileByName(name).source], seconds);
      return r;
    },
    /** Several peers at once, same start. */
    async recordPeers(names, seconds) {
      return record(window.hush.local.context, names.map((n) => tileByName(n).source), seconds);
    },
    /** The microphone before and after the suppressor on this page (compare by their start frames). */
    async recordLocal(seconds) {
      const local = window.hush.local;
      return record(local.context, [local.input, local.suppressor ?? local.input], seconds);
    },
    /** Starts a recording without waiting for it (to run recordings on several pages at once); see collect. */
    pending: new Map(),
    startPeer(key, name, seconds) {
      this.pending.set(key, this.recordPeer(name, seconds));
    },
    startLocal(key, seconds) {
      this.pending.set(key, this.recordLocal(seconds));
    },
    async collect(key) {
      const r = await this.pending.get(key);
      this.pending.delete(key);
      return r;
    },
    latencies() {
      const ctx = window.hush.local.context;
      return { outputMs: 1000 * (ctx.outputLatency || 0), baseMs: 1000 * (ctx.baseLatency || 0) };
    },
    /**
     * Totals of the audio jitter buffers of this page's incoming calls (WebRTC stats); differences of two calls
     * give the mean buffering delay between them.
     */
    async jitterBuffer() {
      const total = { delayS: 0, emitted: 0, targetS: 0, accelerated: 0, decelerated: 0, concealed: 0 };
      for (const tile of window.hush.tiles.values()) {
        if (!tile.peer.pc) continue;
        const stats = await tile.peer.pc.getStats();
        stats.forEach((r) => {
          if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
          total.delayS += r.jitterBufferDelay || 0;
          total.targetS += r.jitterBufferTargetDelay || 0;
          total.emitted += r.jitterBufferEmittedCount || 0;
          total.accelerated += r.removedSamplesForAcceleration || 0;
          total.decelerated += r.insertedSamplesForDeceleration || 0;
          total.concealed += r.concealedSamples || 0;
        });
      }
      return total;
    },
    nowMs() {
      return performance.timeOrigin + performance.now();
    },
    /** Toggles the suppressor through the page's own switch; returns the wall-clock time of the click. */
    toggleAt() {
      const t = performance.timeOrigin + performance.now();
      document.getElementById('ns-toggle').click();
      return t;
    },
  };
})();
