package dev.hush.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signaling protocol version 1 (docs/protocol.md): parsing and strict validation of what clients send,
 * and the messages the server sends. Anything not exactly as documented is refused with an error code.
 */
public final class Protocol {
  public static final int VERSION = 1;

  /** Error codes a client can receive in {@code {"type":"error","code":...}}. */
  public static final String BAD_JSON = "bad-json";
  public static final String BAD_MESSAGE = "bad-message";
  public static final String UNSUPPORTED_VERSION = "unsupported-version";
  public static final String UNKNOWN_TYPE = "unknown-type";
  public static final String TOO_LARGE = "too-large";
  public static final String BINARY_UNSUPPORTED = "binary-unsupported";
  public static final String RATE_LIMITED = "rate-limited";
  public static final String NOT_IN_ROOM = "not-in-room";
  public static final String ALREADY_JOINED = "already-joined";
  public static final String ROOM_FULL = "room-full";
  public static final String TOKEN_REQUIRED = "token-required";
  public static final String TOKEN_INVALID = "token-invalid";
  public static final String TOKEN_EXPIRED = "token-expired";
  public static final String UNKNOWN_PEER = "unknown-peer";
  public static final String SERVER_BUSY = "server-busy";
  public static final String IDLE_TIMEOUT = "idle-timeout";

  public static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  public static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{16}");
  public static final int MAX_NAME_CODE_POINTS = 64;
  public static final int MAX_TOKEN_CHARS = 512;
  public static final int MAX_CANDIDATE_CHARS = 2048;
  public static final int MAX_REF_CHARS = 64;

  private static final Set<String> COMMON = Set.of("v", "type", "id");
  private static final Map<String, Set<String>> FIELDS = Map.of(
      "join", Set.of("room", "name", "token"),
      "offer", Set.of("to", "sdp"),
      "answer", Set.of("to", "sdp"),
      "candidate", Set.of("to", "candidate"),
      "leave", Set.of(),
      "ping", Set.of());
  private static final Set<String> CANDIDATE_FIELDS = Set.of("candidate", "sdpMid", "sdpMLineIndex",
      "usernameFragment");
  public static final List<String> RELAYED_TYPES = List.of("offer", "answer", "candidate");

  private static final SecureRandom RANDOM = new SecureRandom();

  private Protocol() {
  }

  /**
   * Parses and validates one text message. The returned object is the client's own, checked field by field:
   * every field is of the documented type and size and no undocumented field is present.
   */
  public static JsonObject parse(String text, int maxMessageBytes) throws ProtocolException {
    // A char is at most 3 UTF-8 bytes; count exactly only near the limit.
    if ((long) text.length() * 3 > maxMessageBytes
        && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
      throw new ProtocolException(TOO_LARGE, "message larger than " + maxMessageBytes + " bytes");
    }
    JsonObject msg;
    try {
      Object value = io.vertx.core.json.Json.decodeValue(text);
      if (!(value instanceof JsonObject o)) {
        throw new ProtocolException(BAD_JSON, "a message must be a JSON object");
      }
      msg = o;
    } catch (DecodeException e) {
      throw new ProtocolException(BAD_JSON, "not valid JSON");
    }
    Object ref = msg.getValue("id");
    if (ref != null && !(ref instanceof String s && s.length() <= MAX_REF_CHARS)
        && !(ref instanceof Integer || ref instanceof Long)) {
      throw new ProtocolException(BAD_MESSAGE, "\"id\" must be a string of at most " + MAX_REF_CHARS
          + " characters or an integer");
    }
    try {
      Object v = msg.getValue("v");
      if (!(v instanceof Integer version)) {
        throw new ProtocolException(BAD_MESSAGE, "\"v\" (protocol version, an integer) is required");
      }
      if (version != VERSION) {
        throw new ProtocolException(UNSUPPORTED_VERSION, "this server speaks protocol version " + VERSION);
      }
      if (!(msg.getValue("type") instanceof String type)) {
        throw new ProtocolException(BAD_MESSAGE, "\"type\" (a string) is required");
      }
      Set<String> allowed = FIELDS.get(type);
      if (allowed == null) {
        throw new ProtocolException(UNKNOWN_TYPE, "unknown message type");
      }
      for (String field : msg.fieldNames()) {
        if (!COMMON.contains(field) && !allowed.contains(field)) {
          throw new ProtocolException(BAD_MESSAGE, "unexpected field \"" + truncate(field) + "\" in " + type);
        }
      }
      switch (type) {
        case "join" -> {
          requireMatch(msg, "room", ROOM, "1-64 characters of A-Z a-z 0-9 _ -");
          validName(msg.getValue("name"));
          Object token = msg.getValue("token");
          if (token != null && !(token instanceof String t && t.length() <= MAX_TOKEN_CHARS)) {
            throw new ProtocolException(BAD_MESSAGE, "\"token\" must be a string of at most "
                + MAX_TOKEN_CHARS + " characters");
          }
        }
        case "offer", "answer" -> {
          requireMatch(msg, "to", PEER_ID, "a peer id");
          if (!(msg.getValue("sdp") instanceof String sdp) || sdp.isEmpty()) {
            throw new ProtocolException(BAD_MESSAGE, "\"sdp\" (a non-empty string) is required");
          }
        }
        case "candidate" -> {
          requireMatch(msg, "to", PEER_ID, "a peer id");
          if (!msg.containsKey("candidate")) {
            throw new ProtocolException(BAD_MESSAGE, "\"candidate\" is required (null ends the candidates)");
          }
          validCandidate(msg.getValue("candidate"));
        }
        default -> {
          // leave and ping carry nothing but the common fields
        }
      }
      return msg;
    } catch (ProtocolException e) {
      throw e.withRef(ref);
    }
  }

  private static void requireMatch(JsonObject msg, String field, Pattern pattern, String what)
      throws ProtocolException {
    if (!(msg.getValue(field) instanceof String s) || !pattern.matcher(s).matches()) {
      throw new ProtocolException(BAD_MESSAGE, "\"" + field + "\" must be " + what);
    }
  }

  /** Display names are plain text shown with textContent by clients; here they are only bounded. */
  private static void validName(Object value) throws ProtocolException {
    if (!(value instanceof String name) || name.isBlank()) {
      throw new ProtocolException(BAD_MESSAGE, "\"name\" (a non-blank string) is required");
    }
    if (name.codePointCount(0, name.length()) > MAX_NAME_CODE_POINTS) {
      throw new ProtocolException(BAD_MESSAGE, "\"name\" is longer than " + MAX_NAME_CODE_POINTS + " characters");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
          || Character.getType(cp) == Character.SURROGATE) {
        throw new ProtocolException(BAD_MESSAGE, "\"name\" contains control characters");
      }
      i += Character.charCount(cp);
    }
  }

  private static void validCandidate(Object value) throws ProtocolException {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject c)) {
      throw new ProtocolException(BAD_MESSAGE, "\"candidate\" must be an RTCIceCandidateInit object or null");
    }
    for (String field : c.fieldNames()) {
      if (!CANDIDATE_FIELDS.contains(field)) {
        throw new ProtocolException(BAD_MESSAGE, "unexpected field \"" + truncate(field) + "\" in candidate");
      }
    }
    if (!(c.getValue("candidate") instanceof String s) || s.length() > MAX_CANDIDATE_CHARS) {
      throw new ProtocolException(BAD_MESSAGE, "candidate.candidate must be a string of at most "
          + MAX_CANDIDATE_CHARS + " characters");
    }
    Object mid = c.getValue("sdpMid");
    if (mid != null && !(mid instanceof String m && m.length() <= 64)) {
      throw new ProtocolException(BAD_MESSAGE, "candidate.sdpMid must be a short string or null");
    }
    Object index = c.getValue("sdpMLineIndex");
    if (index != null && !(index instanceof Integer i && i >= 0 && i <= 65535)) {
      throw new ProtocolException(BAD_MESSAGE, "candidate.sdpMLineIndex must be an integer 0..65535 or null");
    }
    Object ufrag = c.getValue("usernameFragment");
    if (ufrag != null && !(ufrag instanceof String u && u.length() <= 256)) {
      throw new ProtocolException(BAD_MESSAGE, "candidate.usernameFragment must be a short string or null");
    }
  }

  private static String truncate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }

  /** 96 random bits, URL-safe: 16 characters. */
  public static String newPeerId() {
    return randomToken(12);
  }

  /** 128 random bits behind an "r-" prefix: a room nobody can guess. */
  public static String newRoomName() {
    return "r-" + randomToken(16);
  }

  private static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // ---- messages the server sends ----

  static JsonObject message(String type) {
    return new JsonObject().put("v", VERSION).put("type", type);
  }

  public static JsonObject hello(ServerConfig config) {
    return message("hello").put("maxMessageBytes", config.maxMessageBytes())
        .put("idleTimeoutMs", config.idleTimeoutMillis()).put("roomCapacity", config.roomCapacity())
        .put("tokensRequired", config.requireTokens());
  }

  public static JsonObject joined(Object ref, String room, String peerId, JsonArray peers, JsonArray iceServers,
      int capacity) {
    return withRef(message("joined"), ref).put("room", room).put("peerId", peerId).put("peers", peers)
        .put("iceServers", iceServers).put("capacity", capacity);
  }

  public static JsonObject peerJoined(JsonObject peer) {
    return message("peer-joined").put("peer", peer);
  }

  public static JsonObject peerLeft(String peerId, String reason) {
    return message("peer-left").put("peerId", peerId).put("reason", reason);
  }

  public static JsonObject left(Object ref) {
    return withRef(message("left"), ref);
  }

  public static JsonObject pong(Object ref) {
    return withRef(message("pong"), ref);
  }

  public static JsonObject error(String code, String text, Object ref) {
    return withRef(message("error"), ref).put("code", code).put("message", text);
  }

  public static JsonObject shutdown(String reason) {
    return message("shutdown").put("reason", reason);
  }

  /** The relayed copy of an offer/answer/candidate: same payload, "to" replaced by the sender in "from". */
  public static JsonObject relayed(JsonObject msg, String from) {
    JsonObject out = message(msg.getString("type")).put("from", from);
    if (msg.containsKey("sdp")) {
      out.put("sdp", msg.getString("sdp"));
    }
    if (msg.containsKey("candidate")) {
      out.put("candidate", msg.getValue("candidate"));
    }
    return out;
  }

  private static JsonObject withRef(JsonObject o, Object ref) {
    return ref == null ? o : o.put("ref", ref);
  }
}
