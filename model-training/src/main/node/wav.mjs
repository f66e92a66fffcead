// Minimal mono WAV I/O for the peer-denoiser scripts: reads PCM16 / float32, writes float32.
import { readFileSync, writeFileSync } from 'node:fs';

export function readWav(path) {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${path}: not a RIFF/WAVE file`);
  }
  let pos = 12, format = -1, channels = 0, rate = 0, bits = 0;
  while (pos + 8 <= b.length) {
    const id = b.toString('ascii', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      format = b.readUInt16LE(body); channels = b.readUInt16LE(body + 2);
      rate = b.readUInt32LE(body + 4); bits = b.readUInt16LE(body + 14);
      if (format === 0xfffe) format = b.readUInt16LE(body + 24);
    } else if (id === 'data') {
      const len = Math.min(size, b.length - body);
      const frameBytes = (bits / 8) * channels;
      const n = Math.floor(len / frameBytes);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const p = body + i * frameBytes; // channel 0
        if (format === 3 && bits === 32) out[i] = b.readFloatLE(p);
        else if (format === 1 && bits === 16) out[i] = b.readInt16LE(p) / 32768;
        else throw new Error(`${path}: unsupported WAV format ${format}/${bits} bits`);
      }
      return { samples: out, sampleRate: rate, channels };
    }
    pos = body + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

export function writeWavFloat(path, samples, rate) {
  const h = Buffer.alloc(44);
  const dataBytes = samples.length * 4;
  h.write('RIFF', 0); h.writeUInt32LE(36 + dataBytes, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(3, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 4, 28); h.writeUInt16LE(4, 32); h.writeUInt16LE(32, 34);
  h.write('data', 36); h.writeUInt32LE(dataBytes, 40);
  const d = Buffer.from(new Float32Array(samples).buffer);
  writeFileSync(path, Buffer.concat([h, d]));
}
