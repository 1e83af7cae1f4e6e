package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines (one object per line; also any whitespace-separated sequence of objects) or a JSON
 * array of objects. Each key is a column, in order of first appearance; a missing key or
 * {@code null} is NULL; a nested object or array is kept as its JSON text (VARCHAR).
 */
final class JsonInput implements ImportInput {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private final Path path;

  JsonInput(Path path) {
    this.path = requireNonNull(path, "path is null");
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public InputSample sample(int rows) {
    Map<String, ColumnInference> inferred = new LinkedHashMap<>();
    try (Objects objects = new Objects()) {
      for (int r = 0; r < rows && objects.nextObject(); r++) {
        while (objects.nextField()) {
          ColumnInference column = inferred.computeIfAbsent(objects.key, k -> new ColumnInference());
          if (objects.text != null) {
            column.add(objects.text, objects.quoted);
          }
        }
      }
    }
    return new InputSample(new ArrayList<>(inferred.keySet()), Map.of(), new HashMap<>(inferred));
  }

  @Override
  public RowSource open(TargetSchema schema) {
    Objects objects = new Objects();
    Map<String, Integer> index = schema.indexByName();
    int width = schema.columns().size();
    return new RowSource() {
      @Override
      public Object[] next() {
        if (!objects.nextObject()) {
          return null;
        }
        Object[] row = new Object[width];
        while (objects.nextField()) {
          Integer i = index.get(objects.key);
          if (i == null) {
            throw new QuarryException(
                ErrorCode.MALFORMED_INPUT,
                path + ":" + objects.line + ":" + objects.column + ": key '" + objects.key
                    + "' is not one of the columns " + names(schema)
                    + " found in the sampled rows; add it with a type override");
          }
          if (objects.text != null) {
            row[i] = TextValues.parse(schema, i, objects.text, path, objects.line, objects.column);
          }
        }
        return row;
      }

      @Override
      public long bytesRead() {
        return objects.counter.count();
      }

      @Override
      public void close() {
        objects.close();
      }
    };
  }

  private static List<String> names(TargetSchema schema) {
    return schema.columns().stream().map(c -> c.name()).toList();
  }

  /** Walks the objects of the file; after {@link #nextField}, key/text/quoted/line/column describe one field. */
  private final class Objects implements AutoCloseable {
    final CountingInputStream counter;
    final JsonParser parser;
    boolean inArray;
    boolean started;
    String key;
    String text;
    boolean quoted;
    long line;
    long column;

    Objects() {
      try {
        counter = new CountingInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        parser = FACTORY.createParser(counter);
        parser.setCodec(MAPPER);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    /** Moves to the next top-level object; false at the end. */
    boolean nextObject() {
      try {
        JsonToken token = parser.nextToken();
        if (!started) {
          started = true;
          if (token == JsonToken.START_ARRAY) {
            inArray = true;
            token = parser.nextToken();
          }
        }
        if (token == null || inArray && token == JsonToken.END_ARRAY) {
          if (inArray && token == JsonToken.END_ARRAY && parser.nextToken() != null) {
            throw error(parser.currentTokenLocation(), "unexpected content after the top-level array");
          }
          return false;
        }
        if (token != JsonToken.START_OBJECT) {
          throw error(parser.currentTokenLocation(), "expected a JSON object, found " + describe(token));
        }
        return true;
      } catch (JsonProcessingException e) {
        throw syntax(e);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    /** Moves to the next field of the current object; false at its end. */
    boolean nextField() {
      try {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
          return false;
        }
        key = parser.currentName();
        token = parser.nextToken();
        JsonLocation at = parser.currentTokenLocation();
        line = at.getLineNr();
        column = at.getColumnNr();
        switch (token) {
          case VALUE_NULL -> text = null;
          case VALUE_STRING -> {
            text = parser.getText();
            quoted = true;
          }
          case START_OBJECT, START_ARRAY -> {
            text = MAPPER.writeValueAsString(parser.readValueAsTree());
            quoted = true;
          }
          default -> {
            text = parser.getText();
            quoted = false;
          }
        }
        return true;
      } catch (JsonProcessingException e) {
        throw syntax(e);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    private QuarryException syntax(JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return new QuarryException(
          ErrorCode.MALFORMED_INPUT,
          path + ":" + (at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr())
              + ": malformed JSON: " + e.getOriginalMessage(),
          e);
    }

    private QuarryException error(JsonLocation at, String message) {
      return new QuarryException(
          ErrorCode.MALFORMED_INPUT, path + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
    }

    private String describe(JsonToken token) {
      return switch (token) {
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.toString();
      };
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
}
