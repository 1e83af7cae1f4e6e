package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;

/** Adds {@code authorization: Bearer <token>} to every call of a Flight client. */
final class BearerTokenMiddleware implements FlightClientMiddleware {
  private final String header;

  private BearerTokenMiddleware(String header) {
    this.header = header;
  }

  static FlightClientMiddleware.Factory factory(String token) {
    String header = TokenAuthenticator.BEARER + requireNonNull(token, "token is null");
    return (CallInfo info) -> new BearerTokenMiddleware(header);
  }

  @Override
  public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
    outgoingHeaders.insert(TokenAuthenticator.HEADER, header);
  }

  @Override
  public void onHeadersReceived(CallHeaders incomingHeaders) {}

  @Override
  public void onCallCompleted(CallStatus status) {}
}
