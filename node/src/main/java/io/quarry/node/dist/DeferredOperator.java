package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.Operator;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An operator obtained on its first {@link #next()}, not when the plan is built: the exchange that
 * reads it then dispatches its fragments from its worker threads, in parallel, instead of one after
 * another while the operator tree is assembled. Closed before it was read, it obtains nothing.
 */
final class DeferredOperator implements Operator {
  private final Schema schema;
  private final Supplier<Operator> obtain;
  private Operator source;
  private boolean closed;

  DeferredOperator(Schema schema, Supplier<Operator> obtain) {
    this.schema = requireNonNull(schema, "schema is null");
    this.obtain = requireNonNull(obtain, "obtain is null");
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    if (source == null) {
      source = obtain.get();
    }
    return source.next();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (source != null) {
      source.close();
    }
  }
}
