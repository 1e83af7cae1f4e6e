package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class SqlFrontendTest {
  private static final String CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

  /** One table, {@code Orders}, reachable by name (any case) and by its root CID. */
  private static final TableCatalog CATALOG =
      new TableCatalog() {
        final TableDefinition orders =
            new TableDefinition(
                "Orders",
                CID,
                List.of(
                    new Column("id", DataType.of(TypeKind.BIGINT).withNullable(false)),
                    new Column("amount", DataType.decimal(15, 2)),
                    new Column("dt", DataType.of(TypeKind.DATE)),
                    new Column("note", DataType.of(TypeKind.VARCHAR))),
                List.of(new ShardDefinition("bafyshard", 10, 100, List.of())));

        @Override
        public List<String> names() {
          return List.of("Orders");
        }

        @Override
        public Optional<TableDefinition> resolve(String reference) {
          if (reference.toLowerCase(Locale.ROOT).equals("orders") || reference.equals(CID)) {
            return Optional.of(orders);
          }
          if (reference.startsWith("baf")) {
            throw new QuarryException(ErrorCode.NOT_FOUND, "no dataset root " + reference);
          }
          return Optional.empty();
        }
      };

  private static RelRoot rel(String sql) {
    return new SqlFrontend(CATALOG).toRel(sql);
  }

  private static QuarryException error(String sql) {
    return assertThrows(QuarryException.class, () -> rel(sql));
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    QuarryException e = error("SELECT id\nFROM orders\nWHERE id = = 3");
    assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
    assertEquals("Syntax error at line 3, column 10: unexpected '= ='", e.getMessage());
  }

  @Test
  void unexpectedEndIsReported() {
    QuarryException e = error("SELECT id FROM");
    assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void unknownTableIsNamed() {
    QuarryException e = error("SELECT * FROM customers");
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertEquals("Table 'customers' not found (line 1, column 15)", e.getMessage());
  }

  @Test
  void unknownColumnIsNamed() {
    QuarryException e = error("SELECT id, price FROM orders");
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("'price'"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1, column 12"), e.getMessage());
  }

  @Test
  void typeMismatchIsReported() {
    QuarryException e = error("SELECT amount + dt FROM orders");
    assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void unknownFunctionIsUnsupported() {
    QuarryException e = error("SELECT frobnicate(id) FROM orders");
    assertEquals(ErrorCode.UNSUPPORTED, e.code());
    assertTrue(e.getMessage().startsWith("Unknown function frobnicate("), e.getMessage());
  }

  @Test
  void identifiersAreCaseInsensitiveUnlessQuoted() {
    RelRoot root = rel("SELECT ID, Amount FROM ORDERS");
    assertEquals(List.of("ID", "Amount"), root.validatedRowType.getFieldNames());
  }

  @Test
  void quotedCidResolvesTheDatasetRoot() {
    RelRoot root = rel("SELECT count(*) FROM \"" + CID + "\"");
    assertEquals(1, root.validatedRowType.getFieldCount());
  }

  @Test
  void unknownCidIsNamed() {
    QuarryException e = error("SELECT * FROM \"bafybeiunknown\"");
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("bafybeiunknown"), e.getMessage());
  }

  @Test
  void sumOfDecimalWidensToPrecision38AndAvgIsDouble() {
    RelDataType row = rel("SELECT sum(amount), avg(amount), sum(id) FROM orders").validatedRowType;
    RelDataType sum = row.getFieldList().get(0).getType();
    assertEquals(SqlTypeName.DECIMAL, sum.getSqlTypeName());
    assertEquals(38, sum.getPrecision());
    assertEquals(2, sum.getScale());
    assertEquals(SqlTypeName.DOUBLE, row.getFieldList().get(1).getType().getSqlTypeName());
    assertEquals(SqlTypeName.BIGINT, row.getFieldList().get(2).getType().getSqlTypeName());
  }

  @Test
  void limitAndOffsetParse() {
    assertEquals(1, rel("SELECT id FROM orders ORDER BY id LIMIT 5 OFFSET 2").validatedRowType.getFieldCount());
  }
}
