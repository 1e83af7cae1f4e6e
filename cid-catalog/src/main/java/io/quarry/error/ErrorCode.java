package io.quarry.error;

/** Every error Quarry reports, each in one category. Add codes here rather than inventing strings. */
public enum ErrorCode {
  // USER
  MALFORMED_CID(ErrorCategory.USER),
  MALFORMED_INPUT(ErrorCategory.USER),
  CORRUPT_DATA(ErrorCategory.USER),
  NOT_FOUND(ErrorCategory.USER),
  SYNTAX_ERROR(ErrorCategory.USER),
  VALIDATION_ERROR(ErrorCategory.USER),
  TYPE_MISMATCH(ErrorCategory.USER),
  UNSUPPORTED(ErrorCategory.USER),
  DIVISION_BY_ZERO(ErrorCategory.USER),
  NUMERIC_OVERFLOW(ErrorCategory.USER),
  INVALID_ARGUMENT(ErrorCategory.USER),
  // INTERNAL
  INTERNAL_ERROR(ErrorCategory.INTERNAL),
  // EXTERNAL
  IO_ERROR(ErrorCategory.EXTERNAL),
  REMOTE_ERROR(ErrorCategory.EXTERNAL),
  // RESOURCES
  MEMORY_LIMIT_EXCEEDED(ErrorCategory.RESOURCES),
  QUERY_CANCELLED(ErrorCategory.RESOURCES);

  private final ErrorCategory category;

  ErrorCode(ErrorCategory category) {
    this.category = category;
  }

  public ErrorCategory category() {
    return category;
  }
}
