package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.ArrayList;
import java.util.List;

/** Where a node's Flight server listens: {@code HOST:PORT}. */
public record NodeAddress(String host, int port) {
  public NodeAddress {
    requireNonNull(host, "host is null");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Parses {@code HOST:PORT} ({@code [v6]:PORT} for IPv6 literals). */
  public static NodeAddress parse(String text) {
    requireNonNull(text, "text is null");
    String trimmed = text.strip();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw bad(text, "expected HOST:PORT");
    }
    String host = trimmed.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(text, "the port is not a number");
    }
    if (port < 0 || port > 65535 || host.isEmpty()) {
      throw bad(
          text,
          port < 0 || port > 65535 ? "the port is out of range 0-65535" : "the host is empty");
    }
    return new NodeAddress(host, port);
  }

  /** Parses a comma-separated list of addresses; blank input gives an empty list. */
  public static List<NodeAddress> parseList(String text) {
    List<NodeAddress> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    return out;
  }

  private static QuarryException bad(String text, String why) {
    return new QuarryException(
        ErrorCode.INVALID_ARGUMENT, "Bad node address '" + text + "': " + why);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
