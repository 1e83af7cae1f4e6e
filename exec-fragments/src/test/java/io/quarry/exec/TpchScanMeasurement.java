package io.quarry.exec;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A by-hand measurement of TPC-H Q1 and Q6 plans over a directory of lineitem shards (not a test):
 * {@code java ... io.quarry.exec.TpchScanMeasurement DIR [iterations]}.
 */
public final class TpchScanMeasurement {
  static final DataType DEC = new DataType(TypeKind.DECIMAL, 15, 2, true);
  static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    Map<String, Path> byCid = new HashMap<>();
    for (Path f : files) {
      byCid.put(f.getFileName().toString(), f);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator root = new RootAllocator()) {
      for (int i = 0; i < iterations; i++) {
        for (String q : List.of("q6", "q1")) {
          try (BufferAllocator a = root.newChildAllocator(q, 0, 4L << 30)) {
            ExecContext ctx =
                new ExecContext(
                    a, shard -> byCid.get(shard.cid()), pool, ExecContext.DEFAULT_BATCH_SIZE);
            PlanNode plan = q.equals("q6") ? q6(files) : q1(files);
            long t0 = System.nanoTime();
            long c0 = cpu();
            List<List<Object>> rows = new ArrayList<>();
            try (Operator op = Executor.build(plan, ctx)) {
              for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
                rows.addAll(Batches.toRows(b));
                b.close();
              }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (cpu() - c0) / 1_000_000;
            System.out.println(
                q
                    + " "
                    + ms
                    + " ms, cpu "
                    + cpuMs
                    + " ms "
                    + (i == iterations - 1 ? rows : rows.size() + " rows"));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  static Expr col(int i, DataType t) {
    return new ColumnRef(i, t);
  }

  static Expr lit(Object v, DataType t) {
    return new Literal(v, t);
  }

  static PlanNode q6(List<Path> files) {
    DataType date = DataType.of(TypeKind.DATE);
    List<Column> cols =
        List.of(
            new Column("l_quantity", DEC), new Column("l_extendedprice", DEC),
            new Column("l_discount", DEC), new Column("l_shipdate", date));
    Expr filter =
        new Call(
            Op.AND,
            BOOL,
            new Call(Op.GE, BOOL, col(3, date), lit(day("1994-01-01"), date)),
            new Call(Op.LT, BOOL, col(3, date), lit(day("1995-01-01"), date)),
            new Call(Op.GE, BOOL, col(2, DEC), lit(new BigDecimal("0.05"), DEC)),
            new Call(Op.LE, BOOL, col(2, DEC), lit(new BigDecimal("0.07"), DEC)),
            new Call(Op.LT, BOOL, col(0, DEC), lit(new BigDecimal("24.00"), DEC)));
    DataType revType = DataType.decimal(30, 4);
    AggCall sum = new AggCall(AggFunction.SUM, List.of(0), DataType.decimal(38, 4), "revenue");
    List<PlanNode> parts = new ArrayList<>();
    for (Path f : files) {
      ScanNode scan = new ScanNode(new ShardRef(f.getFileName().toString(), 0, 0), cols, filter);
      ProjectNode p =
          new ProjectNode(
              scan, List.of(new Call(Op.TIMES, revType, col(1, DEC), col(2, DEC))), List.of("rev"));
      parts.add(new AggregateNode(p, List.of(), List.of(sum), AggPhase.PARTIAL));
    }
    return new AggregateNode(new ExchangeNode(parts), List.of(), List.of(sum), AggPhase.FINAL);
  }

  static PlanNode q1(List<Path> files) {
    DataType date = DataType.of(TypeKind.DATE);
    DataType str = DataType.of(TypeKind.VARCHAR);
    List<Column> cols =
        List.of(
            new Column("l_returnflag", str),
            new Column("l_linestatus", str),
            new Column("l_quantity", DEC),
            new Column("l_extendedprice", DEC),
            new Column("l_discount", DEC),
            new Column("l_tax", DEC),
            new Column("l_shipdate", date));
    Expr filter = new Call(Op.LE, BOOL, col(6, date), lit(day("1998-09-02"), date));
    Expr one = lit(BigDecimal.ONE, DataType.decimal(1, 0));
    Expr discPrice =
        new Call(
            Op.TIMES,
            DataType.decimal(31, 4),
            col(3, DEC),
            new Call(Op.MINUS, DataType.decimal(16, 2), one, col(4, DEC)));
    Expr charge =
        new Call(
            Op.TIMES,
            DataType.decimal(38, 6),
            discPrice,
            new Call(Op.PLUS, DataType.decimal(16, 2), one, col(5, DEC)));
    List<AggCall> calls =
        List.of(
            new AggCall(AggFunction.SUM, List.of(2), DataType.decimal(38, 2), "sum_qty"),
            new AggCall(AggFunction.SUM, List.of(3), DataType.decimal(38, 2), "sum_base_price"),
            new AggCall(AggFunction.SUM, List.of(5), DataType.decimal(38, 4), "sum_disc_price"),
            new AggCall(AggFunction.SUM, List.of(6), DataType.decimal(38, 6), "sum_charge"),
            new AggCall(AggFunction.AVG, List.of(2), DEC, "avg_qty"),
            new AggCall(AggFunction.AVG, List.of(3), DEC, "avg_price"),
            new AggCall(AggFunction.AVG, List.of(4), DEC, "avg_disc"),
            new AggCall(
                AggFunction.COUNT_STAR, List.of(), DataType.of(TypeKind.BIGINT), "count_order"));
    List<PlanNode> parts = new ArrayList<>();
    for (Path f : files) {
      ScanNode scan = new ScanNode(new ShardRef(f.getFileName().toString(), 0, 0), cols, filter);
      ProjectNode p =
          new ProjectNode(
              scan,
              List.of(
                  col(0, str),
                  col(1, str),
                  col(2, DEC),
                  col(3, DEC),
                  col(4, DEC),
                  discPrice,
                  charge),
              List.of("rf", "ls", "qty", "price", "disc", "disc_price", "charge"));
      parts.add(new AggregateNode(p, List.of(0, 1), calls, AggPhase.PARTIAL));
    }
    return new AggregateNode(new ExchangeNode(parts), List.of(0, 1), calls, AggPhase.FINAL);
  }
}
