package io.quarry.exec.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A merge of many shards' partial states: what it is made of, how it encodes, what it refuses. */
class MergedPartialsNodeTest {
  private static final DataType INT = DataType.of(TypeKind.INT);
  private static final DataType DEC = DataType.decimal(15, 2);
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT).withNullable(false);
  private static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
  private static final List<ShardRef> SHARDS =
      List.of(
          new ShardRef("bafkreia", 10, 100),
          new ShardRef("bafkreib", 20, 200),
          new ShardRef("bafkreic", 30, 300),
          new ShardRef("bafkreid", 40, 400));

  /** SUM(price), COUNT(*) GROUP BY qty over the rows of {@code shard} with price < 10. */
  private static AggregateNode partial(ShardRef shard, DataType priceType) {
    List<Column> columns = List.of(new Column("qty", INT), new Column("price", priceType));
    ScanNode scan = new ScanNode(shard, columns, null);
    FilterNode cheap =
        new FilterNode(
            scan,
            new Call(Op.LT, BOOL, new ColumnRef(1, priceType), new Literal(new BigDecimal("10.00"), DEC)));
    return new AggregateNode(
        cheap,
        List.of(0),
        List.of(
            new AggCall(AggFunction.SUM, List.of(1), -1, priceType, "total"),
            new AggCall(AggFunction.COUNT_STAR, List.of(), -1, BIGINT, "n")),
        AggPhase.PARTIAL);
  }

  private static List<PlanNode> parts(MergedPartialsNode merge) {
    assertEquals(1, merge.inputs().size());
    return ((ExchangeNode) merge.inputs().get(0)).inputs();
  }

  @Test
  void partsAreEachShardsFragmentOrThePrefixMergedThenTheLaterShards() {
    AggregateNode template = partial(SHARDS.get(0), DEC);
    MergedPartialsNode flat = new MergedPartialsNode(template, SHARDS, 0);
    List<PlanNode> each = parts(flat);
    assertEquals(4, each.size());
    assertSame(template, each.get(0), "the first shard's fragment is the template itself");
    for (int i = 0; i < 4; i++) {
      assertEquals(partial(SHARDS.get(i), DEC), each.get(i));
    }
    assertSame(each, parts(flat), "made once");

    MergedPartialsNode grown = new MergedPartialsNode(template, SHARDS, 3);
    List<PlanNode> two = parts(grown);
    assertEquals(
        List.of(new MergedPartialsNode(template, SHARDS.subList(0, 3), 0), partial(SHARDS.get(3), DEC)),
        two);
    assertEquals(template.schema(), grown.schema());
    assertEquals(AggPhase.INTERMEDIATE, grown.merge().phase());
    assertEquals(List.of(0), grown.merge().groupKeys());
  }

  @Test
  void encodesWholeAndIsKeyedWithoutItsSplit() {
    AggregateNode template = partial(SHARDS.get(0), DEC);
    MergedPartialsNode grown = new MergedPartialsNode(template, SHARDS, 3);
    MergedPartialsNode flat = grown.withPrefix(0);
    assertEquals(grown, PlanCodec.decode(PlanCodec.encode(grown)));
    assertEquals(flat, PlanCodec.decode(PlanCodec.encode(flat)));
    assertNotEquals(grown, flat);
    String text = new String(PlanCodec.encode(grown), StandardCharsets.UTF_8);
    assertEquals(
        text.indexOf("bafkreib"), text.lastIndexOf("bafkreib"), "shards listed, not fragments: " + text);
    assertArrayEquals(PlanCodec.encodeAnonymous(flat), PlanCodec.encodeAnonymous(grown));
    assertFalse(
        java.util.Arrays.equals(PlanCodec.encode(flat), PlanCodec.encode(grown)),
        "a stored plan keeps how to compute it");
    MergedPartialsNode fewer = new MergedPartialsNode(template, SHARDS.subList(0, 3), 0);
    assertFalse(
        java.util.Arrays.equals(PlanCodec.encodeAnonymous(flat), PlanCodec.encodeAnonymous(fewer)));
  }

  @Test
  void onlyPartialsWhoseStatesMergeExactly() {
    assertTrue(MergedPartialsNode.mergesExactly(partial(SHARDS.get(0), DEC)));
    DataType dbl = DataType.of(TypeKind.DOUBLE);
    assertFalse(MergedPartialsNode.mergesExactly(partial(SHARDS.get(0), dbl)), "doubles");
    AggregateNode any =
        new AggregateNode(
            new ScanNode(SHARDS.get(0), List.of(new Column("qty", INT)), null),
            List.of(),
            List.of(new AggCall(AggFunction.ANY_VALUE, List.of(0), -1, INT, "q")),
            AggPhase.PARTIAL);
    assertFalse(MergedPartialsNode.mergesExactly(any), "ANY_VALUE");
    AggregateNode fin =
        new AggregateNode(
            partial(SHARDS.get(0), DEC),
            List.of(0),
            partial(SHARDS.get(0), DEC).calls(),
            AggPhase.FINAL);
    assertFalse(MergedPartialsNode.mergesExactly(fin), "not a partial over a scan");
    assertThrows(
        IllegalArgumentException.class, () -> new MergedPartialsNode(any, SHARDS, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MergedPartialsNode(partial(SHARDS.get(1), DEC), SHARDS, 0),
        "the template reads the first shard");
    assertThrows(
        IllegalArgumentException.class,
        () -> new MergedPartialsNode(partial(SHARDS.get(0), DEC), SHARDS, 1),
        "a prefix of one shard is that shard's fragment");
    assertThrows(
        IllegalArgumentException.class,
        () -> new MergedPartialsNode(partial(SHARDS.get(0), DEC), SHARDS, 4),
        "a prefix of every shard is the merge itself");
  }
}
