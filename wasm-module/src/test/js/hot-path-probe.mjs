// Counts calls from hush-dsp.wasm into JavaScript while it processes frames: the hot path must make none.
//   node hot-path-probe.mjs HUSH_WASM_DIR FRAMES  → prints "imports-during-frames N"
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, framesArg] = process.argv.slice(2);
const frames = Number.parseInt(framesArg, 10);
await import(pathToFileURL(join(dir, 'hush-dsp.wasm-runtime.js')).href);
let calls = 0;
const counted = new Map();
const teavm = await globalThis.TeaVM.wasmGC.load(readFileSync(join(dir, 'hush-dsp.wasm')), {
  nodejs: true,
  installImports(imports) {
    for (const [module, members] of Object.entries(imports)) {
      for (const [name, member] of Object.entries(members)) {
        if (typeof member !== 'function') continue;
        members[name] = function countedImport(...args) {
          calls++;
          const key = `${module}.${name}`;
          counted.set(key, (counted.get(key) ?? 0) + 1);
          return member.apply(this, args);
        };
      }
    }
  },
});
const dsp = teavm.exports;
const processFrames = teavm.instance.exports.hushProcess;
if (typeof processFrames !== 'function') throw new Error('raw export hushProcess missing');
if (dsp.create(null) !== '') throw new Error('create failed');
const input = dsp.inputSamples();
let seed = 1;
const warm = () => {
  for (let i = 0; i < 480; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    input[i] = seed / 4294967296 - 0.5;
  }
  processFrames(1);
};
for (let f = 0; f < 200; f++) warm();
calls = 0;
counted.clear();
for (let f = 0; f < frames; f++) warm();
console.log(`imports-during-frames ${calls}`);
for (const [key, n] of counted) console.log(`  ${key} ${n}`);
