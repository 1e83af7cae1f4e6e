package io.quarry.exec.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  private static final DataType INT = DataType.of(TypeKind.INT);
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT).withNullable(false);
  private static final DataType DEC = DataType.decimal(15, 2);
  private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  private static final DataType TEXT = DataType.of(TypeKind.VARCHAR);
  private static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);

  static ScanNode scan(String cid, Expr filter) {
    return new ScanNode(
        new ShardRef(cid, 100, 4096),
        List.of(new Column("qty", INT), new Column("price", DEC), new Column("name", TEXT)),
        filter);
  }

  static PlanNode everyKindOfNode(BigDecimal limitPrice, double factor) {
    Expr cheap = new Call(Op.LT, BOOL, new ColumnRef(1, DEC), new Literal(limitPrice, DEC));
    PlanNode left = new ExchangeNode(List.of(scan("bafkreia", cheap), scan("bafkreib", null)));
    PlanNode projected =
        new ProjectNode(
            new FilterNode(left, new Call(Op.LIKE, BOOL, new ColumnRef(2, TEXT), new Literal("a%", TEXT))),
            List.of(
                new ColumnRef(0, INT),
                new Call(Op.TIMES, DOUBLE, new Call(Op.CAST, DOUBLE, new ColumnRef(1, DEC)), new Literal(factor, DOUBLE)),
                new Literal(null, TEXT),
                new Literal(19_000, DataType.of(TypeKind.DATE)),
                new Literal(1_700_000_000_000_000L, DataType.of(TypeKind.TIMESTAMP)),
                new Literal(true, BOOL)),
            List.of("qty", "scaled", "nothing", "d", "ts", "flag"));
    PlanNode agg =
        new AggregateNode(
            projected,
            List.of(0),
            List.of(
                new AggCall(AggFunction.SUM, List.of(1), DOUBLE, "total"),
                new AggCall(AggFunction.COUNT_STAR, List.of(), 5, BIGINT, "n")),
            AggPhase.PARTIAL);
    PlanNode values =
        new ValuesNode(
            List.of(new Column("k", INT), new Column("v", DEC)),
            List.of(Arrays.asList(1, new BigDecimal("2.50")), Arrays.asList(null, null)));
    PlanNode join =
        new JoinNode(agg, values, JoinKind.LEFT, List.of(0), List.of(0),
            new Call(Op.IS_NOT_NULL, BOOL, new ColumnRef(3, DEC)));
    PlanNode window =
        new WindowNode(
            join,
            List.of(
                new WindowGroup(
                    List.of(0),
                    List.of(new SortKey(1, true, false)),
                    new WindowFrame(true, -2L, null),
                    List.of(new WindowCall(WindowFunction.ROW_NUMBER, List.of(), BIGINT, "rn"))),
                new WindowGroup(
                    List.of(),
                    List.of(new SortKey(1, false, true)),
                    new WindowFrame(false, 0L, 0L, 3, null),
                    List.of(new WindowCall(WindowFunction.SUM, List.of(1), DEC, "near")))));
    PlanNode union = new UnionNode(List.of(window, window));
    return new LimitNode(new SortNode(union, List.of(new SortKey(0, false, true)), 1, 10), 0, 5);
  }

  @Test
  void roundTripsEveryKindOfNode() {
    PlanNode plan = everyKindOfNode(new BigDecimal("12.30"), 0.1);
    byte[] bytes = PlanCodec.encode(plan);
    PlanNode decoded = PlanCodec.decode(bytes);
    assertEquals(plan, decoded);
    assertArrayEquals(bytes, PlanCodec.encode(decoded));
  }

  @Test
  void equalPlansEncodeEquallyAndLiteralsMatter() {
    byte[] a = PlanCodec.encode(everyKindOfNode(new BigDecimal("12.30"), 0.1));
    byte[] b = PlanCodec.encode(everyKindOfNode(new BigDecimal("12.30"), 0.1));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, PlanCodec.encode(everyKindOfNode(new BigDecimal("12.31"), 0.1))));
    assertFalse(
        Arrays.equals(a, PlanCodec.encode(everyKindOfNode(new BigDecimal("12.30"), Math.nextUp(0.1)))));
  }

  @Test
  void doublesAreExact() {
    double[] values = {0.1, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1e300 / 3};
    for (double v : values) {
      PlanNode plan = new ValuesNode(List.of(new Column("d", DOUBLE)), List.of(List.of(v)));
      ValuesNode back = (ValuesNode) PlanCodec.decode(PlanCodec.encode(plan));
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits((Double) back.rows().get(0).get(0)));
    }
  }

  @Test
  void decimalLiteralsAreWrittenAtTheirTypesScale() {
    PlanNode a = new ValuesNode(List.of(new Column("v", DEC)), List.of(List.of(new BigDecimal("2.5"))));
    PlanNode b = new ValuesNode(List.of(new Column("v", DEC)), List.of(List.of(new BigDecimal("2.50"))));
    assertArrayEquals(PlanCodec.encode(a), PlanCodec.encode(b));
  }

  @Test
  void anonymousEncodingIgnoresOutputNamesButNotScannedColumns() {
    PlanNode a = new ProjectNode(scan("bafkreia", null), List.of(new ColumnRef(0, INT)), List.of("x"));
    PlanNode b = new ProjectNode(scan("bafkreia", null), List.of(new ColumnRef(0, INT)), List.of("y"));
    assertFalse(Arrays.equals(PlanCodec.encode(a), PlanCodec.encode(b)));
    assertArrayEquals(PlanCodec.encodeAnonymous(a), PlanCodec.encodeAnonymous(b));
    PlanNode otherColumn =
        new ScanNode(new ShardRef("bafkreia", 100, 4096), List.of(new Column("qtx", INT)), null);
    assertFalse(
        Arrays.equals(
            PlanCodec.encodeAnonymous(scan("bafkreia", null)), PlanCodec.encodeAnonymous(otherColumn)));
  }

  @Test
  void resultNodesRoundTripAndTheirCidMatters() {
    List<Column> schema = List.of(new Column("k", BIGINT), new Column("v", DEC));
    PlanNode plan =
        new JoinNode(
            scan("bafkreia", null), new ResultNode("bafkreiresult", schema), JoinKind.INNER,
            List.of(0), List.of(0), null);
    byte[] bytes = PlanCodec.encode(plan);
    assertEquals(plan, PlanCodec.decode(bytes));
    assertArrayEquals(bytes, PlanCodec.encode(PlanCodec.decode(bytes)));
    PlanNode other =
        new JoinNode(
            scan("bafkreia", null), new ResultNode("bafkreiother", schema), JoinKind.INNER,
            List.of(0), List.of(0), null);
    assertFalse(Arrays.equals(PlanCodec.encodeAnonymous(plan), PlanCodec.encodeAnonymous(other)));
    PlanNode renamed =
        new ResultNode(
            "bafkreiresult", List.of(new Column("_0", BIGINT), new Column("_1", DEC)));
    assertArrayEquals(
        PlanCodec.encodeAnonymous(new ResultNode("bafkreiresult", schema)),
        PlanCodec.encodeAnonymous(renamed));
  }

  @Test
  void typesRoundTrip() {
    for (DataType t :
        List.of(INT, BIGINT, DEC, DataType.decimal(38, 0).withNullable(false), TEXT,
            DataType.of(TypeKind.NULL), DataType.of(TypeKind.INTERVAL_DAY_TIME))) {
      assertEquals(t, PlanCodec.type(PlanCodec.type(t)));
    }
  }

  @Test
  void malformedBytesNameTheProblem() {
    QuarryException notJson =
        assertThrows(QuarryException.class, () -> PlanCodec.decode("{".getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorCode.MALFORMED_INPUT, notJson.code());
    QuarryException unknown =
        assertThrows(
            QuarryException.class,
            () -> PlanCodec.decode("{\"node\":\"teleport\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(unknown.getMessage().contains("teleport"), unknown.getMessage());
    QuarryException missing =
        assertThrows(
            QuarryException.class,
            () -> PlanCodec.decode("{\"node\":\"limit\",\"offset\":0}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(missing.getMessage().contains("input"), missing.getMessage());
  }
}
