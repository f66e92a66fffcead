globalThis.probe = 1;
