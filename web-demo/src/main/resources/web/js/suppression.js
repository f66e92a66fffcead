// Everything the page knows about noise suppression goes through the WASM module's public API
// (/wasm/hush-noise-suppressor.js). This file only picks the model and names the states for the UI.
import { createNoiseSuppressor, unsupportedReason } from '/wasm/hush-noise-suppressor.js';

const MANIFEST_URL = '/models/manifest.json';

/**
 * The server's model list ({models:[{name,version,sha256,url}], default}) → options for createNoiseSuppressor
 * and a label. No model on the server → the model-free classic estimator.
 */
export async function chooseModel() {
  let manifest;
  try {
    const response = await fetch(MANIFEST_URL, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    manifest = await response.json();
  } catch (e) {
    return { options: {}, label: 'classic estimator', note: `model list unavailable (${e.message})` };
  }
  const models = Array.isArray(manifest.models) ? manifest.models : [];
  const model = models.find((m) => m.name === manifest.default) ?? models[0];
  if (!model) return { options: {}, label: 'classic estimator', note: 'the server has no model' };
  return {
    options: { modelUrl: model.url, modelSha256: model.sha256, modelVersion: `${model.name} ${model.version}` },
    label: `${model.name} ${model.version}`,
    note: null,
  };
}

/**
 * A suppressor node, or {node:null, reason} when Web Audio cannot host one at all (then the caller passes the
 * microphone straight through).
 */
export async function createSuppressor(context, model, extra = {}) {
  try {
    const node = await createNoiseSuppressor(context, { ...model.options, ...extra });
    return { node, reason: null };
  } catch (e) {
    return { node: null, reason: e.message };
  }
}

/**
 * UI state of a suppressor: loading | ready | overload | unsupported | model-failed | failed, with a reason for
 * the passthrough ones.
 */
export function describe(node, missingReason = null) {
  if (node === null) return { state: 'unsupported', reason: missingReason ?? 'AudioWorklet is not available' };
  const s = node.stats();
  if (s.state === 'loading') return { state: 'loading', reason: null };
  if (s.state === 'fallback') {
    const reason = s.fallbackReason ?? 'unknown';
    if (unsupportedReason() !== null) return { state: 'unsupported', reason };
    if (/^model (unavailable|rejected)/.test(reason)) return { state: 'model-failed', reason };
    return { state: 'failed', reason };
  }
  if (s.overloaded) return { state: 'overload', reason: `compute over budget (${fmt(s.computeMsPerFrame)} ms per 10 ms frame)` };
  return { state: 'ready', reason: null };
}

function fmt(x) {
  return x == null || Number.isNaN(x) ? '?' : x.toFixed(1);
}
