package io.quarry.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code jdbc:quarry:} URL. Forms:
 *
 * <ul>
 *   <li>{@code jdbc:quarry:local:DIR} — embedded engine over the store at DIR;
 *   <li>{@code jdbc:quarry:mem:} — embedded engine over a fresh temporary store deleted on close;
 *   <li>{@code jdbc:quarry://HOST:PORT} — a running node.
 * </ul>
 *
 * Connection properties may follow as {@code ;key=value} pairs, e.g. {@code
 * jdbc:quarry:local:/data/store;cache=off;memoryLimit=2GB}.
 */
public record QuarryUrl(
    Kind kind, Path directory, String host, int port, Map<String, String> properties) {
  public static final String PREFIX = "jdbc:quarry:";

  /** Where the engine runs. */
  public enum Kind {
    LOCAL,
    MEM,
    REMOTE
  }

  public QuarryUrl {
    requireNonNull(kind, "kind is null");
    requireNonNull(properties, "properties is null");
    properties = Map.copyOf(properties);
  }

  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  public static QuarryUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw new SQLException("Not a Quarry URL (expected jdbc:quarry:...): " + url, "08001");
    }
    String rest = url.substring(PREFIX.length());
    String shown = redact(url);
    String[] parts = rest.split(";", -1);
    String target = parts[0];
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String pair = parts[i];
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new SQLException(
            "Bad connection property '" + pair + "' in URL " + shown + " (expected ;key=value)",
            "08001");
      }
      props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    if (target.startsWith("local:")) {
      String dir = target.substring("local:".length());
      if (dir.isEmpty()) {
        throw new SQLException(
            "Missing store directory in " + shown + " (expected jdbc:quarry:local:DIR)", "08001");
      }
      return new QuarryUrl(Kind.LOCAL, Path.of(dir), null, 0, props);
    }
    if (target.equals("mem:") || target.equals("mem")) {
      return new QuarryUrl(Kind.MEM, null, null, 0, props);
    }
    if (target.startsWith("//")) {
      String hostPort = target.substring(2);
      if (hostPort.endsWith("/")) {
        hostPort = hostPort.substring(0, hostPort.length() - 1);
      }
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0 || colon == hostPort.length() - 1) {
        throw new SQLException(
            "Bad host:port '" + hostPort + "' in " + shown + " (expected jdbc:quarry://HOST:PORT)",
            "08001");
      }
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new SQLException(
            "Bad port in " + shown + ": " + hostPort.substring(colon + 1), "08001");
      }
      if (port < 1 || port > 65535) {
        throw new SQLException("Port out of range in " + shown + ": " + port, "08001");
      }
      return new QuarryUrl(Kind.REMOTE, null, hostPort.substring(0, colon), port, props);
    }
    throw new SQLException(
        "Unknown Quarry URL form: "
            + shown
            + " (expected jdbc:quarry:local:DIR, jdbc:quarry:mem: or jdbc:quarry://HOST:PORT)",
        "08001");
  }

  /** The URL with the value of its {@code token} property hidden, for messages and metadata. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(?i)(;\\s*token\\s*=)[^;]*", "$1***");
  }
}
