package io.quarry.connectors.dataset;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.DataTypeNames;
import io.quarry.types.ValueText;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _manifest.json} of a dataset directory. Its bytes depend only on the manifest (fixed
 * key order, "\n" line ends, no timestamps), so the same data always gives the same CID. Values of
 * statistics are JSON booleans and integers where exact, strings otherwise (decimals, doubles,
 * dates, timestamps, text), in the text forms of {@link ValueText}.
 */
public final class ManifestJson {
  public static final String FORMAT = "quarry-dataset";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ManifestJson() {}

  public static byte[] write(DatasetManifest manifest) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("rows", manifest.rows());
    ArrayNode columns = root.putArray("columns");
    for (Column column : manifest.columns()) {
      ObjectNode c = columns.addObject();
      c.put("name", column.name());
      c.put("type", column.type().sqlName());
      c.put("nullable", column.type().nullable());
    }
    ArrayNode shards = root.putArray("shards");
    for (ShardInfo shard : manifest.shards()) {
      ObjectNode s = shards.addObject();
      s.put("name", shard.name());
      s.put("cid", shard.cid().toString());
      s.put("rows", shard.rows());
      s.put("bytes", shard.bytes());
      ArrayNode stats = s.putArray("stats");
      for (int i = 0; i < manifest.columns().size(); i++) {
        DataType type = manifest.columns().get(i).type();
        ColumnStats st = shard.stats().get(i);
        ObjectNode o = stats.addObject();
        o.set("min", value(type, st.min()));
        o.set("max", value(type, st.max()));
        o.put("nulls", st.nullCount());
      }
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      byte[] body = MAPPER.writer(printer)
          .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(root);
      byte[] out = new byte[body.length + 1];
      System.arraycopy(body, 0, out, 0, body.length);
      out[body.length] = '\n';
      return out;
    } catch (IOException e) {
      throw QuarryException.internal("cannot encode manifest", e);
    }
  }

  private static JsonNode value(DataType type, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (type.kind()) {
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case BIGINT -> NODES.numberNode((Long) value);
      default -> NODES.textNode(ValueText.format(type, value));
    };
  }

  /** Parses a manifest; {@code where} names it in errors (e.g. the dataset root CID). */
  public static DatasetManifest read(byte[] bytes, String where) {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw bad(where, "not a Quarry dataset manifest (no \"format\": \"" + FORMAT + "\")");
      }
      if (root.path("version").asInt() != VERSION) {
        throw bad(where, "manifest version " + root.path("version") + " is not supported");
      }
      List<Column> columns = new ArrayList<>();
      for (JsonNode c : root.withArray("columns")) {
        DataType type = DataTypeNames.parse(text(c, "type", where))
            .withNullable(c.path("nullable").asBoolean(true));
        columns.add(new Column(text(c, "name", where), type));
      }
      List<ShardInfo> shards = new ArrayList<>();
      for (JsonNode s : root.withArray("shards")) {
        List<ColumnStats> stats = new ArrayList<>();
        JsonNode st = s.path("stats");
        if (st.size() != columns.size()) {
          throw bad(where, "shard " + s.path("name") + " has statistics for " + st.size()
              + " columns, the manifest has " + columns.size());
        }
        for (int i = 0; i < columns.size(); i++) {
          DataType type = columns.get(i).type();
          JsonNode o = st.get(i);
          stats.add(new ColumnStats(
              parseValue(type, o.get("min")), parseValue(type, o.get("max")), o.path("nulls").asLong(ColumnStats.UNKNOWN)));
        }
        shards.add(new ShardInfo(
            text(s, "name", where), Cid.parse(text(s, "cid", where)), s.path("rows").asLong(),
            s.path("bytes").asLong(), stats));
      }
      return new DatasetManifest(columns, shards);
    } catch (IOException | IllegalArgumentException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA, where + ": malformed dataset manifest: " + e.getMessage(), e);
    }
  }

  private static Object parseValue(DataType type, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> node.asBoolean();
      case INT -> node.asInt();
      case BIGINT -> node.asLong();
      case DECIMAL -> new BigDecimal(node.asText()).setScale(type.scale());
      default -> ValueText.parse(type, node.asText());
    };
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(where, "missing \"" + field + "\"");
    }
    return v.asText();
  }

  private static QuarryException bad(String where, String message) {
    return new QuarryException(ErrorCode.CORRUPT_DATA, where + ": " + message);
  }
}
