package dev.hush.server;

/** Placeholder replaced by the load benchmark. */
final class SignalingBench {
  private SignalingBench() {
  }

  static void main(String[] args) {
    throw new UnsupportedOperationException("bench not built yet");
  }
}
