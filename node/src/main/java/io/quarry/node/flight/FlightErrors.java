package io.quarry.node.flight;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;

/** Quarry errors as Flight call statuses: the edge where error codes become gRPC codes. */
public final class FlightErrors {
  /** The gRPC metadata key that carries the {@link ErrorCode} name of a Quarry error. */
  public static final String CODE_KEY = "quarry-error-code";

  private FlightErrors() {}

  public static FlightRuntimeException toFlight(Throwable failure) {
    if (failure instanceof FlightRuntimeException flight) {
      return flight;
    }
    QuarryException quarry = find(failure);
    if (quarry == null) {
      String message =
          failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
      return CallStatus.INTERNAL
          .withDescription("internal error: " + message)
          .withCause(failure)
          .toRuntimeException();
    }
    ErrorFlightMetadata metadata = new ErrorFlightMetadata();
    metadata.insert(CODE_KEY, quarry.code().name());
    return status(quarry.code())
        .withDescription(quarry.getMessage())
        .withCause(quarry)
        .withMetadata(metadata)
        .toRuntimeException();
  }

  /**
   * The Quarry error a failed call carries: the original code and message when a Quarry node raised
   * it, else REMOTE_ERROR with the status's description.
   */
  public static QuarryException fromFlight(FlightRuntimeException e, String where) {
    String message = e.status().description();
    if (message == null || message.isBlank()) {
      message = e.status().code() + " from " + where;
    }
    ErrorFlightMetadata metadata = e.status().metadata();
    // ErrorFlightMetadata.get throws on a missing key (a call that failed before a node answered).
    String code =
        metadata == null || !metadata.containsKey(CODE_KEY) ? null : metadata.get(CODE_KEY);
    if (code != null) {
      try {
        return new QuarryException(ErrorCode.valueOf(code), message, e);
      } catch (IllegalArgumentException unknown) {
        // A newer node's code: fall through to a remote error with its message.
      }
    }
    return new QuarryException(ErrorCode.REMOTE_ERROR, message, e);
  }

  private static CallStatus status(ErrorCode code) {
    if (code == ErrorCode.NOT_FOUND) {
      return CallStatus.NOT_FOUND;
    }
    if (code == ErrorCode.UNSUPPORTED) {
      return CallStatus.UNIMPLEMENTED;
    }
    if (code == ErrorCode.QUERY_CANCELLED) {
      return CallStatus.CANCELLED;
    }
    return switch (code.category()) {
      case USER -> CallStatus.INVALID_ARGUMENT;
      case RESOURCES -> CallStatus.RESOURCE_EXHAUSTED;
      case EXTERNAL -> CallStatus.UNAVAILABLE;
      case INTERNAL -> CallStatus.INTERNAL;
    };
  }

  private static QuarryException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof QuarryException q) {
        return q;
      }
    }
    return null;
  }
}
