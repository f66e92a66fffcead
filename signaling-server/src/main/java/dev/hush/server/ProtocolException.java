package dev.hush.server;

/** A client message the server refuses; becomes an {@code error} message to that client only. */
public final class ProtocolException extends Exception {
  private final String code;
  private final Object ref;

  public ProtocolException(String code, String message) {
    this(code, message, null);
  }

  public ProtocolException(String code, String message, Object ref) {
    super(message, null, false, false);
    this.code = code;
    this.ref = ref;
  }

  public String code() {
    return code;
  }

  public Object ref() {
    return ref;
  }

  public ProtocolException withRef(Object newRef) {
    return new ProtocolException(code, getMessage(), newRef);
  }
}
