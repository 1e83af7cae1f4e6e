package io.quarry.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception Quarry throws for anything a caller may see. The message is for a person: it
 * names the thing that was wrong (the CID, the file and offset, the line and column, the table).
 */
public class QuarryException extends RuntimeException {
  private final ErrorCode code;

  public QuarryException(ErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public QuarryException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorCategory category() {
    return code.category();
  }

  public static QuarryException user(ErrorCode code, String format, Object... args) {
    return new QuarryException(code, String.format(format, args));
  }

  public static QuarryException internal(String message, Throwable cause) {
    return new QuarryException(ErrorCode.INTERNAL_ERROR, message, cause);
  }
}
