package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.GroupTable;
import io.quarry.exec.hash.KeyEncoder;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash join with the right input as build side. All build batches are collected into one batch
 * (an exchange's inputs drained by several threads at once, see {@link BuildDrain});
 * their keys go into a {@link GroupTable} (one entry per distinct key) and rows with the same key
 * are chained in build order ({@link JoinBuild}); joins of one query over the same build input and
 * keys, such as the per-shard fragments of one join, share a single build ({@link
 * SharedJoinBuilds}). Each probe batch is encoded the same way and looked up row by row; candidate
 * pairs are produced in chunks of at most batchSize, filtered by the residual, and turned into
 * output by gathering both sides. Without keys every build row is a candidate (nested loop). NULL
 * keys never match; unmatched rows of either side are emitted as the join kind demands.
 */
public final class HashJoinOperator implements Operator {
  private enum Stage {
    BUILD,
    PROBE,
    BUILD_REST,
    DONE
  }

  private final Operator left;
  private final Operator right;
  private final ExecContext ctx;
  private final JoinKind kind;
  private final Schema schema;
  private final int leftWidth;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final int[] keyScales;
  private final JoinResidual residual;
  private final boolean leftOnly;
  private final int cap;
  private Stage stage = Stage.BUILD;
  private final SharedJoinBuilds.Lease lease;
  private JoinBuild build;
  private int buildRows;
  private GroupTable table;
  private int[] chainHead; // per key group: first build row
  private int[] chainNext; // per build row: next row with the same key
  private boolean[] buildMatched;
  private KeyEncoder probeEncoder;
  private VectorSchemaRoot probe;
  private int probeRows;
  private int[] firstMatch = new int[0];
  private boolean[] leftMatched = new boolean[0];
  private int probeRow;
  private int cursor;
  private int buildRestRow;
  private int[] pairLeft = new int[0]; // allocated on first probe: unused fragments stay small
  private int[] pairRight = new int[0];
  private boolean closed;

  public HashJoinOperator(JoinNode node, Operator left, Operator right, ExecContext ctx) {
    requireNonNull(node, "node is null");
    this.left = requireNonNull(left, "left is null");
    this.right = requireNonNull(right, "right is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.kind = node.kind();
    this.schema = ArrowTypes.toSchema(node.schema());
    this.leftOnly = kind == JoinKind.SEMI || kind == JoinKind.ANTI;
    List<Column> leftColumns = node.left().schema();
    List<Column> rightColumns = node.right().schema();
    this.leftWidth = leftColumns.size();
    this.leftKeys = node.leftKeys().stream().mapToInt(Integer::intValue).toArray();
    this.rightKeys = node.rightKeys().stream().mapToInt(Integer::intValue).toArray();
    this.keyScales = new int[leftKeys.length];
    for (int k = 0; k < leftKeys.length; k++) {
      DataType l = leftColumns.get(leftKeys[k]).type();
      DataType r = rightColumns.get(rightKeys[k]).type();
      boolean decimal = l.kind() == TypeKind.DECIMAL || r.kind() == TypeKind.DECIMAL;
      keyScales[k] = decimal ? Math.max(l.scale(), r.scale()) : -1;
    }
    this.residual = node.residual() == null ? null : new JoinResidual(node.residual());
    this.cap = ctx.batchSize();
    this.lease = SharedJoinBuilds.lease(ctx.allocator(), node.right(), rightKeys, keyScales);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      switch (stage) {
        case BUILD -> {
          buildSide();
          stage = Stage.PROBE;
        }
        case PROBE -> {
          VectorSchemaRoot out = probeStep();
          if (out != null) {
            return out;
          }
        }
        case BUILD_REST -> {
          VectorSchemaRoot out = buildRest();
          if (out != null) {
            return out;
          }
          stage = Stage.DONE;
        }
        case DONE -> {
          return null;
        }
      }
    }
  }

  private void buildSide() {
    pairLeft = new int[cap];
    pairRight = new int[cap];
    JoinBuild b = lease.get(this::buildRight);
    build = b;
    buildRows = b.rows;
    table = b.table;
    chainHead = b.chainHead;
    chainNext = b.chainNext;
    if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
      buildMatched = new boolean[buildRows];
    }
    if (leftKeys.length > 0) {
      probeEncoder = new KeyEncoder(keyScales, true);
    }
  }

  /**
   * Drains and hashes the build side. An exchange's inputs are drained in parallel: by this thread,
   * by tasks on the pool and by joins waiting for the same shared build ({@code publish} hands them
   * the drain); the rows of the parts are then concatenated, which only changes their order.
   */
  private JoinBuild buildRight(Consumer<BuildDrain> publish) {
    int parallelism = ExchangeOperator.parallelism(ctx.pool());
    List<Operator> inputs =
        parallelism > 1 && right instanceof ExchangeOperator exchange
            ? exchange.detachInputs()
            : null;
    if (inputs == null) {
      publish.accept(null);
      return JoinBuild.build(right, ctx.allocator(), rightKeys, keyScales);
    }
    BuildDrain drain =
        new BuildDrain(inputs, right.schema(), ctx.allocator(), rightKeys, keyScales);
    publish.accept(drain);
    List<BuildDrain.Part> parts =
        drain.run(ctx.pool(), Math.min(parallelism, inputs.size()) - 1);
    return JoinBuild.fromParts(parts, ctx.allocator(), rightKeys.length > 0);
  }

  private static List<FieldVector> keyVectors(VectorSchemaRoot root, int[] keys) {
    List<FieldVector> out = new ArrayList<>(keys.length);
    for (int k : keys) {
      out.add(root.getVector(k));
    }
    return out;
  }

  /** One step of probing: an output batch, or null when the caller should call again. */
  private VectorSchemaRoot probeStep() {
    if (probe == null) {
      VectorSchemaRoot b = left.next();
      if (b == null) {
        stage = kind == JoinKind.RIGHT || kind == JoinKind.FULL ? Stage.BUILD_REST : Stage.DONE;
        return null;
      }
      startProbe(b);
      if (leftOnly && residual == null) {
        VectorSchemaRoot out = leftRest();
        finishProbe();
        return out;
      }
    }
    if (probeRow < probeRows) {
      int count = pairs();
      if (count == 0) {
        return null;
      }
      if (residual != null) {
        count = applyResidual(count);
      }
      for (int i = 0; i < count; i++) {
        leftMatched[pairLeft[i]] = true;
      }
      if (buildMatched != null) {
        for (int i = 0; i < count; i++) {
          buildMatched[pairRight[i]] = true;
        }
      }
      if (leftOnly || count == 0) {
        return null;
      }
      return output(pairLeft, pairRight, count, false, false);
    }
    VectorSchemaRoot out = kind == JoinKind.INNER || kind == JoinKind.RIGHT ? null : leftRest();
    finishProbe();
    return out;
  }

  private void startProbe(VectorSchemaRoot b) {
    probe = b;
    probeRows = b.getRowCount();
    if (firstMatch.length < probeRows) {
      firstMatch = new int[probeRows];
      leftMatched = new boolean[probeRows];
    }
    Arrays.fill(leftMatched, 0, probeRows, false);
    if (leftKeys.length == 0) {
      Arrays.fill(firstMatch, 0, probeRows, buildRows > 0 ? 0 : -1);
    } else if (buildRows == 0) {
      Arrays.fill(firstMatch, 0, probeRows, -1);
    } else {
      probeEncoder.encode(keyVectors(b, leftKeys), probeRows);
      table.findAll(probeEncoder, true, firstMatch);
      for (int i = 0; i < probeRows; i++) {
        int g = firstMatch[i];
        firstMatch[i] = g < 0 ? -1 : chainHead[g];
      }
    }
    if (leftOnly && residual == null) {
      for (int i = 0; i < probeRows; i++) {
        leftMatched[i] = firstMatch[i] >= 0;
      }
    }
    probeRow = 0;
    cursor = probeRows > 0 ? firstMatch[0] : -1;
  }

  private void finishProbe() {
    probe.close();
    probe = null;
  }

  /** Fills pairLeft/pairRight with the next candidate pairs of the probe batch. */
  private int pairs() {
    int c = 0;
    while (c < cap && probeRow < probeRows) {
      if (cursor < 0) {
        probeRow++;
        if (probeRow < probeRows) {
          cursor = firstMatch[probeRow];
        }
        continue;
      }
      pairLeft[c] = probeRow;
      pairRight[c] = cursor;
      c++;
      cursor = chainNext[cursor];
    }
    return c;
  }

  /** Keeps the pairs that satisfy the residual, compacting the pair arrays; returns their count. */
  private int applyResidual(int count) {
    boolean[] pass;
    try (VectorSchemaRoot pairs = pairBatch(count)) {
      pass = residual.evaluate(pairs);
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (pass[i]) {
        pairLeft[kept] = pairLeft[i];
        pairRight[kept] = pairRight[i];
        kept++;
      }
    }
    return kept;
  }

  private VectorSchemaRoot pairBatch(int count) {
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (FieldVector v : probe.getFieldVectors()) {
        FieldVector dst = v.getField().createVector(ctx.allocator());
        vectors.add(dst);
        Batches.gather(v, pairLeft, count, dst);
      }
      for (FieldVector v : build.root().getFieldVectors()) {
        FieldVector dst = v.getField().createVector(ctx.allocator());
        vectors.add(dst);
        Batches.gather(v, pairRight, count, dst);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(vectors);
  }

  /**
   * The left rows of the finished probe batch that SEMI keeps, or that LEFT, FULL and ANTI emit for
   * having no match; null if there are none.
   */
  private VectorSchemaRoot leftRest() {
    boolean want = kind == JoinKind.SEMI;
    int[] rows = new int[probeRows];
    int n = 0;
    for (int i = 0; i < probeRows; i++) {
      if (leftMatched[i] == want) {
        rows[n++] = i;
      }
    }
    return n == 0 ? null : output(rows, null, n, false, true);
  }

  /** Unmatched build rows for RIGHT and FULL, a batch at a time; null when done. */
  private VectorSchemaRoot buildRest() {
    int n = 0;
    int[] rows = new int[cap];
    while (buildRestRow < buildRows && n < cap) {
      if (!buildMatched[buildRestRow]) {
        rows[n++] = buildRestRow;
      }
      buildRestRow++;
    }
    return n == 0 ? null : output(null, rows, n, true, false);
  }

  private VectorSchemaRoot output(
      int[] li, int[] ri, int count, boolean leftNull, boolean rightNull) {
    VectorSchemaRoot out = Batches.allocate(schema, ctx.allocator());
    try {
      List<FieldVector> dst = out.getFieldVectors();
      for (int c = 0; c < leftWidth; c++) {
        if (leftNull) {
          allNull(dst.get(c), count);
        } else {
          Batches.gather(probe.getVector(c), li, count, dst.get(c));
        }
      }
      for (int c = leftWidth; c < dst.size(); c++) {
        if (rightNull) {
          allNull(dst.get(c), count);
        } else {
          Batches.gather(build.root().getVector(c - leftWidth), ri, count, dst.get(c));
        }
      }
      out.setRowCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  private static void allNull(FieldVector v, int count) {
    Batches.allocate(v, count);
    v.setValueCount(count);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (probe != null) {
        probe.close();
        probe = null;
      }
      lease.release();
    } finally {
      try {
        left.close();
      } finally {
        right.close();
      }
    }
  }
}
