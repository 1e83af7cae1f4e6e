package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.CachedOperator;
import io.quarry.cid.Cid;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.vector.Batches;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One fragment's stream as EXPLAIN ANALYZE sees it: the fragment is requested on the first next()
 * (so its time runs from the request to the end of its stream), and every batch's rows and Arrow
 * buffer bytes are counted as they pass. When the stream ends, a {@link CachedOperator} source
 * tells where the rows came from and the result's CID.
 */
final class ProfiledOperator implements Operator {
  private final FragmentProfile profile;
  private final Supplier<Operator> request;
  private final Schema schema;
  private Operator source;
  private boolean ended;
  private boolean closed;

  ProfiledOperator(FragmentProfile profile, PlanNode fragment, Supplier<Operator> request) {
    this.profile = requireNonNull(profile, "profile is null");
    this.request = requireNonNull(request, "request is null");
    this.schema = ArrowTypes.toSchema(fragment.schema());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed || ended) {
      return null;
    }
    if (source == null) {
      profile.started();
      source = request.get();
    }
    VectorSchemaRoot batch = source.next();
    if (batch == null) {
      ended = true;
      end(true);
      return null;
    }
    profile.received(batch.getRowCount(), Batches.bufferBytes(batch));
    return batch;
  }

  private void end(boolean complete) {
    String level = "computed";
    Cid result = null;
    if (source instanceof CachedOperator cached) {
      level = cached.level().orElse("computed");
      result = cached.resultCid().orElse(null);
    }
    profile.ended(complete, level, result);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (source != null) {
      if (!ended) {
        end(false);
      }
      source.close();
    }
  }
}
