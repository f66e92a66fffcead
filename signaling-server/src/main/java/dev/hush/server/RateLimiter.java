package dev.hush.server;

/**
 * Token bucket per connection: {@code burst} messages at once, refilled at {@code perSecond}.
 * Used only from the connection's own event loop, so it needs no locking.
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  RateLimiter(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
