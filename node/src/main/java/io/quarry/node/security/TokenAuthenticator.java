package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Lets a call through only when it carries {@code authorization: Bearer <token>} with the cluster's
 * token: every Flight SQL call of a client, every action, and every call between nodes.
 */
public final class TokenAuthenticator implements CallHeaderAuthenticator {
  static final String HEADER = "authorization";
  static final String BEARER = "Bearer ";

  private final byte[] token;

  public TokenAuthenticator(String token) {
    this.token = requireNonNull(token, "token is null").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String value = headers.get(HEADER);
    if (value == null) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription(
              "This node requires a client token: the call has no 'authorization: Bearer <token>'"
                  + " header (quarry --token-file FILE, jdbc:quarry://…;token=…, Arrow Flight SQL"
                  + " JDBC token=…)")
          .toRuntimeException();
    }
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription(
              "This node requires a bearer token: the 'authorization' header is not 'Bearer"
                  + " <token>'")
          .toRuntimeException();
    }
    byte[] given = value.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("The client token is wrong: it is not this cluster's token")
          .toRuntimeException();
    }
    return () -> "client";
  }
}
