package io.quarry.node.flight;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.Ticket;

/**
 * A DoGet stream the node serves besides Flight SQL's: tickets {@code quarry/<kind>/<argument>},
 * which can never be mistaken for Flight SQL's protobuf Any tickets.
 */
public interface NodeTicket {
  String PREFIX = "quarry/";

  /** The kind this handler serves, e.g. {@code block}. */
  String kind();

  void stream(CallContext context, String argument, ServerStreamListener listener);

  static Ticket ticket(String kind, String argument) {
    return new Ticket((PREFIX + kind + "/" + argument).getBytes(StandardCharsets.UTF_8));
  }

  /** The {kind, argument} of a node ticket, or null when the ticket is someone else's. */
  static String[] parse(Ticket ticket) {
    byte[] bytes = ticket.getBytes();
    byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < prefix.length
        || !Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length)) {
      return null;
    }
    String rest =
        new String(bytes, prefix.length, bytes.length - prefix.length, StandardCharsets.UTF_8);
    int slash = rest.indexOf('/');
    return slash < 0 ? null : new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }
}
