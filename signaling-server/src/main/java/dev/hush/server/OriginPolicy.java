package dev.hush.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the signaling socket. Browsers send Origin on every WebSocket handshake, so a
 * page from another site is refused unless listed; clients that send no Origin (not a browser) are let in.
 * With no list configured only the server's own origin is allowed.
 */
final class OriginPolicy {
  private final boolean any;
  private final Set<String> allowed;
  private final boolean tls;

  OriginPolicy(List<String> allowedOrigins, boolean tls) {
    this.any = allowedOrigins.contains("*");
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    this.tls = tls;
  }

  boolean allows(String origin, String hostHeader) {
    if (origin == null) {
      return true;
    }
    if (any) {
      return true;
    }
    String o = normalize(origin);
    if (!allowed.isEmpty()) {
      return allowed.contains(o);
    }
    return hostHeader != null && o.equals((tls ? "https://" : "http://") + hostHeader.toLowerCase(Locale.ROOT));
  }

  private static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
