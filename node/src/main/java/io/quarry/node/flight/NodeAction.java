package io.quarry.node.flight;

import org.apache.arrow.flight.FlightProducer.CallContext;

/** A Flight action the node serves besides Flight SQL's own: a name, a description, a handler. */
public interface NodeAction {
  String type();

  String description();

  /** Answers one call: the request body in, one result body out. */
  byte[] handle(CallContext context, byte[] body);
}
