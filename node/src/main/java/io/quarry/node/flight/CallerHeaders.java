package io.quarry.node.flight;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/** Keeps each call's request headers where handlers can read them (Flight hides them otherwise). */
public final class CallerHeaders implements FlightServerMiddleware {
  public static final Key<CallerHeaders> KEY = Key.of("quarry-caller-headers");

  private final CallHeaders headers;

  private CallerHeaders(CallHeaders headers) {
    this.headers = headers;
  }

  /** The factory a Flight server registers under {@link #KEY}. */
  public static Factory<CallerHeaders> factory() {
    return (CallInfo info, CallHeaders incoming, RequestContext context) ->
        new CallerHeaders(incoming);
  }

  /** The value of {@code name} in the call's headers, or null. */
  public static String get(CallContext context, String name) {
    CallerHeaders middleware = context.getMiddleware(KEY);
    return middleware == null ? null : middleware.headers.get(name);
  }

  @Override
  public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

  @Override
  public void onCallCompleted(CallStatus status) {}

  @Override
  public void onCallErrored(Throwable err) {}
}
