package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
  private static QueryAnswer answer(List<?>... rows) {
    int width = rows.length == 0 ? 1 : rows[0].size();
    List<String> columns =
        java.util.stream.IntStream.range(0, width).mapToObj(i -> "c" + i).toList();
    return new QueryAnswer(
        columns,
        Arrays.stream(rows).map(r -> (List<Object>) new java.util.ArrayList<Object>(r)).toList());
  }

  @Test
  void decimalsEqualAfterNormalisingScale() {
    assertTrue(
        ResultComparator.compare(
                answer(List.of(new BigDecimal("1.50"))),
                answer(List.of(new BigDecimal("1.5"))),
                true)
            .matches());
    assertFalse(
        ResultComparator.compare(
                answer(List.of(new BigDecimal("1.50"))),
                answer(List.of(new BigDecimal("1.51"))),
                true)
            .matches());
    assertTrue(
        ResultComparator.compare(answer(List.of(3L)), answer(List.of(new BigDecimal("3.00"))), true)
            .matches());
  }

  @Test
  void doublesWithinRelativeTolerance() {
    assertTrue(
        ResultComparator.compare(answer(List.of(1e9)), answer(List.of(1e9 * (1 + 1e-12))), true)
            .matches());
    assertFalse(
        ResultComparator.compare(answer(List.of(1.0)), answer(List.of(1.0 + 1e-6)), true)
            .matches());
  }

  @Test
  void doubleAgainstDecimalRoundedToItsScale() {
    assertTrue(
        ResultComparator.compare(
                answer(List.of(25.5772)), answer(List.of(new BigDecimal("25.58"))), true)
            .matches());
    assertFalse(
        ResultComparator.compare(
                answer(List.of(25.5772)), answer(List.of(new BigDecimal("25.59"))), true)
            .matches());
  }

  @Test
  void orderMattersOnlyWhenOrdered() {
    QueryAnswer a = answer(List.of("x", 1L), List.of("y", 2L));
    QueryAnswer b = answer(List.of("y", 2L), List.of("x", 1L));
    assertTrue(ResultComparator.compare(a, b, false).matches());
    ResultComparator.Comparison c = ResultComparator.compare(a, b, true);
    assertFalse(c.matches());
    assertTrue(c.difference().contains("row 1"), c.difference());
  }

  @Test
  void multisetsCountDuplicates() {
    QueryAnswer a = answer(List.of(1L), List.of(1L), List.of(2L));
    QueryAnswer b = answer(List.of(1L), List.of(2L), List.of(2L));
    assertFalse(ResultComparator.compare(a, b, false).matches());
  }

  @Test
  void rowCountsNullsAndTypes() {
    assertFalse(ResultComparator.compare(answer(List.of(1L)), answer(), false).matches());
    assertTrue(
        ResultComparator.compare(
                answer(Arrays.asList((Object) null)), answer(Arrays.asList((Object) null)), true)
            .matches());
    assertFalse(
        ResultComparator.compare(answer(Arrays.asList((Object) null)), answer(List.of(0L)), true)
            .matches());
    assertFalse(
        ResultComparator.compare(answer(List.of("1")), answer(List.of(1L)), true).matches());
    assertTrue(
        ResultComparator.compare(
                answer(List.of(LocalDate.of(1995, 3, 15))),
                answer(List.of(LocalDate.of(1995, 3, 15))),
                true)
            .matches());
  }
}
