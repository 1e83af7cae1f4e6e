package io.quarry.node.flight;

import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;

/**
 * A DoPut upload the node accepts besides Flight SQL's: descriptor commands {@code
 * quarry/<kind>/<argument>}.
 */
public interface NodePut {
  String kind();

  /** Reads the upload, then completes {@code ack} (or fails it). */
  void accept(
      CallContext context, String argument, FlightStream stream, StreamListener<PutResult> ack);

  static FlightDescriptor descriptor(String kind, String argument) {
    return FlightDescriptor.command(NodeTicket.ticket(kind, argument).getBytes());
  }
}
