package dev.hush.server;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Join tokens: {@code EXPIRY.SIGNATURE}, where EXPIRY is in Unix seconds and SIGNATURE is the URL-safe
 * base64 of HMAC-SHA256(secret, "hush-join:v1\n" + room + "\n" + EXPIRY). A token admits to one room until it
 * expires; anyone holding the secret (the server, or an operator's script) can mint one.
 */
public final class JoinTokens {
  private static final String CONTEXT = "hush-join:v1\n";
  private final byte[] secret;

  public enum Verdict { VALID, INVALID, EXPIRED }

  public JoinTokens(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a join-token secret is required");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String mint(String room, long expiresAtEpochSeconds) {
    return expiresAtEpochSeconds + "." + sign(room, expiresAtEpochSeconds);
  }

  public Verdict verify(String token, String room, long nowEpochSeconds) {
    if (token == null) {
      return Verdict.INVALID;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot > 12) {
      return Verdict.INVALID;
    }
    long expiry;
    try {
      expiry = Long.parseLong(token.substring(0, dot));
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    byte[] expected = sign(room, expiry).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    // Constant-time: the signature check must not leak how many leading characters were right.
    if (!MessageDigest.isEqual(expected, given)) {
      return Verdict.INVALID;
    }
    return nowEpochSeconds < expiry ? Verdict.VALID : Verdict.EXPIRED;
  }

  private String sign(String room, long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal((CONTEXT + room + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
