package io.quarry.node.flight;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/** Quarry errors as Flight call statuses: the edge where error codes become gRPC codes. */
public final class FlightErrors {
  private FlightErrors() {}

  public static FlightRuntimeException toFlight(Throwable failure) {
    if (failure instanceof FlightRuntimeException flight) {
      return flight;
    }
    QuarryException quarry = find(failure);
    if (quarry == null) {
      String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
      return CallStatus.INTERNAL.withDescription("internal error: " + message).withCause(failure).toRuntimeException();
    }
    return status(quarry.code()).withDescription(quarry.getMessage()).withCause(quarry).toRuntimeException();
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
