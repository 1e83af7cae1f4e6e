package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header line. The delimiter is the one of {@code , TAB | ;} that occurs most
 * often in the header line outside quotes (comma on a tie). Fields may be quoted RFC 4180 style;
 * an empty field is NULL. The file is UTF-8, with or without a byte order mark.
 */
final class CsvInput implements ImportInput {
  private final Path path;

  CsvInput(Path path) {
    this.path = requireNonNull(path, "path is null");
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public InputSample sample(int rows) {
    try (Parsed parsed = new Parsed()) {
      Map<String, ColumnInference> inferred = new HashMap<>();
      for (String name : parsed.header) {
        inferred.put(name, new ColumnInference());
      }
      for (int r = 0; r < rows; r++) {
        CSVRecord record = parsed.nextRecord();
        if (record == null) {
          break;
        }
        for (int i = 0; i < parsed.header.size(); i++) {
          String value = record.get(i);
          if (!value.isEmpty()) {
            inferred.get(parsed.header.get(i)).add(value, false);
          }
        }
      }
      return new InputSample(parsed.header, Map.of(), inferred);
    }
  }

  @Override
  public RowSource open(TargetSchema schema) {
    Parsed parsed = new Parsed();
    try {
      Map<String, Integer> index = schema.indexByName();
      int[] target = new int[parsed.header.size()];
      for (int i = 0; i < target.length; i++) {
        target[i] = index.get(parsed.header.get(i));
      }
      int width = schema.columns().size();
      return new RowSource() {
        @Override
        public Object[] next() {
          CSVRecord record = parsed.nextRecord();
          if (record == null) {
            return null;
          }
          Object[] row = new Object[width];
          for (int i = 0; i < target.length; i++) {
            row[target[i]] = TextValues.parse(schema, target[i], record.get(i), path, parsed.recordLine, i + 1);
          }
          return row;
        }

        @Override
        public long bytesRead() {
          return parsed.counter.count();
        }

        @Override
        public void close() {
          parsed.close();
        }
      };
    } catch (RuntimeException e) {
      parsed.close();
      throw e;
    }
  }

  /** An open parser positioned after the header, tracking the line each record starts on. */
  private final class Parsed implements AutoCloseable {
    final CountingInputStream counter;
    final CSVParser parser;
    final Iterator<CSVRecord> records;
    final List<String> header;
    long recordLine;

    Parsed() {
      try {
        char delimiter = detectDelimiter(path);
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        this.counter = new CountingInputStream(in);
        Reader reader = new BufferedReader(new InputStreamReader(counter,
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        skipBom(reader);
        this.parser = CSVFormat.RFC4180.builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(true)
            .get()
            .parse(reader);
        this.records = parser.iterator();
        CSVRecord first = nextRecord();
        if (first == null) {
          throw new QuarryException(ErrorCode.MALFORMED_INPUT, path + ": empty CSV file (a header line is needed)");
        }
        this.header = header(first);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new QuarryException(
            ErrorCode.MALFORMED_INPUT, path + ": not UTF-8 text (" + e.getClass().getSimpleName() + ")", e);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    private List<String> header(CSVRecord record) {
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < record.size(); i++) {
        String name = record.get(i).trim();
        if (name.isEmpty()) {
          throw new QuarryException(
              ErrorCode.MALFORMED_INPUT,
              path + ":1:" + (i + 1) + ": the header has an empty column name");
        }
        if (!seen.add(name)) {
          throw new QuarryException(
              ErrorCode.MALFORMED_INPUT,
              path + ":1:" + (i + 1) + ": the header names column '" + name + "' twice");
        }
        names.add(name);
      }
      return names;
    }

    CSVRecord nextRecord() {
      long before = parser.getCurrentLineNumber();
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof java.nio.charset.CharacterCodingException
            ? "not UTF-8 text (" + cause.getClass().getSimpleName() + ")"
            : "malformed CSV: " + cause.getMessage();
        throw new QuarryException(ErrorCode.MALFORMED_INPUT, path + ":" + (before + 1) + ": " + why, e);
      }
      recordLine = before + 1;
      if (header != null && record.size() != header.size()) {
        throw new QuarryException(
            ErrorCode.MALFORMED_INPUT,
            path + ":" + recordLine + ": " + record.size() + " fields, but the header has "
                + header.size() + " columns");
      }
      return record;
    }

    @Override
    public void close() {
      try {
        parser.close();
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot close " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private static void skipBom(Reader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
  }

  /** The most frequent candidate delimiter in the first line, outside double quotes. */
  static char detectDelimiter(Path path) throws IOException {
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".tsv")) {
      return '\t';
    }
    String first;
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      first = reader.readLine();
    } catch (java.nio.charset.MalformedInputException e) {
      return ',';
    }
    if (first == null) {
      return ',';
    }
    char[] candidates = {',', '\t', '|', ';'};
    int[] counts = new int[candidates.length];
    boolean quoted = false;
    for (int i = 0; i < first.length(); i++) {
      char c = first.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (int k = 0; k < candidates.length; k++) {
          if (c == candidates[k]) {
            counts[k]++;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < candidates.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return candidates[best];
  }
}
