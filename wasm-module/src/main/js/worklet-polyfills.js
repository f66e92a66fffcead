// AudioWorkletGlobalScope lacks globals the TeaVM module needs. TextDecoder: the loader reads the module's JSON custom
// sections. Loaded with addModule before the TeaVM runtime. UTF-8 only: that is all the loader decodes.
if (typeof globalThis.TextDecoder === 'undefined') {
  globalThis.TextDecoder = class TextDecoder {
    constructor(label = 'utf-8') {
      const name = String(label).toLowerCase();
      if (name !== 'utf-8' && name !== 'utf8') {
        throw new RangeError(`TextDecoder polyfill: only UTF-8 is supported, not ${label}`);
      }
      this.encoding = 'utf-8';
    }

    decode(input) {
      if (input === undefined) return '';
      const bytes = input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      let out = '';
      for (let i = 0; i < bytes.length;) {
        const b = bytes[i++];
        let cp;
        if (b < 0x80) cp = b;
        else if (b >= 0xc0 && b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
        else if (b >= 0xe0 && b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
        else if (b >= 0xf0 && b < 0xf8) {
          cp = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
        } else cp = 0xfffd;
        out += String.fromCodePoint(cp);
      }
      return out;
    }
  };
}

// TeaVM's Runtime.availableProcessors() reads navigator.hardwareConcurrency, and JTransforms asks for it (via
// JLargeArrays' ConcurrencyUtils) on its first transform. The worklet has no navigator; it is also one thread, so 1
// is the true answer and keeps JTransforms on its single-threaded paths.
if (typeof globalThis.navigator === 'undefined') {
  globalThis.navigator = { hardwareConcurrency: 1 };
}
