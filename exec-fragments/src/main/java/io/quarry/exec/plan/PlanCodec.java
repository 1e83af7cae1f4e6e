package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical bytes of a plan tree, and back. Equal plans always encode to equal bytes, so the
 * bytes can be hashed into a fragment CID and shipped to another node.
 *
 * <p>Format: compact UTF-8 JSON, no whitespace, keys in a fixed order per object (the order of the
 * record components), every node an object whose first key {@code "node"} names its kind. Types are
 * strings ({@code "DECIMAL(15,2)"}, {@code "BIGINT NOT NULL"}). Literal values are in one form per
 * type: integers as JSON numbers, DECIMAL as a plain string at the type's scale, DOUBLE as
 * {@link Double#toHexString} (exact, and the same on every JVM), DATE as days, TIMESTAMP as micros,
 * VARCHAR as a string, NULL as null.
 *
 * <p>{@link #encodeAnonymous} leaves out the names a plan gives its outputs (projection, aggregate
 * and window call names, literal-row column names) but keeps the column names a scan reads: two
 * fragments that differ only in how their results are labelled compute the same rows. It also
 * leaves out how a {@link MergedPartialsNode} is split into parts, which does not change its rows.
 */
public final class PlanCodec {
  /** Bumped whenever the encoding changes, so old keys can never match new plans. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TYPE =
      Pattern.compile("([A-Z_]+)(?:\\((\\d+),(\\d+)\\))?( NOT NULL)?");

  private final boolean names;
  private final JsonGenerator g;

  private PlanCodec(JsonGenerator g, boolean names) {
    this.g = g;
    this.names = names;
  }

  /** The canonical bytes of {@code plan}, decodable by {@link #decode}. */
  public static byte[] encode(PlanNode plan) {
    return write(plan, true);
  }

  /** The canonical bytes of {@code plan} without its output names: for cache keys only. */
  public static byte[] encodeAnonymous(PlanNode plan) {
    return write(plan, false);
  }

  /** The plan encoded in {@code bytes}; MALFORMED_INPUT naming what is wrong if it is not one. */
  public static PlanNode decode(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw malformed("not JSON: " + e.getMessage());
    }
    try {
      return node(tree);
    } catch (RuntimeException e) {
      if (e instanceof QuarryException q) {
        throw q;
      }
      throw malformed(e.getMessage());
    }
  }

  private static byte[] write(PlanNode plan, boolean names) {
    requireNonNull(plan, "plan is null");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      new PlanCodec(g, names).node(plan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- encoding

  private void node(PlanNode plan) throws IOException {
    g.writeStartObject();
    if (plan instanceof ScanNode n) {
      g.writeStringField("node", "scan");
      g.writeObjectFieldStart("shard");
      g.writeStringField("cid", n.shard().cid());
      g.writeNumberField("rows", n.shard().rows());
      g.writeNumberField("bytes", n.shard().bytes());
      g.writeEndObject();
      columns("schema", n.schema(), true);
      g.writeFieldName("filter");
      exprOrNull(n.filter());
    } else if (plan instanceof FilterNode n) {
      g.writeStringField("node", "filter");
      input(n.input());
      g.writeFieldName("condition");
      expr(n.condition());
    } else if (plan instanceof ProjectNode n) {
      g.writeStringField("node", "project");
      input(n.input());
      g.writeArrayFieldStart("exprs");
      for (Expr e : n.exprs()) {
        expr(e);
      }
      g.writeEndArray();
      strings("names", n.names());
    } else if (plan instanceof AggregateNode n) {
      g.writeStringField("node", "aggregate");
      input(n.input());
      ints("groupKeys", n.groupKeys());
      g.writeArrayFieldStart("calls");
      for (AggCall c : n.calls()) {
        g.writeStartObject();
        g.writeStringField("function", c.function().name());
        ints("args", c.args());
        g.writeNumberField("filter", c.filter());
        g.writeStringField("type", type(c.type()));
        g.writeStringField("name", name(c.name()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("phase", n.phase().name());
    } else if (plan instanceof JoinNode n) {
      g.writeStringField("node", "join");
      g.writeFieldName("left");
      node(n.left());
      g.writeFieldName("right");
      node(n.right());
      g.writeStringField("kind", n.kind().name());
      ints("leftKeys", n.leftKeys());
      ints("rightKeys", n.rightKeys());
      g.writeFieldName("residual");
      exprOrNull(n.residual());
    } else if (plan instanceof SortNode n) {
      g.writeStringField("node", "sort");
      input(n.input());
      sortKeys("keys", n.keys());
      g.writeNumberField("offset", n.offset());
      g.writeNumberField("fetch", n.fetch());
    } else if (plan instanceof LimitNode n) {
      g.writeStringField("node", "limit");
      input(n.input());
      g.writeNumberField("offset", n.offset());
      g.writeNumberField("fetch", n.fetch());
    } else if (plan instanceof UnionNode n) {
      g.writeStringField("node", "union");
      nodes(n.inputs());
    } else if (plan instanceof ExchangeNode n) {
      g.writeStringField("node", "exchange");
      nodes(n.inputs());
    } else if (plan instanceof ValuesNode n) {
      g.writeStringField("node", "values");
      columns("schema", n.schema(), names);
      g.writeArrayFieldStart("rows");
      for (List<Object> row : n.rows()) {
        g.writeStartArray();
        for (int i = 0; i < row.size(); i++) {
          value(n.schema().get(i).type(), row.get(i));
        }
        g.writeEndArray();
      }
      g.writeEndArray();
    } else if (plan instanceof ResultNode n) {
      g.writeStringField("node", "result");
      g.writeStringField("result", n.result());
      columns("schema", n.schema(), names);
    } else if (plan instanceof MergedPartialsNode n) {
      g.writeStringField("node", "merged");
      g.writeFieldName("template");
      node(n.template());
      g.writeArrayFieldStart("shards");
      for (ShardRef s : n.shards()) {
        g.writeStartObject();
        g.writeStringField("cid", s.cid());
        g.writeNumberField("rows", s.rows());
        g.writeNumberField("bytes", s.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (names) {
        g.writeNumberField("prefix", n.prefix());
      }
    } else if (plan instanceof WindowNode n) {
      g.writeStringField("node", "window");
      input(n.input());
      g.writeArrayFieldStart("groups");
      for (WindowGroup w : n.groups()) {
        windowGroup(w);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("unknown plan node " + plan.getClass().getSimpleName());
    }
    g.writeEndObject();
  }

  private void windowGroup(WindowGroup w) throws IOException {
    g.writeStartObject();
    ints("partitionKeys", w.partitionKeys());
    sortKeys("orderKeys", w.orderKeys());
    g.writeObjectFieldStart("frame");
    g.writeBooleanField("rows", w.frame().rows());
    g.writeFieldName("lower");
    longOrNull(w.frame().lower());
    g.writeFieldName("upper");
    longOrNull(w.frame().upper());
    if (w.frame().hasRangeOffsets()) {
      g.writeFieldName("lowerColumn");
      longOrNull(w.frame().lowerColumn() == null ? null : (long) w.frame().lowerColumn());
      g.writeFieldName("upperColumn");
      longOrNull(w.frame().upperColumn() == null ? null : (long) w.frame().upperColumn());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("calls");
    for (WindowCall c : w.calls()) {
      g.writeStartObject();
      g.writeStringField("function", c.function().name());
      ints("args", c.args());
      g.writeStringField("type", type(c.type()));
      g.writeStringField("name", name(c.name()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void input(PlanNode input) throws IOException {
    g.writeFieldName("input");
    node(input);
  }

  private void nodes(List<PlanNode> inputs) throws IOException {
    g.writeArrayFieldStart("inputs");
    for (PlanNode in : inputs) {
      node(in);
    }
    g.writeEndArray();
  }

  private void columns(String field, List<Column> columns, boolean withNames) throws IOException {
    g.writeArrayFieldStart(field);
    for (Column c : columns) {
      g.writeStartObject();
      g.writeStringField("name", withNames ? c.name() : "");
      g.writeStringField("type", type(c.type()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void sortKeys(String field, List<SortKey> keys) throws IOException {
    g.writeArrayFieldStart(field);
    for (SortKey k : keys) {
      g.writeStartObject();
      g.writeNumberField("column", k.column());
      g.writeBooleanField("descending", k.descending());
      g.writeBooleanField("nullsFirst", k.nullsFirst());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void ints(String field, List<Integer> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private void strings(String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(name(v));
    }
    g.writeEndArray();
  }

  private void longOrNull(Long v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v);
    }
  }

  private String name(String name) {
    return names ? name : "";
  }

  private void exprOrNull(Expr e) throws IOException {
    if (e == null) {
      g.writeNull();
    } else {
      expr(e);
    }
  }

  private void expr(Expr e) throws IOException {
    g.writeStartObject();
    if (e instanceof ColumnRef c) {
      g.writeNumberField("col", c.index());
      g.writeStringField("type", type(c.type()));
    } else if (e instanceof Literal l) {
      g.writeFieldName("lit");
      value(l.type(), l.value());
      g.writeStringField("type", type(l.type()));
    } else if (e instanceof Call c) {
      g.writeStringField("op", c.op().name());
      g.writeStringField("type", type(c.type()));
      g.writeArrayFieldStart("args");
      for (Expr a : c.args()) {
        expr(a);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void value(DataType type, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> g.writeBoolean((Boolean) v);
      case INT, DATE, INTERVAL_YEAR_MONTH -> g.writeNumber(((Number) v).intValue());
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> g.writeNumber(((Number) v).longValue());
      case DOUBLE -> g.writeString(Double.toHexString(((Number) v).doubleValue()));
      case DECIMAL -> g.writeString(canonicalDecimal((BigDecimal) v, type).toPlainString());
      case VARCHAR -> g.writeString((String) v);
      case NULL -> throw new IllegalArgumentException("non-null value of type NULL: " + v);
    }
  }

  private static BigDecimal canonicalDecimal(BigDecimal v, DataType type) {
    try {
      return v.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      return v;
    }
  }

  /** {@code KIND}, {@code DECIMAL(p,s)}, then {@code " NOT NULL"} when not nullable. */
  static String type(DataType t) {
    String base = t.kind() == TypeKind.DECIMAL ? "DECIMAL(" + t.precision() + "," + t.scale() + ")" : t.kind().name();
    return t.nullable() ? base : base + " NOT NULL";
  }

  // ---- decoding

  private static PlanNode node(JsonNode n) {
    String kind = text(n, "node");
    return switch (kind) {
      case "scan" -> new ScanNode(
          shard(field(n, "shard")), columns(field(n, "schema")), exprOrNull(field(n, "filter")));
      case "filter" -> new FilterNode(node(field(n, "input")), expr(field(n, "condition")));
      case "project" -> {
        List<Expr> exprs = new ArrayList<>();
        field(n, "exprs").forEach(e -> exprs.add(expr(e)));
        List<String> names = new ArrayList<>();
        field(n, "names").forEach(s -> names.add(s.asText()));
        yield new ProjectNode(node(field(n, "input")), exprs, names);
      }
      case "aggregate" -> {
        List<AggCall> calls = new ArrayList<>();
        for (JsonNode c : field(n, "calls")) {
          calls.add(
              new AggCall(
                  AggFunction.valueOf(text(c, "function")),
                  ints(field(c, "args")),
                  field(c, "filter").asInt(),
                  type(text(c, "type")),
                  text(c, "name")));
        }
        yield new AggregateNode(
            node(field(n, "input")),
            ints(field(n, "groupKeys")),
            calls,
            AggPhase.valueOf(text(n, "phase")));
      }
      case "join" -> new JoinNode(
          node(field(n, "left")),
          node(field(n, "right")),
          JoinKind.valueOf(text(n, "kind")),
          ints(field(n, "leftKeys")),
          ints(field(n, "rightKeys")),
          exprOrNull(field(n, "residual")));
      case "sort" -> new SortNode(
          node(field(n, "input")),
          sortKeys(field(n, "keys")),
          field(n, "offset").asLong(),
          field(n, "fetch").asLong());
      case "limit" -> new LimitNode(
          node(field(n, "input")), field(n, "offset").asLong(), field(n, "fetch").asLong());
      case "union" -> new UnionNode(nodes(field(n, "inputs")));
      case "exchange" -> new ExchangeNode(nodes(field(n, "inputs")));
      case "values" -> {
        List<Column> schema = columns(field(n, "schema"));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : field(n, "rows")) {
          if (r.size() != schema.size()) {
            throw new IllegalArgumentException(
                "values row has " + r.size() + " values, schema " + schema.size());
          }
          List<Object> row = new ArrayList<>();
          for (int i = 0; i < schema.size(); i++) {
            row.add(value(schema.get(i).type(), r.get(i)));
          }
          rows.add(row);
        }
        yield new ValuesNode(schema, rows);
      }
      case "result" -> new ResultNode(text(n, "result"), columns(field(n, "schema")));
      case "merged" -> {
        if (!(node(field(n, "template")) instanceof AggregateNode template)) {
          throw new IllegalArgumentException("a merge's template is not an aggregate");
        }
        List<ShardRef> shards = new ArrayList<>();
        field(n, "shards").forEach(s -> shards.add(shard(s)));
        JsonNode prefix = n.get("prefix");
        yield new MergedPartialsNode(template, shards, prefix == null ? 0 : prefix.asInt());
      }
      case "window" -> {
        List<WindowGroup> groups = new ArrayList<>();
        field(n, "groups").forEach(w -> groups.add(windowGroup(w)));
        yield new WindowNode(node(field(n, "input")), groups);
      }
      default -> throw new IllegalArgumentException("unknown node kind '" + kind + "'");
    };
  }

  private static ShardRef shard(JsonNode s) {
    return new ShardRef(text(s, "cid"), field(s, "rows").asLong(), field(s, "bytes").asLong());
  }

  private static WindowGroup windowGroup(JsonNode w) {
    JsonNode f = field(w, "frame");
    WindowFrame frame =
        new WindowFrame(
            field(f, "rows").asBoolean(),
            longOrNull(field(f, "lower")),
            longOrNull(field(f, "upper")),
            intOrNull(f.get("lowerColumn")),
            intOrNull(f.get("upperColumn")));
    List<WindowCall> calls = new ArrayList<>();
    for (JsonNode c : field(w, "calls")) {
      calls.add(
          new WindowCall(
              WindowFunction.valueOf(text(c, "function")),
              ints(field(c, "args")),
              type(text(c, "type")),
              text(c, "name")));
    }
    return new WindowGroup(ints(field(w, "partitionKeys")), sortKeys(field(w, "orderKeys")), frame, calls);
  }

  private static List<PlanNode> nodes(JsonNode array) {
    List<PlanNode> out = new ArrayList<>();
    array.forEach(n -> out.add(node(n)));
    return out;
  }

  private static List<Column> columns(JsonNode array) {
    List<Column> out = new ArrayList<>();
    for (JsonNode c : array) {
      out.add(new Column(text(c, "name"), type(text(c, "type"))));
    }
    return out;
  }

  private static List<SortKey> sortKeys(JsonNode array) {
    List<SortKey> out = new ArrayList<>();
    for (JsonNode k : array) {
      out.add(
          new SortKey(
              field(k, "column").asInt(),
              field(k, "descending").asBoolean(),
              field(k, "nullsFirst").asBoolean()));
    }
    return out;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asInt()));
    return out;
  }

  /** An optional int field: absent or null is null. */
  private static Integer intOrNull(JsonNode v) {
    return v == null || v.isNull() ? null : v.asInt();
  }

  private static Long longOrNull(JsonNode v) {
    return v.isNull() ? null : v.asLong();
  }

  private static Expr exprOrNull(JsonNode e) {
    return e.isNull() ? null : expr(e);
  }

  private static Expr expr(JsonNode e) {
    DataType type = type(text(e, "type"));
    if (e.has("col")) {
      return new ColumnRef(e.get("col").asInt(), type);
    }
    if (e.has("lit")) {
      return new Literal(value(type, e.get("lit")), type);
    }
    List<Expr> args = new ArrayList<>();
    field(e, "args").forEach(a -> args.add(expr(a)));
    return new Call(Op.valueOf(text(e, "op")), args, type);
  }

  private static Object value(DataType type, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> v.asBoolean();
      case INT, DATE, INTERVAL_YEAR_MONTH -> v.asInt();
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> v.asLong();
      case DOUBLE -> Double.parseDouble(v.asText());
      case DECIMAL -> new BigDecimal(v.asText());
      case VARCHAR -> v.asText();
      case NULL -> throw new IllegalArgumentException("non-null value of type NULL");
    };
  }

  static DataType type(String text) {
    Matcher m = TYPE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad type '" + text + "'");
    }
    TypeKind kind = TypeKind.valueOf(m.group(1));
    int precision = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new DataType(kind, precision, scale, m.group(4) == null);
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + name + "' is not a string");
    }
    return v.asText();
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing '" + name + "'");
    }
    return v;
  }

  private static QuarryException malformed(String what) {
    return new QuarryException(ErrorCode.MALFORMED_INPUT, "Malformed plan encoding: " + what);
  }
}
