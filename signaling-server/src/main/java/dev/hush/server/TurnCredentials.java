package dev.hush.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * Time-limited TURN credentials by the TURN REST API convention (as coturn's use-auth-secret implements it):
 * username = "EXPIRY:USER" with EXPIRY in Unix seconds, credential = base64(HMAC-SHA1(secret, username)).
 * The TURN server recomputes the HMAC with the same shared secret and refuses expired usernames.
 */
public final class TurnCredentials {
  private final byte[] secret;
  private final List<String> urls;
  private final long ttlSeconds;

  public TurnCredentials(String secret, List<String> urls, long ttlSeconds) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.urls = List.copyOf(urls);
    this.ttlSeconds = ttlSeconds;
  }

  /** An RTCIceServer entry for one peer, valid for the configured lifetime from {@code nowEpochSeconds}. */
  public JsonObject iceServerFor(String user, long nowEpochSeconds) {
    String username = (nowEpochSeconds + ttlSeconds) + ":" + user;
    return new JsonObject().put("urls", new JsonArray(urls)).put("username", username)
        .put("credential", credential(username));
  }

  public String credential(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }
}
