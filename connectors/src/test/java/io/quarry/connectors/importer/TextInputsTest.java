package io.quarry.connectors.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextInputsTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static TargetSchema schema(List<ImportInput> inputs, Map<String, DataType> overrides, int sampleRows) {
    List<InputSample> samples = inputs.stream().map(i -> i.sample(sampleRows)).toList();
    return SchemaResolver.resolve(inputs, samples, overrides, Optional.empty(), sampleRows);
  }

  private static List<Object[]> readAll(ImportInput input, TargetSchema schema) {
    List<Object[]> rows = new ArrayList<>();
    try (RowSource source = input.open(schema)) {
      for (Object[] row = source.next(); row != null; row = source.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  @Test
  void infersCsvTypes() throws Exception {
    Path csv = file("t.csv", """
        id,flag,price,ratio,day,at,name,zip,empty
        1,true,12.50,1e3,2024-01-31,2024-01-31T10:00:00,"a, b",00123,
        -2,FALSE,7,0.125,2024-02-01,2024-02-01 11:30:00.5,c,12345,
        3,,,,,,,,
        """);
    ImportInput input = new CsvInput(csv);
    TargetSchema schema = schema(List.of(input), Map.of(), 100);
    assertEquals(List.of(
        new Column("id", DataType.of(TypeKind.BIGINT)),
        new Column("flag", DataType.of(TypeKind.BOOLEAN)),
        new Column("price", DataType.decimal(18, 2)),
        new Column("ratio", DataType.of(TypeKind.DOUBLE)),
        new Column("day", DataType.of(TypeKind.DATE)),
        new Column("at", DataType.of(TypeKind.TIMESTAMP)),
        new Column("name", DataType.of(TypeKind.VARCHAR)),
        new Column("zip", DataType.of(TypeKind.VARCHAR)),
        new Column("empty", DataType.of(TypeKind.VARCHAR))), schema.columns());
    List<Object[]> rows = readAll(input, schema);
    assertEquals(3, rows.size());
    assertArrayEquals(new Object[] {1L, true, new BigDecimal("12.50"), 1000.0, day("2024-01-31"),
        LocalDate.parse("2024-01-31").toEpochDay() * 86_400_000_000L + 36_000_000_000L, "a, b", "00123", null},
        rows.get(0));
    assertEquals(new BigDecimal("7.00"), rows.get(1)[2]);
    assertEquals(false, rows.get(1)[1]);
    assertArrayEquals(new Object[] {3L, null, null, null, null, null, null, null, null}, rows.get(2));
  }

  @Test
  void overridesWin() throws Exception {
    Path csv = file("t.csv", "id,price\n1,2.5\n2,3.25\n");
    ImportInput input = new CsvInput(csv);
    TargetSchema schema = schema(List.of(input),
        Map.of("id", DataType.of(TypeKind.INT), "price", DataType.decimal(10, 4)), 100);
    assertEquals(List.of(new Column("id", DataType.of(TypeKind.INT)), new Column("price", DataType.decimal(10, 4))),
        schema.columns());
    List<Object[]> rows = readAll(input, schema);
    assertArrayEquals(new Object[] {2, new BigDecimal("3.2500")}, rows.get(1));
  }

  @Test
  void detectsOtherDelimiters() throws Exception {
    Path csv = file("t.csv", "a|b\n1|x\n");
    ImportInput input = new CsvInput(csv);
    TargetSchema schema = schema(List.of(input), Map.of(), 100);
    assertArrayEquals(new Object[] {1L, "x"}, readAll(input, schema).get(0));
  }

  @Test
  void valueBeyondTheSampleNamesFileLineColumnAndSuggestsAnOverride() throws Exception {
    Path csv = file("t.csv", "id,amount\n1,10\n2,20\n3,oops\n");
    ImportInput input = new CsvInput(csv);
    TargetSchema schema = schema(List.of(input), Map.of(), 2);
    QuarryException e = assertThrows(QuarryException.class, () -> readAll(input, schema));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().startsWith(csv + ":4:2: column 'amount': 'oops' is not a BIGINT"), e.getMessage());
    assertTrue(e.getMessage().contains("inferred from the first 2 rows"), e.getMessage());
    assertTrue(e.getMessage().contains("override the type of column 'amount'"), e.getMessage());
  }

  @Test
  void decimalWithMoreDigitsThanInferredIsAnError() throws Exception {
    Path csv = file("t.csv", "x\n1.5\n2.25\n");
    ImportInput input = new CsvInput(csv);
    TargetSchema schema = schema(List.of(input), Map.of(), 1);
    QuarryException e = assertThrows(QuarryException.class, () -> readAll(input, schema));
    assertTrue(e.getMessage().startsWith(csv + ":3:1: column 'x': '2.25' is not a DECIMAL(18, 1)"), e.getMessage());
  }

  @Test
  void malformedCsvNamesTheLine() throws Exception {
    Path wrongWidth = file("w.csv", "a,b\n1,2\n3\n");
    QuarryException e = assertThrows(QuarryException.class, () -> new CsvInput(wrongWidth).sample(100));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertEquals(wrongWidth + ":3: 1 fields, but the header has 2 columns", e.getMessage());

    Path badQuote = file("q.csv", "a,b\n1,\"x\"y\n");
    e = assertThrows(QuarryException.class, () -> new CsvInput(badQuote).sample(100));
    assertTrue(e.getMessage().startsWith(badQuote + ":2: malformed CSV"), e.getMessage());

    Path duplicate = file("d.csv", "a,a\n1,2\n");
    e = assertThrows(QuarryException.class, () -> new CsvInput(duplicate).sample(100));
    assertEquals(duplicate + ":1:2: the header names column 'a' twice", e.getMessage());

    Path binary = dir.resolve("b.csv");
    Files.write(binary, new byte[] {'a', '\n', '1', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
    e = assertThrows(QuarryException.class, () -> new CsvInput(binary).sample(100));
    assertTrue(e.getMessage().startsWith(binary + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());

    Path empty = file("e.csv", "");
    e = assertThrows(QuarryException.class, () -> new CsvInput(empty).sample(100));
    assertTrue(e.getMessage().contains("empty CSV file"), e.getMessage());
  }

  @Test
  void infersJsonLinesTypesAndMissingKeysAreNull() throws Exception {
    Path json = file("t.jsonl", """
        {"id": 1, "price": 1.25, "name": "a", "day": "2024-03-01", "tags": [1, 2], "ok": true}
        {"id": 2, "name": "123", "extra": null}

        {"id": 3, "price": 10, "day": null, "ok": false}
        """);
    ImportInput input = new JsonInput(json);
    TargetSchema schema = schema(List.of(input), Map.of(), 100);
    assertEquals(List.of(
        new Column("id", DataType.of(TypeKind.BIGINT)),
        new Column("price", DataType.decimal(18, 2)),
        new Column("name", DataType.of(TypeKind.VARCHAR)),
        new Column("day", DataType.of(TypeKind.DATE)),
        new Column("tags", DataType.of(TypeKind.VARCHAR)),
        new Column("ok", DataType.of(TypeKind.BOOLEAN)),
        new Column("extra", DataType.of(TypeKind.VARCHAR))), schema.columns());
    List<Object[]> rows = readAll(input, schema);
    assertArrayEquals(new Object[] {1L, new BigDecimal("1.25"), "a", day("2024-03-01"), "[1,2]", true, null}, rows.get(0));
    assertArrayEquals(new Object[] {2L, null, "123", null, null, null, null}, rows.get(1));
    assertArrayEquals(new Object[] {3L, new BigDecimal("10.00"), null, null, null, false, null}, rows.get(2));
  }

  @Test
  void jsonArrayOfObjectsIsAccepted() throws Exception {
    Path json = file("t.json", "[{\"a\": 1}, {\"a\": 2}]");
    ImportInput input = new JsonInput(json);
    TargetSchema schema = schema(List.of(input), Map.of(), 100);
    assertEquals(2, readAll(input, schema).size());
  }

  @Test
  void badJsonNamesLineAndColumn() throws Exception {
    Path syntax = file("s.jsonl", "{\"a\": 1}\n{\"a\": 2,, }\n");
    QuarryException e = assertThrows(QuarryException.class, () -> new JsonInput(syntax).sample(100));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().startsWith(syntax + ":2:9: malformed JSON"), e.getMessage());

    Path notObject = file("n.jsonl", "{\"a\": 1}\n[1]\n");
    e = assertThrows(QuarryException.class, () -> new JsonInput(notObject).sample(100));
    assertEquals(notObject + ":2:1: expected a JSON object, found an array", e.getMessage());

    Path late = file("l.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"x\"}\n{\"b\": 1}\n");
    ImportInput input = new JsonInput(late);
    TargetSchema schema = schema(List.of(input), Map.of(), 2);
    e = assertThrows(QuarryException.class, () -> readAll(input, schema));
    assertTrue(e.getMessage().startsWith(late + ":3:7: column 'a': 'x' is not a BIGINT"), e.getMessage());
  }

  @Test
  void jsonKeyBeyondTheSampleIsAnErrorUnlessOverridden() throws Exception {
    Path late = file("l.jsonl", "{\"a\": 1}\n{\"a\": 2, \"b\": \"x\"}\n");
    ImportInput input = new JsonInput(late);
    TargetSchema schema = schema(List.of(input), Map.of(), 1);
    QuarryException e = assertThrows(QuarryException.class, () -> readAll(input, schema));
    assertTrue(e.getMessage().startsWith(late + ":2:15: key 'b' is not one of the columns [a]"), e.getMessage());

    TargetSchema withB = schema(List.of(input), Map.of("b", DataType.of(TypeKind.VARCHAR)), 1);
    assertArrayEquals(new Object[] {2L, "x"}, readAll(input, withB).get(1));
  }

  @Test
  void inputsMustAgreeOnColumns() throws Exception {
    ImportInput a = new CsvInput(file("a.csv", "x,y\n1,2\n"));
    ImportInput b = new CsvInput(file("b.csv", "x,z\n1,2\n"));
    QuarryException e = assertThrows(QuarryException.class, () -> schema(List.of(a, b), Map.of(), 10));
    assertTrue(e.getMessage().contains("schema differs"), e.getMessage());
    assertTrue(e.getMessage().contains("b.csv has columns [x, z]"), e.getMessage());
  }

  @Test
  void typesAreInferredOverAllTextInputs() throws Exception {
    ImportInput a = new CsvInput(file("a.csv", "x\n1\n"));
    ImportInput b = new CsvInput(file("b.csv", "x\n1.5\n"));
    assertEquals(DataType.decimal(18, 1), schema(List.of(a, b), Map.of(), 10).columns().get(0).type());
    assertNull(new CsvInput(file("c.csv", "x\n")).open(schema(List.of(a), Map.of(), 10)).next());
  }
}
