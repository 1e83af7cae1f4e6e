package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.scan.FilterStages;
import io.quarry.exec.scan.ShardReader;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one shard: only the scan's columns, skipping row groups whose statistics prove the scan
 * filter false, decoding pages straight into Arrow vectors. With a filter, the columns it reads are
 * decoded first and the compiled filter picks the passing rows; the other columns are decoded only
 * at those rows.
 */
public final class ScanOperator implements SelectiveOperator {
  private final ScanNode node;
  private final ExecContext ctx;
  private final Schema schema;
  private final List<ShardReader.FilterStage> stages;
  private ShardReader reader;
  private int[] selection = new int[0];
  private boolean closed;

  public ScanOperator(ScanNode node, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
    this.stages = node.filter() == null ? List.of() : FilterStages.of(node.filter());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /**
   * Reads through {@code reader}, opened for this scan (and perhaps limited to some row ranges of
   * the shard), instead of opening the shard at the first next(); this operator then owns it.
   */
  void readWith(ShardReader reader) {
    if (this.reader != null || closed) {
      throw new IllegalStateException("the scan has started");
    }
    this.reader = requireNonNull(reader, "reader is null");
  }

  /** Row groups decoded so far (the rest of those passed were pruned by statistics). */
  public int rowGroupsRead() {
    return reader == null ? 0 : reader.rowGroupsRead();
  }

  /** Row groups skipped so far because their statistics prove the filter false. */
  public int rowGroupsSkipped() {
    return reader == null ? 0 : reader.rowGroupsSkipped();
  }

  @Override
  public VectorSchemaRoot next() {
    Selected s = nextSelected();
    return s == null ? null : s.batch();
  }

  @Override
  public Selected nextSelected() {
    if (closed) {
      return null;
    }
    if (reader == null) {
      reader = ShardReader.open(ctx.shards().pathOf(node.shard()), node, ctx.allocator());
    }
    if (!stages.isEmpty() && selection.length < ctx.batchSize()) {
      selection = new int[ctx.batchSize()];
    }
    VectorSchemaRoot batch = reader.next(ctx.batchSize(), stages, selection);
    return batch == null ? null : new Selected(batch, null, batch.getRowCount());
  }

  @Override
  public void close() {
    closed = true;
    if (reader != null) {
      reader.close();
    }
  }
}
