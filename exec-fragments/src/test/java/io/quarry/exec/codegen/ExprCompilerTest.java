package io.quarry.exec.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType DATE = DataType.of(TypeKind.DATE);
  static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
  static final DataType IDT = DataType.of(TypeKind.INTERVAL_DAY_TIME);
  static final DataType IYM = DataType.of(TypeKind.INTERVAL_YEAR_MONTH);

  static Expr col(int i, DataType t) {
    return new ColumnRef(i, t);
  }

  static Expr lit(Object v, DataType t) {
    return new Literal(v, t);
  }

  static Expr call(Op op, DataType t, Expr... args) {
    return new Call(op, t, args);
  }

  static DataType dec(int p, int s) {
    return DataType.decimal(p, s);
  }

  static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  static int date(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  static List<Object> row(Object... v) {
    return Arrays.asList(v);
  }

  /** Evaluates {@code e} over the rows (one column per type in {@code types}). */
  static List<Object> eval(Expr e, List<DataType> types, List<List<Object>> rows) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(new Column("c" + i, types.get(i)));
    }
    try (RootAllocator a = new RootAllocator()) {
      List<Object> out = new ArrayList<>();
      try (VectorSchemaRoot in = Batches.fromRows(cols, rows, a);
          FieldVector v = ArrowTypes.toField("r", e.type()).createVector(a)) {
        ExprCompiler.projection(List.of(e)).evaluate(0, in, null, rows.size(), v);
        for (int i = 0; i < rows.size(); i++) {
          out.add(Batches.get(v, i));
        }
      }
      return out;
    }
  }

  /** Evaluates an expression without column inputs once. */
  static Object eval1(Expr e) {
    return eval(e, List.of(INT), List.of(row(0))).get(0);
  }

  static List<Integer> filter(Expr cond, List<DataType> types, List<List<Object>> rows) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(new Column("c" + i, types.get(i)));
    }
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot in = Batches.fromRows(cols, rows, a)) {
      int[] sel = new int[rows.size()];
      int n = ExprCompiler.filter(cond).filter(in, sel);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(sel[i]);
      }
      return out;
    }
  }

  @Test
  void integerArithmeticPropagatesNulls() {
    Expr plus = call(Op.PLUS, INT, col(0, INT), col(1, INT));
    assertEquals(
        Arrays.asList(3, null, null, -1),
        eval(plus, List.of(INT, INT), List.of(row(1, 2), row(null, 2), row(1, null), row(-3, 2))));
    Expr div = call(Op.DIVIDE, BIGINT, col(0, BIGINT), col(1, BIGINT));
    assertEquals(
        List.of(3L, -3L), eval(div, List.of(BIGINT, BIGINT), List.of(row(7L, 2L), row(-7L, 2L))));
    Expr mod = call(Op.MOD, INT, col(0, INT), lit(3, INT));
    assertEquals(List.of(1, -1), eval(mod, List.of(INT), List.of(row(7), row(-7))));
  }

  @Test
  void overflowAndDivisionByZeroAreErrors() {
    Expr plus = call(Op.PLUS, INT, col(0, INT), lit(1, INT));
    QuarryException e =
        assertThrows(
            QuarryException.class, () -> eval(plus, List.of(INT), List.of(row(Integer.MAX_VALUE))));
    assertEquals(ErrorCode.NUMERIC_OVERFLOW, e.code());
    Expr div = call(Op.DIVIDE, INT, col(0, INT), col(1, INT));
    QuarryException z =
        assertThrows(QuarryException.class, () -> eval(div, List.of(INT, INT), List.of(row(1, 0))));
    assertEquals(ErrorCode.DIVISION_BY_ZERO, z.code());
    Expr ddiv = call(Op.DIVIDE, dec(10, 2), col(0, dec(10, 2)), col(1, dec(10, 2)));
    QuarryException dz =
        assertThrows(
            QuarryException.class,
            () ->
                eval(ddiv, List.of(dec(10, 2), dec(10, 2)), List.of(row(bd("1.00"), bd("0.00")))));
    assertEquals(ErrorCode.DIVISION_BY_ZERO, dz.code());
    // a NULL divisor is not a division
    assertEquals(Arrays.asList((Object) null), eval(div, List.of(INT, INT), List.of(row(1, null))));
  }

  @Test
  void threeValuedLogic() {
    Expr a = col(0, BOOL);
    Expr b = col(1, BOOL);
    List<List<Object>> rows = new ArrayList<>();
    Boolean[] vals = {true, false, null};
    for (Boolean x : vals) {
      for (Boolean y : vals) {
        rows.add(row(x, y));
      }
    }
    List<Object> and = eval(call(Op.AND, BOOL, a, b), List.of(BOOL, BOOL), rows);
    List<Object> or = eval(call(Op.OR, BOOL, a, b), List.of(BOOL, BOOL), rows);
    assertEquals(Arrays.asList(true, false, null, false, false, false, null, false, null), and);
    assertEquals(Arrays.asList(true, true, true, true, false, null, true, null, null), or);
    List<Object> not = eval(call(Op.NOT, BOOL, a), List.of(BOOL, BOOL), rows.subList(0, 9));
    assertEquals(Arrays.asList(false, false, false, true, true, true, null, null, null), not);
    assertEquals(
        Arrays.asList(true, true, true, false, false, false, false, false, false),
        eval(call(Op.IS_TRUE, BOOL, a), List.of(BOOL, BOOL), rows));
    assertEquals(
        Arrays.asList(true, true, true, false, false, false, true, true, true),
        eval(call(Op.IS_NOT_FALSE, BOOL, a), List.of(BOOL, BOOL), rows));
    // a filter keeps only TRUE rows
    assertEquals(List.of(0), filter(call(Op.AND, BOOL, a, b), List.of(BOOL, BOOL), rows));
    assertEquals(
        List.of(0, 1, 2, 3, 6), filter(call(Op.OR, BOOL, a, b), List.of(BOOL, BOOL), rows));
  }

  @Test
  void comparisonsAcrossTypesAndNulls() {
    Expr lt = call(Op.LT, BOOL, col(0, INT), col(1, dec(5, 2)));
    assertEquals(
        Arrays.asList(true, false, null),
        eval(
            lt,
            List.of(INT, dec(5, 2)),
            List.of(row(1, bd("1.01")), row(2, bd("1.99")), row(null, bd("1.00")))));
    Expr eqs = call(Op.EQ, BOOL, col(0, VARCHAR), lit("abc", VARCHAR));
    assertEquals(
        Arrays.asList(true, false, false, null),
        eval(
            eqs, List.of(VARCHAR), List.of(row("abc"), row("abd"), row("ab"), row((Object) null))));
    Expr cmp = call(Op.GT, BOOL, col(0, VARCHAR), col(1, VARCHAR));
    assertEquals(
        List.of(true, false, true),
        eval(
            cmp, List.of(VARCHAR, VARCHAR), List.of(row("b", "a"), row("a", "ab"), row("é", "z"))));
    Expr dist = call(Op.IS_DISTINCT_FROM, BOOL, col(0, INT), col(1, INT));
    assertEquals(
        List.of(false, true, true, false),
        eval(
            dist, List.of(INT, INT), List.of(row(1, 1), row(1, 2), row(null, 1), row(null, null))));
    Expr dd = call(Op.EQ, BOOL, col(0, DATE), col(1, TIMESTAMP));
    assertEquals(
        List.of(true), eval(dd, List.of(DATE, TIMESTAMP), List.of(row(1, 86_400_000_000L))));
  }

  @Test
  void decimalsAreExact() {
    Expr plus = call(Op.PLUS, dec(11, 3), col(0, dec(10, 2)), col(1, dec(10, 3)));
    assertEquals(
        List.of(bd("3.305")),
        eval(plus, List.of(dec(10, 2), dec(10, 3)), List.of(row(bd("1.10"), bd("2.205")))));
    Expr times = call(Op.TIMES, dec(8, 4), col(0, dec(4, 2)), col(1, dec(4, 2)));
    assertEquals(
        List.of(bd("2.2500")),
        eval(times, List.of(dec(4, 2), dec(4, 2)), List.of(row(bd("1.50"), bd("1.50")))));
    Expr div = call(Op.DIVIDE, dec(10, 4), col(0, dec(5, 0)), col(1, dec(5, 0)));
    assertEquals(
        List.of(bd("0.3333"), bd("0.6667"), bd("-0.6667")),
        eval(
            div,
            List.of(dec(5, 0), dec(5, 0)),
            List.of(row(bd("1"), bd("3")), row(bd("2"), bd("3")), row(bd("-2"), bd("3")))));
    // TPC-H Q1's charge: extendedprice * (1 - discount) * (1 + tax)
    DataType d152 = dec(15, 2);
    Expr one = lit(bd("1"), dec(1, 0));
    Expr disc = call(Op.MINUS, dec(16, 2), one, col(1, d152));
    Expr tax = call(Op.PLUS, dec(16, 2), one, col(2, d152));
    Expr charge = call(Op.TIMES, dec(38, 6), call(Op.TIMES, dec(31, 4), col(0, d152), disc), tax);
    assertEquals(
        List.of(bd("36519.149760")),
        eval(
            charge,
            List.of(d152, d152, d152),
            List.of(row(bd("33078.94"), bd("0.04"), bd("0.15")))));
    // rounding to a smaller result scale is HALF_UP
    Expr scaled = call(Op.TIMES, dec(10, 2), col(0, dec(5, 2)), col(1, dec(5, 2)));
    assertEquals(
        List.of(bd("0.01"), bd("-0.01")),
        eval(
            scaled,
            List.of(dec(5, 2), dec(5, 2)),
            List.of(row(bd("0.05"), bd("0.10")), row(bd("-0.05"), bd("0.10")))));
  }

  @Test
  void wideDecimalsFallBackToExactArithmetic() {
    DataType d19 = dec(19, 2);
    DataType d38 = dec(38, 4);
    Expr times = call(Op.TIMES, d38, col(0, d19), col(1, d19));
    // first row fits 64 bits, second overflows them: the batch is recomputed exactly
    assertEquals(
        List.of(bd("6.0000"), bd("100000000000000000000000000000000.0000")),
        eval(
            times,
            List.of(d19, d19),
            List.of(
                row(bd("2.00"), bd("3.00")),
                row(bd("10000000000000000.00"), bd("10000000000000000.00")))));
    Expr plus = call(Op.PLUS, dec(38, 0), col(0, dec(38, 0)), lit(bd("1"), dec(1, 0)));
    assertEquals(
        List.of(bd("123456789012345678901234567891")),
        eval(plus, List.of(dec(38, 0)), List.of(row(bd("123456789012345678901234567890")))));
    Expr gt = call(Op.GT, BOOL, col(0, dec(38, 0)), lit(bd("99999999999999999999"), dec(20, 0)));
    assertEquals(
        List.of(true, false),
        eval(gt, List.of(dec(38, 0)), List.of(row(bd("100000000000000000000")), row(bd("5")))));
    // a narrow result that cannot hold the value is an overflow error, not a wrong value
    Expr narrow = call(Op.TIMES, dec(18, 0), col(0, dec(18, 0)), col(1, dec(18, 0)));
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () ->
                eval(
                    narrow,
                    List.of(dec(18, 0), dec(18, 0)),
                    List.of(row(bd("100000000000"), bd("100000000000")))));
    assertEquals(ErrorCode.NUMERIC_OVERFLOW, e.code());
  }

  @Test
  void dateArithmeticAndExtract() {
    Expr minus90 = call(Op.MINUS, DATE, lit(date("1998-12-01"), DATE), lit(90L * 86_400_000L, IDT));
    assertEquals(date("1998-09-02"), eval1(minus90));
    Expr plusMonth = call(Op.PLUS, DATE, col(0, DATE), lit(1, IYM));
    assertEquals(
        List.of(date("2020-02-29"), date("2021-02-28"), date("2020-04-30")),
        eval(
            plusMonth,
            List.of(DATE),
            List.of(row(date("2020-01-31")), row(date("2021-01-31")), row(date("2020-03-30")))));
    Expr minusYear = call(Op.MINUS, DATE, col(0, DATE), lit(12, IYM));
    assertEquals(
        List.of(date("2019-02-28")),
        eval(minusYear, List.of(DATE), List.of(row(date("2020-02-29")))));
    Expr diff = call(Op.MINUS, INT, col(0, DATE), col(1, DATE));
    assertEquals(
        List.of(31),
        eval(diff, List.of(DATE, DATE), List.of(row(date("2020-02-01"), date("2020-01-01")))));
    Expr ts = call(Op.PLUS, TIMESTAMP, col(0, TIMESTAMP), lit(1500L, IDT));
    assertEquals(List.of(1_500_000L), eval(ts, List.of(TIMESTAMP), List.of(row(0L))));
    int d = date("1996-02-29");
    assertEquals(1996L, eval1(call(Op.EXTRACT, BIGINT, lit("YEAR", VARCHAR), lit(d, DATE))));
    assertEquals(2L, eval1(call(Op.EXTRACT, BIGINT, lit("MONTH", VARCHAR), lit(d, DATE))));
    assertEquals(29L, eval1(call(Op.EXTRACT, BIGINT, lit("DAY", VARCHAR), lit(d, DATE))));
    assertEquals(1L, eval1(call(Op.EXTRACT, BIGINT, lit("QUARTER", VARCHAR), lit(d, DATE))));
    assertEquals(
        4L, eval1(call(Op.EXTRACT, BIGINT, lit("DOW", VARCHAR), lit(d, DATE)))); // Thursday
    assertEquals(60L, eval1(call(Op.EXTRACT, BIGINT, lit("DOY", VARCHAR), lit(d, DATE))));
    long micros =
        (long) date("1970-01-02") * 86_400_000_000L + ((13 * 60 + 45) * 60 + 7) * 1_000_000L;
    assertEquals(13, eval1(call(Op.EXTRACT, INT, lit("HOUR", VARCHAR), lit(micros, TIMESTAMP))));
    assertEquals(45, eval1(call(Op.EXTRACT, INT, lit("MINUTE", VARCHAR), lit(micros, TIMESTAMP))));
    assertEquals(7, eval1(call(Op.EXTRACT, INT, lit("SECOND", VARCHAR), lit(micros, TIMESTAMP))));
  }

  @Test
  void like() {
    String[] data = {"PROMO BRUSHED", "STANDARD BRASS", "special requests", "a%b", "", "héllo"};
    List<List<Object>> rows = new ArrayList<>();
    for (String s : data) {
      rows.add(row(s));
    }
    rows.add(row((Object) null));
    assertEquals(List.of(0), likeRows("PROMO%", rows));
    assertEquals(List.of(1), likeRows("%BRASS", rows));
    assertEquals(List.of(2), likeRows("%requests%", rows));
    assertEquals(List.of(2), likeRows("%special%requests%", rows));
    assertEquals(List.of(1), likeRows("ST_NDARD%", rows));
    assertEquals(List.of(5), likeRows("h_llo", rows));
    assertEquals(List.of(4), likeRows("", rows));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), likeRows("%", rows));
    Expr escaped = call(Op.LIKE, BOOL, col(0, VARCHAR), lit("a!%b", VARCHAR), lit("!", VARCHAR));
    assertEquals(List.of(3), filter(escaped, List.of(VARCHAR), rows));
    Expr computed =
        call(Op.LIKE, BOOL, call(Op.UPPER, VARCHAR, col(0, VARCHAR)), lit("%REQ%", VARCHAR));
    assertEquals(List.of(2), filter(computed, List.of(VARCHAR), rows));
    Expr nullLike = call(Op.LIKE, BOOL, col(0, VARCHAR), lit("x", VARCHAR));
    assertEquals(null, eval(nullLike, List.of(VARCHAR), rows).get(6));
  }

  private static List<Integer> likeRows(String pattern, List<List<Object>> rows) {
    return filter(
        call(Op.LIKE, BOOL, col(0, VARCHAR), lit(pattern, VARCHAR)), List.of(VARCHAR), rows);
  }

  @Test
  void casts() {
    assertEquals(12, eval1(call(Op.CAST, INT, lit(" 12 ", VARCHAR))));
    assertEquals(date("1998-09-02"), eval1(call(Op.CAST, DATE, lit("1998-09-02", VARCHAR))));
    assertEquals(bd("1.25"), eval1(call(Op.CAST, dec(5, 2), lit("1.245", VARCHAR))));
    assertEquals("1998-09-02", eval1(call(Op.CAST, VARCHAR, lit(date("1998-09-02"), DATE))));
    assertEquals("-0.05", eval1(call(Op.CAST, VARCHAR, lit(bd("-0.05"), dec(3, 2)))));
    assertEquals(3, eval1(call(Op.CAST, INT, lit(2.5, DOUBLE))));
    assertEquals(-3L, eval1(call(Op.CAST, BIGINT, lit(bd("-2.50"), dec(3, 2)))));
    assertEquals(0.25, eval1(call(Op.CAST, DOUBLE, lit(bd("0.25"), dec(3, 2)))));
    assertEquals(bd("3.00"), eval1(call(Op.CAST, dec(5, 2), lit(3, INT))));
    assertEquals(true, eval1(call(Op.CAST, BOOL, lit("true", VARCHAR))));
    assertEquals(
        "1970-01-01 00:00:01.5", eval1(call(Op.CAST, VARCHAR, lit(1_500_000L, TIMESTAMP))));
    assertEquals(
        1_500_000L, eval1(call(Op.CAST, TIMESTAMP, lit("1970-01-01 00:00:01.5", VARCHAR))));
    assertEquals(date("1970-01-02"), eval1(call(Op.CAST, DATE, lit(86_400_000_001L, TIMESTAMP))));
    QuarryException e =
        assertThrows(QuarryException.class, () -> eval1(call(Op.CAST, INT, lit("abc", VARCHAR))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
    QuarryException d =
        assertThrows(
            QuarryException.class, () -> eval1(call(Op.CAST, DATE, lit("1998-13-01", VARCHAR))));
    assertTrue(d.getMessage().contains("1998-13-01"), d.getMessage());
    QuarryException o =
        assertThrows(
            QuarryException.class,
            () -> eval1(call(Op.CAST, dec(3, 1), lit(bd("123.4"), dec(4, 1)))));
    assertEquals(ErrorCode.NUMERIC_OVERFLOW, o.code());
  }

  @Test
  void strings() {
    assertEquals(
        "ell", eval1(call(Op.SUBSTRING, VARCHAR, lit("hello", VARCHAR), lit(2, INT), lit(3, INT))));
    assertEquals(
        "he", eval1(call(Op.SUBSTRING, VARCHAR, lit("hello", VARCHAR), lit(0, INT), lit(3, INT))));
    assertEquals("llo", eval1(call(Op.SUBSTRING, VARCHAR, lit("hello", VARCHAR), lit(3, INT))));
    assertEquals("", eval1(call(Op.SUBSTRING, VARCHAR, lit("hello", VARCHAR), lit(9, INT))));
    assertEquals(
        "éé", eval1(call(Op.SUBSTRING, VARCHAR, lit("aééb", VARCHAR), lit(2, INT), lit(2, INT))));
    assertEquals(
        "ab1", eval1(call(Op.CONCAT, VARCHAR, lit("a", VARCHAR), lit("b", VARCHAR), lit(1, INT))));
    assertEquals("ABÉ", eval1(call(Op.UPPER, VARCHAR, lit("abé", VARCHAR))));
    assertEquals("abc", eval1(call(Op.LOWER, VARCHAR, lit("ABC", VARCHAR))));
    assertEquals("x y", eval1(call(Op.TRIM, VARCHAR, lit("  x y ", VARCHAR))));
    assertEquals("x ", eval1(call(Op.LTRIM, VARCHAR, lit("  x ", VARCHAR))));
    assertEquals("  x", eval1(call(Op.RTRIM, VARCHAR, lit("  x ", VARCHAR))));
    assertEquals(4, eval1(call(Op.CHAR_LENGTH, INT, lit("aééb", VARCHAR))));
    assertEquals(3, eval1(call(Op.POSITION, INT, lit("c", VARCHAR), lit("ébc", VARCHAR))));
    assertEquals(0, eval1(call(Op.POSITION, INT, lit("z", VARCHAR), lit("abc", VARCHAR))));
    assertEquals(
        "a-b-c",
        eval1(
            call(
                Op.REPLACE, VARCHAR, lit("a b c", VARCHAR), lit(" ", VARCHAR), lit("-", VARCHAR))));
    Expr len = call(Op.CHAR_LENGTH, INT, col(0, VARCHAR));
    assertEquals(
        Arrays.asList(5, null),
        eval(len, List.of(VARCHAR), List.of(row("héllo"), row((Object) null))));
    Expr cat = call(Op.CONCAT, VARCHAR, col(0, VARCHAR), col(1, VARCHAR));
    assertEquals(
        Arrays.asList("xy", null),
        eval(cat, List.of(VARCHAR, VARCHAR), List.of(row("x", "y"), row("x", null))));
  }

  @Test
  void caseCoalesceAndIn() {
    Expr c = col(0, INT);
    Expr caseExpr =
        call(
            Op.CASE,
            VARCHAR,
            call(Op.LT, BOOL, c, lit(0, INT)),
            lit("neg", VARCHAR),
            call(Op.EQ, BOOL, c, lit(0, INT)),
            lit("zero", VARCHAR),
            lit(null, VARCHAR));
    assertEquals(
        Arrays.asList("neg", "zero", null, null),
        eval(caseExpr, List.of(INT), List.of(row(-1), row(0), row(5), row((Object) null))));
    Expr coalesce = call(Op.COALESCE, INT, col(0, INT), col(1, INT), lit(7, INT));
    assertEquals(
        List.of(1, 2, 7),
        eval(coalesce, List.of(INT, INT), List.of(row(1, 2), row(null, 2), row(null, null))));
    Expr small = call(Op.IN, BOOL, c, lit(1, INT), lit(3, INT));
    assertEquals(
        Arrays.asList(true, false, null),
        eval(small, List.of(INT), List.of(row(1), row(2), row((Object) null))));
    Expr withNull = call(Op.IN, BOOL, c, lit(1, INT), lit(null, INT));
    assertEquals(Arrays.asList(true, null), eval(withNull, List.of(INT), List.of(row(1), row(2))));
    List<Expr> many = new ArrayList<>();
    many.add(col(0, VARCHAR));
    for (int i = 0; i < 20; i++) {
      many.add(lit("v" + i, VARCHAR));
    }
    Expr bigIn = new Call(Op.IN, many, BOOL);
    assertEquals(
        List.of(0, 2), filter(bigIn, List.of(VARCHAR), List.of(row("v3"), row("w"), row("v19"))));
    List<Expr> nums = new ArrayList<>();
    nums.add(col(0, BIGINT));
    for (long i = 0; i < 20; i++) {
      nums.add(lit(i * 10, BIGINT));
    }
    nums.add(lit(null, BIGINT));
    Expr bigNumIn = new Call(Op.IN, nums, BOOL);
    assertEquals(
        Arrays.asList(true, null), eval(bigNumIn, List.of(BIGINT), List.of(row(190L), row(5L))));
  }

  @Test
  void mathFunctions() {
    assertEquals(
        bd("1.3"), eval1(call(Op.ROUND, dec(5, 1), lit(bd("1.25"), dec(5, 2)), lit(1, INT))));
    assertEquals(
        bd("-1.3"), eval1(call(Op.ROUND, dec(5, 1), lit(bd("-1.25"), dec(5, 2)), lit(1, INT))));
    assertEquals(2.5, eval1(call(Op.ROUND, DOUBLE, lit(2.45, DOUBLE), lit(1, INT))));
    assertEquals(bd("2.50"), eval1(call(Op.ABS, dec(5, 2), lit(bd("-2.50"), dec(5, 2)))));
    assertEquals(bd("-3"), eval1(call(Op.FLOOR, dec(5, 0), lit(bd("-2.50"), dec(5, 2)))));
    assertEquals(bd("-2"), eval1(call(Op.CEIL, dec(5, 0), lit(bd("-2.50"), dec(5, 2)))));
    assertEquals(8.0, eval1(call(Op.POWER, DOUBLE, lit(2, INT), lit(3, INT))));
    assertEquals(3.0, eval1(call(Op.SQRT, DOUBLE, lit(9.0, DOUBLE))));
    assertEquals(2.0, eval1(call(Op.LOG10, DOUBLE, lit(100.0, DOUBLE))));
    assertEquals(
        1.0, (Double) eval1(call(Op.LN, DOUBLE, call(Op.EXP, DOUBLE, lit(1.0, DOUBLE)))), 1e-12);
    assertEquals(-1, eval1(call(Op.SIGN, INT, lit(-5, INT))));
    assertEquals(-7L, eval1(call(Op.NEGATE, BIGINT, lit(7L, BIGINT))));
    QuarryException e =
        assertThrows(QuarryException.class, () -> eval1(call(Op.LN, DOUBLE, lit(0.0, DOUBLE))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void filtersRespectAnIncomingSelection() {
    Expr cond = call(Op.GT, BOOL, col(0, INT), lit(2, INT));
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot in =
            Batches.fromRows(
                List.of(new Column("x", INT)),
                List.of(row(1), row(5), row(3), row(9), row(0)),
                a)) {
      int[] sel = {0, 1, 4};
      int n = ExprCompiler.filter(cond).filter(in, sel, 3, sel);
      assertEquals(1, n);
      assertEquals(1, sel[0]);
    }
  }

  @Test
  void constantsAreFoldedOnce() {
    Expr cutoff = call(Op.MINUS, DATE, lit(date("1998-12-01"), DATE), lit(90L * 86_400_000L, IDT));
    Expr cond = call(Op.LE, BOOL, col(0, DATE), cutoff);
    Expr folded = ExprCompiler.fold(cond);
    assertEquals(call(Op.LE, BOOL, col(0, DATE), lit(date("1998-09-02"), DATE)), folded);
    assertEquals(
        List.of(0),
        filter(cond, List.of(DATE), List.of(row(date("1998-09-02")), row(date("1998-09-03")))));
    // a failing constant stays in place and fails only when a row reaches it
    Expr bad = call(Op.DIVIDE, INT, lit(1, INT), lit(0, INT));
    assertEquals(bad, ExprCompiler.fold(bad));
    Expr guarded =
        call(Op.CASE, INT, call(Op.GT, BOOL, col(0, INT), lit(0, INT)), bad, lit(7, INT));
    assertEquals(List.of(7), eval(guarded, List.of(INT), List.of(row(-1))));
    assertEquals(
        lit("AB", VARCHAR), ExprCompiler.fold(call(Op.UPPER, VARCHAR, lit("ab", VARCHAR))));
    assertEquals(
        lit(null, INT), ExprCompiler.fold(call(Op.PLUS, INT, lit(1, INT), lit(null, INT))));
  }

  @Test
  void operatorsOverColumnsOfEveryType() {
    DataType wide = dec(30, 4);
    List<DataType> types = List.of(dec(10, 2), wide, DOUBLE, VARCHAR, BOOL, TIMESTAMP);
    List<List<Object>> rows =
        List.of(
            row(bd("-7.25"), bd("123456789012345678901234.5678"), -2.5, " ab ", true, 1_000_000L),
            row(null, null, null, null, null, null));
    Expr d = col(0, dec(10, 2));
    Expr w = col(1, wide);
    Expr x = col(2, DOUBLE);
    Expr s = col(3, VARCHAR);
    Expr b = col(4, BOOL);
    Expr t = col(5, TIMESTAMP);
    Object[][] cases = {
      {call(Op.MOD, dec(10, 2), d, lit(bd("2.00"), dec(3, 2))), bd("-1.25")},
      {call(Op.NEGATE, dec(10, 2), d), bd("7.25")},
      {call(Op.NEGATE, wide, w), bd("-123456789012345678901234.5678")},
      {call(Op.DIVIDE, DOUBLE, x, lit(2.0, DOUBLE)), -1.25},
      {call(Op.PLUS, wide, w, d), bd("123456789012345678901227.3178")},
      {call(Op.CAST, VARCHAR, w), "123456789012345678901234.5678"},
      {call(Op.CAST, DOUBLE, d), -7.25},
      {call(Op.CAST, INT, s), null},
      {call(Op.CAST, VARCHAR, b), "true"},
      {call(Op.CAST, DATE, t), 0},
      {call(Op.IS_DISTINCT_FROM, BOOL, s, lit(" ab ", VARCHAR)), false},
      {call(Op.EQ, BOOL, b, lit(true, BOOL)), true},
      {call(Op.LT, BOOL, w, d), false},
      {call(Op.CASE, wide, b, w, d), bd("123456789012345678901234.5678")},
      {call(Op.COALESCE, VARCHAR, s, lit("z", VARCHAR)), " ab "},
      {call(Op.TRIM, VARCHAR, s), "ab"},
      {call(Op.SIGN, INT, d), -1},
      {call(Op.ROUND, dec(10, 0), d), bd("-7")},
      {call(Op.ABS, DOUBLE, x), 2.5},
      {call(Op.CEIL, DOUBLE, x), -2.0},
      {call(Op.IN, BOOL, d, lit(bd("1.00"), dec(3, 2)), lit(bd("-7.25"), dec(3, 2))), true},
      {call(Op.NOT, BOOL, call(Op.IS_NULL, BOOL, w)), true},
      {call(Op.EXTRACT, INT, lit("SECOND", VARCHAR), t), 1},
    };
    for (Object[] c : cases) {
      if (((Expr) c[0]).toString().contains("CAST") && c[1] == null) {
        QuarryException e =
            assertThrows(QuarryException.class, () -> eval((Expr) c[0], types, rows));
        assertTrue(e.getMessage().contains("' ab '"), e.getMessage());
        continue;
      }
      List<Object> got = eval((Expr) c[0], types, rows);
      assertEquals(c[1], got.get(0), c[0].toString());
      boolean nullSafe =
          ((Call) c[0]).op() == Op.IS_DISTINCT_FROM
              || ((Call) c[0]).op() == Op.NOT
              || ((Call) c[0]).op() == Op.COALESCE;
      if (!nullSafe) {
        assertEquals(null, got.get(1), c[0].toString());
      }
    }
  }

  @Test
  void compiledCodeIsCached() {
    Expr e = call(Op.PLUS, BIGINT, col(0, BIGINT), lit(41L, BIGINT));
    assertSame(ExprCompiler.projection(List.of(e)), ExprCompiler.projection(List.of(e)));
    Expr cond = call(Op.GT, BOOL, col(0, BIGINT), lit(41L, BIGINT));
    assertSame(ExprCompiler.filter(cond), ExprCompiler.filter(cond));
  }

  @Test
  void projectionOverASelection() {
    Expr e = call(Op.TIMES, BIGINT, col(0, BIGINT), lit(10L, BIGINT));
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot in =
            Batches.fromRows(
                List.of(new Column("x", BIGINT)), List.of(row(1L), row(2L), row(3L)), a);
        FieldVector out = ArrowTypes.toField("r", BIGINT).createVector(a)) {
      ExprCompiler.projection(List.of(e)).evaluate(0, in, new int[] {2, 0}, 2, out);
      assertArrayEquals(
          new Object[] {30L, 10L}, new Object[] {Batches.get(out, 0), Batches.get(out, 1)});
    }
  }
}
