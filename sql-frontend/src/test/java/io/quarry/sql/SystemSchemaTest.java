package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Values;
import org.junit.jupiter.api.Test;

class SystemSchemaTest {
  private final AtomicInteger reads = new AtomicInteger();

  private final SystemTable cache =
      new SystemTable(
          "cache",
          List.of(
              new Column("level", DataType.of(TypeKind.VARCHAR).withNullable(false)),
              new Column("hits", DataType.of(TypeKind.BIGINT).withNullable(false)),
              new Column("at", DataType.of(TypeKind.TIMESTAMP).withNullable(false))),
          () -> {
            int n = reads.incrementAndGet();
            return List.of(List.of("L1", (long) n, 1_700_000_000_123_000L), List.of("L2", 7L, 0L));
          });

  private final TableCatalog catalog =
      new TableCatalog() {
        @Override
        public List<String> names() {
          return List.of();
        }

        @Override
        public Optional<TableDefinition> resolve(String reference) {
          return Optional.empty();
        }

        @Override
        public List<SystemTable> systemTables() {
          return List.of(cache);
        }
      };

  private RelRoot rel(String sql) {
    return new SqlFrontend(catalog).toRel(sql);
  }

  private static Values values(RelNode node) {
    RelNode n = node;
    while (!(n instanceof Values) && !n.getInputs().isEmpty()) {
      n = n.getInput(0);
    }
    return assertInstanceOf(Values.class, n);
  }

  @Test
  void systemTableBecomesTheRowsReadWhenPlanned() {
    RelRoot root = rel("SELECT * FROM system.cache");
    assertEquals(List.of("level", "hits", "at"), root.validatedRowType.getFieldNames());
    Values v = values(root.rel);
    assertEquals(2, v.getTuples().size());
    assertEquals("L1", v.getTuples().get(0).get(0).getValueAs(String.class));
    assertEquals(1L, v.getTuples().get(0).get(1).getValueAs(Long.class));
    assertEquals(1, reads.get());
    rel("SELECT level FROM SYSTEM.Cache WHERE hits > 0");
    assertEquals(2, reads.get(), "each statement reads the table again");
  }

  @Test
  void aStatementReadsATableOnceEvenWhenItAppearsTwice() {
    rel("SELECT a.level FROM system.cache a JOIN system.cache b ON a.level = b.level");
    assertEquals(1, reads.get());
  }

  @Test
  void quotedAndUnquotedSchemaNamesWork() {
    assertEquals(1, rel("SELECT count(*) FROM \"system\".cache").validatedRowType.getFieldCount());
    assertEquals(
        1, rel("SELECT count(*) FROM system . \"cache\"").validatedRowType.getFieldCount());
  }

  /** As JDBC and Flight SQL metadata name it: catalog quarry, schema system. */
  @Test
  void catalogQualifiedNamesWork() {
    assertEquals(3, rel("SELECT * FROM quarry.system.cache").validatedRowType.getFieldCount());
    assertEquals(3, rel("SELECT * FROM QUARRY.\"system\".cache").validatedRowType.getFieldCount());
    assertTrue(SystemSchema.mentionedIn("select * from Quarry.System.cache"));
    assertFalse(SystemSchema.mentionedIn("select * from myquarry.system_x"));
  }

  @Test
  void literalsCommentsAndQualifiedNamesAreNotRewritten() {
    SystemReferences.Quoted q =
        SystemReferences.quote("SELECT 'system.x', \"system\" FROM t -- system.y\n/* system.z */");
    assertEquals("SELECT 'system.x', \"system\" FROM t -- system.y\n/* system.z */", q.sql());
    assertFalse(q.mentionsSystem());
    assertTrue(SystemSchema.mentionedIn("select * from\n  System.cache"));
    assertTrue(SystemSchema.mentionedIn("select * from \"SYSTEM\".cache"));
    assertFalse(SystemSchema.mentionedIn("select system_x.a from my_system.b"));
  }

  @Test
  void errorsKeepTheColumnsTheUserWrote() {
    QuarryException e =
        assertThrows(QuarryException.class, () -> rel("SELECT nope FROM system.cache"));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("line 1, column 8"), e.getMessage());
    e =
        assertThrows(
            QuarryException.class, () -> rel("SELECT level FROM system.cache WHERE nope = 1"));
    assertTrue(e.getMessage().contains("line 1, column 38"), e.getMessage());
    e = assertThrows(QuarryException.class, () -> rel("SELECT * FROM system.nope"));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void findAcceptsTheWaysDescribeWritesAReference() {
    List<SystemTable> tables = List.of(cache);
    assertEquals(Optional.of(cache), SystemSchema.find(tables, "system.cache"));
    assertEquals(Optional.of(cache), SystemSchema.find(tables, "SYSTEM.CACHE"));
    assertEquals(Optional.of(cache), SystemSchema.find(tables, "\"system\".\"cache\""));
    assertEquals(Optional.empty(), SystemSchema.find(tables, "cache"));
    assertEquals(Optional.empty(), SystemSchema.find(tables, "system.other"));
  }

  @Test
  void withoutSystemTablesTheSchemaDoesNotExist() {
    TableCatalog none =
        new TableCatalog() {
          @Override
          public List<String> names() {
            return List.of();
          }

          @Override
          public Optional<TableDefinition> resolve(String reference) {
            return Optional.empty();
          }
        };
    QuarryException e =
        assertThrows(
            QuarryException.class, () -> new SqlFrontend(none).toRel("SELECT * FROM system.cache"));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }
}
