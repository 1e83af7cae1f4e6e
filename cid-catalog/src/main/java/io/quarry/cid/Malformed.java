package io.quarry.cid;

/**
 * Internal signal that some encoded bytes or text are malformed, carrying only the reason. Public
 * entry points turn it into a {@link io.quarry.error.QuarryException} that also quotes the input,
 * so the reason is written once and the caller decides which error code applies.
 */
final class Malformed extends RuntimeException {
  Malformed(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
