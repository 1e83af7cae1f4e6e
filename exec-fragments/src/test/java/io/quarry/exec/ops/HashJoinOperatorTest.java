package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.BOOLEAN;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.dec;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.sorted;
import static io.quarry.exec.ops.OpsTestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HashJoinOperatorTest {
  private static final List<Column> LEFT = columns("id", INT, "lk", INT, "ls", VARCHAR);
  private static final List<Column> RIGHT = columns("rk", INT, "rv", VARCHAR);
  private static final List<List<Object>> LEFT_ROWS =
      List.of(row(1, 1, "a"), row(2, 2, "b"), row(3, 2, "c"), row(4, null, "d"), row(5, 9, "e"));
  private static final List<List<Object>> RIGHT_ROWS =
      List.of(row(2, "x"), row(2, "y"), row(1, "z"), row(null, "n"), row(7, "w"));

  /** rv <> 'y' AND id < 3, over left columns then right columns. */
  private static final Expr RESIDUAL =
      new Call(
          Op.AND,
          BOOLEAN,
          new Call(Op.NE, BOOLEAN, new ColumnRef(4, VARCHAR), new Literal("y", VARCHAR)),
          new Call(Op.LT, BOOLEAN, new ColumnRef(0, INT), new Literal(3, INT)));

  private static final Predicate<List<Object>> RESIDUAL_REFERENCE =
      r -> r.get(4) != null && !r.get(4).equals("y") && r.get(0) != null && (Integer) r.get(0) < 3;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<List<Object>> join(
      List<Column> lc,
      List<List<Object>> lr,
      List<Column> rc,
      List<List<Object>> rr,
      JoinKind kind,
      List<Integer> leftKeys,
      List<Integer> rightKeys,
      Expr residual,
      int batchSize) {
    JoinNode node =
        new JoinNode(
            new ValuesNode(lc, lr), new ValuesNode(rc, rr), kind, leftKeys, rightKeys, residual);
    return run(
        new HashJoinOperator(
            node,
            source(lc, lr, batchSize, allocator),
            source(rc, rr, batchSize, allocator),
            ctx(allocator, batchSize)));
  }

  /** A nested-loop reference join over canonical values. */
  private static List<List<Object>> reference(
      List<List<Object>> lr,
      List<List<Object>> rr,
      int rightWidth,
      JoinKind kind,
      List<Integer> leftKeys,
      List<Integer> rightKeys,
      Predicate<List<Object>> residual) {
    List<List<Object>> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[rr.size()];
    for (List<Object> l : lr) {
      boolean matched = false;
      for (int j = 0; j < rr.size(); j++) {
        List<Object> r = rr.get(j);
        boolean keysEqual = true;
        for (int k = 0; k < leftKeys.size(); k++) {
          Object a = l.get(leftKeys.get(k));
          Object b = r.get(rightKeys.get(k));
          keysEqual &= a != null && b != null && sameValue(a, b);
        }
        List<Object> pair = new ArrayList<>(l);
        pair.addAll(r);
        if (keysEqual && (residual == null || residual.test(pair))) {
          matched = true;
          rightMatched[j] = true;
          if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            out.add(pair);
          }
        }
      }
      if ((kind == JoinKind.SEMI && matched) || (kind == JoinKind.ANTI && !matched)) {
        out.add(l);
      } else if (!matched && (kind == JoinKind.LEFT || kind == JoinKind.FULL)) {
        List<Object> pair = new ArrayList<>(l);
        pair.addAll(Arrays.asList(new Object[rightWidth]));
        out.add(pair);
      }
    }
    if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
      int leftWidth = lr.isEmpty() ? LEFT.size() : lr.get(0).size();
      for (int j = 0; j < rr.size(); j++) {
        if (!rightMatched[j]) {
          List<Object> pair = new ArrayList<>(Arrays.asList(new Object[leftWidth]));
          pair.addAll(rr.get(j));
          out.add(pair);
        }
      }
    }
    return out;
  }

  @Test
  void innerJoinWithDuplicateAndNullKeys() {
    assertEquals(
        sorted(
            List.of(
                row(1, 1, "a", 1, "z"),
                row(2, 2, "b", 2, "x"),
                row(2, 2, "b", 2, "y"),
                row(3, 2, "c", 2, "x"),
                row(3, 2, "c", 2, "y"))),
        sorted(
            join(
                LEFT,
                LEFT_ROWS,
                RIGHT,
                RIGHT_ROWS,
                JoinKind.INNER,
                List.of(1),
                List.of(0),
                null,
                2)));
  }

  @Test
  void antiKeepsNullKeysAndSemiDropsThem() {
    assertEquals(
        List.of(row(4, null, "d"), row(5, 9, "e")),
        sorted(
            join(
                LEFT,
                LEFT_ROWS,
                RIGHT,
                RIGHT_ROWS,
                JoinKind.ANTI,
                List.of(1),
                List.of(0),
                null,
                3)));
    assertEquals(
        List.of(row(1, 1, "a"), row(2, 2, "b"), row(3, 2, "c")),
        sorted(
            join(
                LEFT,
                LEFT_ROWS,
                RIGHT,
                RIGHT_ROWS,
                JoinKind.SEMI,
                List.of(1),
                List.of(0),
                null,
                3)));
  }

  @Test
  void everyKindWithAndWithoutResidualMatchesReference() {
    for (JoinKind kind : JoinKind.values()) {
      for (boolean withResidual : new boolean[] {false, true}) {
        List<List<Object>> expected =
            reference(
                LEFT_ROWS,
                RIGHT_ROWS,
                2,
                kind,
                List.of(1),
                List.of(0),
                withResidual ? RESIDUAL_REFERENCE : null);
        for (int batchSize : new int[] {1, 3, 1024}) {
          assertEquals(
              sorted(expected),
              sorted(
                  join(
                      LEFT,
                      LEFT_ROWS,
                      RIGHT,
                      RIGHT_ROWS,
                      kind,
                      List.of(1),
                      List.of(0),
                      withResidual ? RESIDUAL : null,
                      batchSize)),
              kind + " residual=" + withResidual + " batch=" + batchSize);
        }
      }
    }
  }

  @Test
  void nestedLoopWithoutKeys() {
    for (JoinKind kind : JoinKind.values()) {
      for (boolean withResidual : new boolean[] {false, true}) {
        List<List<Object>> expected =
            reference(
                LEFT_ROWS,
                RIGHT_ROWS,
                2,
                kind,
                List.of(),
                List.of(),
                withResidual ? RESIDUAL_REFERENCE : null);
        for (int batchSize : new int[] {1, 4, 1024}) {
          assertEquals(
              sorted(expected),
              sorted(
                  join(
                      LEFT,
                      LEFT_ROWS,
                      RIGHT,
                      RIGHT_ROWS,
                      kind,
                      List.of(),
                      List.of(),
                      withResidual ? RESIDUAL : null,
                      batchSize)),
              kind + " residual=" + withResidual + " batch=" + batchSize);
        }
      }
    }
    assertEquals(
        25,
        join(LEFT, LEFT_ROWS, RIGHT, RIGHT_ROWS, JoinKind.INNER, List.of(), List.of(), null, 3)
            .size());
  }

  @Test
  void emptyBuildSide() {
    List<List<Object>> none = List.of();
    assertEquals(
        List.of(),
        join(LEFT, LEFT_ROWS, RIGHT, none, JoinKind.INNER, List.of(1), List.of(0), null, 2));
    List<List<Object>> left =
        join(LEFT, LEFT_ROWS, RIGHT, none, JoinKind.LEFT, List.of(1), List.of(0), null, 2);
    assertEquals(5, left.size());
    assertEquals(row(1, 1, "a", null, null), sorted(left).get(0));
    assertEquals(
        LEFT_ROWS,
        sorted(
            join(
                LEFT, LEFT_ROWS, RIGHT, none, JoinKind.ANTI, List.of(1), List.of(0), RESIDUAL, 2)));
    assertEquals(
        List.of(),
        join(LEFT, none, RIGHT, RIGHT_ROWS, JoinKind.LEFT, List.of(1), List.of(0), null, 2));
    assertEquals(
        5,
        join(LEFT, none, RIGHT, RIGHT_ROWS, JoinKind.FULL, List.of(1), List.of(0), null, 2).size());
  }

  @Test
  void multiColumnKeysAcrossTypesAndScales() {
    List<Column> lc = columns("a", VARCHAR, "b", DataType.decimal(10, 1), "c", INT);
    List<Column> rc =
        columns("x", VARCHAR, "y", DataType.decimal(12, 3), "z", OpsTestSupport.BIGINT);
    List<List<Object>> lr =
        List.of(
            row("p", dec("1.5"), 7),
            row("p", dec("2.0"), 8),
            row("q", dec("1.5"), 9),
            row(null, dec("1.5"), 7));
    List<List<Object>> rr =
        List.of(
            row("p", dec("1.500"), 7L),
            row("p", dec("1.500"), 8L),
            row("q", dec("1.501"), 9L),
            row(null, dec("1.500"), 7L));
    List<List<Object>> result =
        join(lc, lr, rc, rr, JoinKind.INNER, List.of(0, 1, 2), List.of(0, 1, 2), null, 2);
    assertEquals(List.of(row("p", dec("1.5"), 7, "p", dec("1.500"), 7L)), result);
    assertEquals(
        sorted(List.of(row("p", dec("2.0"), 8), row("q", dec("1.5"), 9), row(null, dec("1.5"), 7))),
        sorted(join(lc, lr, rc, rr, JoinKind.ANTI, List.of(0, 1, 2), List.of(0, 1, 2), null, 3)));
    Objects.requireNonNull(result);
  }

  @Test
  void randomJoinsMatchReference() {
    java.util.Random random = new java.util.Random(3);
    List<List<Object>> lr = new ArrayList<>();
    List<List<Object>> rr = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      lr.add(row(i, random.nextInt(40) == 0 ? null : random.nextInt(150), "l" + (i % 7)));
    }
    for (int i = 0; i < 400; i++) {
      rr.add(row(random.nextInt(20) == 0 ? null : random.nextInt(150), "r" + (i % 5)));
    }
    Expr notR1 = new Call(Op.NE, BOOLEAN, new ColumnRef(4, VARCHAR), new Literal("r1", VARCHAR));
    Predicate<List<Object>> residual = r -> r.get(4) != null && !r.get(4).equals("r1");
    for (JoinKind kind : JoinKind.values()) {
      assertEquals(
          sorted(reference(lr, rr, 2, kind, List.of(1), List.of(0), null)),
          sorted(join(LEFT, lr, RIGHT, rr, kind, List.of(1), List.of(0), null, 64)),
          kind.name());
      assertEquals(
          sorted(reference(lr, rr, 2, kind, List.of(1), List.of(0), residual)),
          sorted(join(LEFT, lr, RIGHT, rr, kind, List.of(1), List.of(0), notR1, 100)),
          kind + " with residual");
    }
  }

  @Test
  void outputSchemaMarksOuterSidesNullable() {
    JoinNode node =
        new JoinNode(
            new ValuesNode(columns("a", INT.withNullable(false)), List.of()),
            new ValuesNode(columns("b", INT.withNullable(false)), List.of()),
            JoinKind.FULL,
            List.of(0),
            List.of(0),
            null);
    try (HashJoinOperator op =
        new HashJoinOperator(
            node,
            source(node.left().schema(), List.of(), 4, allocator),
            source(node.right().schema(), List.of(), 4, allocator),
            ctx(allocator, 4))) {
      assertEquals(true, op.schema().getFields().get(0).isNullable());
      assertEquals(true, op.schema().getFields().get(1).isNullable());
      assertEquals(null, op.next());
    }
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue();
    }
    return a.equals(b);
  }
}
