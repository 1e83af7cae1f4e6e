package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.vector.Batches;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles expressions into Java classes (Janino) whose methods loop over a batch's Arrow memory.
 * Compiled kernels are stateless and shared: a bounded cache keyed by the expressions (records, so
 * equal trees are equal keys) means a repeated query does not compile again.
 */
public final class ExprCompiler {
  private static final int CACHE_SIZE = 512;
  private static final AtomicLong CLASS_IDS = new AtomicLong();
  private static final String MU = "org.apache.arrow.memory.util.MemoryUtil";

  private static final Map<Object, Object> CACHE =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  private record FilterKey(Expr condition) {}

  private record ProjectionKey(List<Expr> exprs) {}

  private record FoldKey(Expr expr) {}

  private ExprCompiler() {}

  /** A compiled filter keeping the rows where {@code condition} is TRUE. */
  public static CompiledFilter filter(Expr condition) {
    if (condition.type().kind() != TypeKind.BOOLEAN && condition.type().kind() != TypeKind.NULL) {
      throw new QuarryException(
          ErrorCode.TYPE_MISMATCH, "filter condition is " + condition.type() + ", not BOOLEAN");
    }
    FilterKey key = new FilterKey(condition);
    Object hit = CACHE.get(key);
    if (hit != null) {
      return (CompiledFilter) hit;
    }
    CompiledFilter f = compileFilter(fold(condition));
    CACHE.put(key, f);
    return f;
  }

  /** Compiled projections, one per expression, evaluated one at a time. */
  public static CompiledProjection projection(List<Expr> exprs) {
    ProjectionKey key = new ProjectionKey(List.copyOf(exprs));
    Object hit = CACHE.get(key);
    if (hit != null) {
      return (CompiledProjection) hit;
    }
    List<Expr> folded = new ArrayList<>(key.exprs().size());
    for (Expr e : key.exprs()) {
      folded.add(fold(e));
    }
    CompiledProjection p = compileProjection(folded);
    CACHE.put(key, p);
    return p;
  }

  /**
   * {@code e} with every call over constants replaced by its value (e.g. {@code DATE '1998-12-01' -
   * INTERVAL '90' DAY}), so it is computed once instead of per row and statistics can be compared
   * with it. A constant call that fails (1 / 0) is left in place: it only fails if a row reaches
   * it.
   */
  public static Expr fold(Expr e) {
    if (!(e instanceof Call)) {
      return e;
    }
    FoldKey key = new FoldKey(e);
    Object hit = CACHE.get(key);
    if (hit != null) {
      return (Expr) hit;
    }
    Expr folded = foldCall((Call) e);
    CACHE.put(key, folded);
    return folded;
  }

  private static Expr foldCall(Call c) {
    List<Expr> args = new ArrayList<>(c.args().size());
    boolean constant = true;
    for (Expr a : c.args()) {
      Expr f = a instanceof Call inner ? foldCall(inner) : a;
      args.add(f);
      constant &= f instanceof Literal;
    }
    Call folded = new Call(c.op(), args, c.type());
    if (!constant) {
      return folded;
    }
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot one = VectorSchemaRoot.of();
        FieldVector out = ArrowTypes.toField("constant", c.type()).createVector(allocator)) {
      one.setRowCount(1);
      compileProjection(List.of(folded)).evaluate(0, one, null, 1, out);
      return new Literal(Batches.get(out, 0), c.type());
    } catch (QuarryException | ArithmeticException e) {
      return folded;
    }
  }

  // ---------------------------------------------------------------- filters

  private static CompiledFilter compileFilter(Expr condition) {
    boolean wide = hasWideDecimal(condition);
    List<Object> consts = new ArrayList<>();
    Map<Integer, DataType> columns = new TreeMap<>();
    collectColumns(condition, columns);
    StringBuilder cls = new StringBuilder();
    cls.append(filterMethod("filterFast", condition, true, consts));
    if (wide) {
      cls.append(filterMethod("filterExact", condition, false, consts));
    }
    cls.append(
        "public int filter(org.apache.arrow.vector.FieldVector[] in, int[] sel, int count, int[]"
            + " out, boolean exact) {\n");
    cls.append(
        wide
            ? "return exact ? filterExact(in, sel, count, out) : filterFast(in, sel, count, out);\n"
            : "return filterFast(in, sel, count, out);\n");
    cls.append("}\n");
    Kernel k = instantiate(cls.toString(), consts, condition.toString());
    return new CompiledFilter(k, wide, condition, columns);
  }

  private static String filterMethod(
      String name, Expr condition, boolean fast, List<Object> consts) {
    CodeGenerator g = new CodeGenerator(fast, consts);
    List<Expr> conjuncts = new ArrayList<>();
    flattenAnd(condition, conjuncts);
    for (Expr c : conjuncts) {
      CodeGenerator.Val v = g.gen(c);
      if (v.isNull().equals("true")) {
        g.emit("if (true) continue;");
      } else {
        g.emit("if (" + v.isNull() + " || !" + v.value() + ") continue;");
      }
    }
    String body = g.takeBody();
    return "private int "
        + name
        + "(org.apache.arrow.vector.FieldVector[] in, int[] sel, int count, int[] out) {\n"
        + g.setup()
        + "int k = 0;\n"
        + "for (int r = 0; r < count; r++) {\n"
        + "int i = sel == null ? r : sel[r];\n"
        + body
        + "out[k++] = i;\n"
        + "}\n"
        + "return k;\n"
        + "}\n";
  }

  private static void flattenAnd(Expr e, List<Expr> out) {
    if (e instanceof Call c && c.op() == Op.AND) {
      for (Expr a : c.args()) {
        flattenAnd(a, out);
      }
    } else {
      out.add(e);
    }
  }

  // ---------------------------------------------------------------- projections

  private static CompiledProjection compileProjection(List<Expr> exprs) {
    List<Object> consts = new ArrayList<>();
    StringBuilder cls = new StringBuilder();
    StringBuilder dispatch = new StringBuilder();
    List<Map<Integer, DataType>> columns = new ArrayList<>();
    boolean[] wide = new boolean[exprs.size()];
    for (int e = 0; e < exprs.size(); e++) {
      Expr expr = exprs.get(e);
      Map<Integer, DataType> cols = new TreeMap<>();
      collectColumns(expr, cols);
      columns.add(cols);
      wide[e] = hasWideDecimal(expr);
      cls.append(projectMethod("p" + e + "fast", expr, true, consts));
      if (wide[e]) {
        cls.append(projectMethod("p" + e + "exact", expr, false, consts));
      }
      dispatch.append("case ").append(e).append(": ");
      if (wide[e]) {
        dispatch.append("if (exact) p").append(e).append("exact(in, sel, count, out); else ");
      }
      dispatch.append("p").append(e).append("fast(in, sel, count, out); return;\n");
    }
    cls.append(
        "public void project(int e, org.apache.arrow.vector.FieldVector[] in, int[] sel, int count,"
            + " org.apache.arrow.vector.FieldVector out, boolean exact) {\n");
    cls.append("switch (e) {\n")
        .append(dispatch)
        .append("default: throw new IllegalArgumentException(\"expression \" + e);\n}\n}\n");
    Kernel k = instantiate(cls.toString(), consts, exprs.toString());
    return new CompiledProjection(k, wide, exprs, columns);
  }

  private static String projectMethod(String name, Expr expr, boolean fast, List<Object> consts) {
    CodeGenerator g = new CodeGenerator(fast, consts);
    CodeGenerator.Val v = g.gen(expr);
    DataType t = expr.type();
    String body = g.takeBody();
    StringBuilder m = new StringBuilder();
    m.append("private void ")
        .append(name)
        .append(
            "(org.apache.arrow.vector.FieldVector[] in, int[] sel, int count,"
                + " org.apache.arrow.vector.FieldVector out) {\n");
    m.append(g.setup());
    if (v.isNull().equals("true")) {
      // A NULL constant: freshly allocated vectors are all null already.
      m.append(
          t.kind() == TypeKind.VARCHAR
              ? "((org.apache.arrow.vector.VarCharVector) out).allocateNew(1L, Math.max(count, 1));\n"
              : t.kind() == TypeKind.NULL ? "" : "io.quarry.exec.vector.Batches.allocate(out, count);\n");
      m.append("out.setValueCount(count);\n}\n");
      return m.toString();
    }
    boolean maybeNull = !v.isNull().equals("false");
    String setValid =
        MU
            + ".putByte(o_valid + (r >> 3), (byte) ("
            + MU
            + ".getByte(o_valid + (r >> 3)) | (1 << (r & 7))));";
    switch (t.kind()) {
      case NULL -> {
        m.append("out.setValueCount(count);\n}\n");
        return m.toString();
      }
      case VARCHAR -> {
        m.append(
            "org.apache.arrow.vector.VarCharVector ov = (org.apache.arrow.vector.VarCharVector)"
                + " out;\n");
        m.append("ov.allocateNew(Math.max(1L, (long) count * 16L), Math.max(count, 1));\n");
        m.append("for (int r = 0; r < count; r++) {\nint i = sel == null ? r : sel[r];\n")
            .append(body);
        String write = "ov.setSafe(r, " + g.bytes(v) + ");";
        m.append(maybeNull ? "if (!" + v.isNull() + ") { " + write + " }\n" : write + "\n");
        m.append("}\nov.setValueCount(count);\n}\n");
        return m.toString();
      }
      default -> {}
    }
    m.append("io.quarry.exec.vector.Batches.allocate(out, count);\n");
    m.append("long o_data = out.getDataBuffer().memoryAddress();\n");
    m.append("long o_valid = out.getValidityBuffer().memoryAddress();\n");
    m.append("for (int r = 0; r < count; r++) {\nint i = sel == null ? r : sel[r];\n").append(body);
    String val = v.value();
    String write =
        switch (t.kind()) {
          case BOOLEAN ->
              "if ("
                  + val
                  + ") { "
                  + MU
                  + ".putByte(o_data + (r >> 3), (byte) ("
                  + MU
                  + ".getByte(o_data + (r >> 3)) | (1 << (r & 7)))); }";
          case INT, DATE, INTERVAL_YEAR_MONTH ->
              MU + ".putInt(o_data + ((long) r << 2), " + val + ");";
          case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME ->
              MU + ".putLong(o_data + ((long) r << 3), " + val + ");";
          case DOUBLE ->
              MU + ".putLong(o_data + ((long) r << 3), Double.doubleToRawLongBits(" + val + "));";
          case DECIMAL ->
              g.longDecimal(t)
                  ? "io.quarry.exec.codegen.DecimalOps.write(o_data + ((long) r << 4), "
                      + val
                      + ");"
                  : "io.quarry.exec.codegen.DecimalOps.writeBig(o_data + ((long) r << 4), "
                      + val
                      + ", "
                      + t.precision()
                      + ");";
          default -> throw new IllegalStateException(t.toString());
        };
    if (maybeNull) {
      m.append("if (!")
          .append(v.isNull())
          .append(") { ")
          .append(setValid)
          .append(' ')
          .append(write)
          .append(" }\n");
      m.append("}\n");
    } else {
      m.append(write).append("\n}\n");
      m.append("io.quarry.exec.vector.Batches.setAllValid(out.getValidityBuffer(), count);\n");
    }
    m.append("out.setValueCount(count);\n}\n");
    return m.toString();
  }

  // ---------------------------------------------------------------- helpers

  private static Kernel instantiate(String members, List<Object> consts, String what) {
    String name = "QuarryKernel" + CLASS_IDS.incrementAndGet();
    String source =
        "package io.quarry.exec.codegen.generated;\n"
            + "public final class "
            + name
            + " extends io.quarry.exec.codegen.Kernel {\n"
            + "public "
            + name
            + "(Object[] c) { super(c); }\n"
            + members
            + "}\n";
    try {
      SimpleCompiler compiler = new SimpleCompiler();
      compiler.setParentClassLoader(ExprCompiler.class.getClassLoader());
      compiler.cook(source);
      Class<?> cls =
          compiler.getClassLoader().loadClass("io.quarry.exec.codegen.generated." + name);
      return (Kernel) cls.getConstructor(Object[].class).newInstance((Object) consts.toArray());
    } catch (CompileException e) {
      throw new QuarryException(
          ErrorCode.INTERNAL_ERROR,
          "generated code for "
              + what
              + " does not compile: "
              + e.getMessage()
              + "\n"
              + numbered(source),
          e);
    } catch (ReflectiveOperationException e) {
      throw QuarryException.internal("cannot load generated code for " + what, e);
    }
  }

  private static String numbered(String source) {
    StringBuilder b = new StringBuilder();
    String[] lines = source.split("\n");
    for (int i = 0; i < lines.length; i++) {
      b.append(i + 1).append(": ").append(lines[i]).append('\n');
    }
    return b.toString();
  }

  static boolean hasWideDecimal(Expr e) {
    if (e.type().kind() == TypeKind.DECIMAL && e.type().precision() > 18) {
      return true;
    }
    if (e instanceof Call c) {
      for (Expr a : c.args()) {
        if (hasWideDecimal(a)) {
          return true;
        }
      }
    }
    return false;
  }

  static void collectColumns(Expr e, Map<Integer, DataType> out) {
    if (e instanceof ColumnRef r) {
      out.put(r.index(), r.type());
    } else if (e instanceof Call c) {
      for (Expr a : c.args()) {
        collectColumns(a, out);
      }
    } else if (!(e instanceof Literal)) {
      throw new IllegalArgumentException("unknown expression " + e);
    }
  }

  /** The Arrow type each referenced column must have, to check batches against. */
  static Map<Integer, ArrowType> arrowTypes(Map<Integer, DataType> columns) {
    Map<Integer, ArrowType> out = new TreeMap<>();
    for (Map.Entry<Integer, DataType> e : columns.entrySet()) {
      out.put(e.getKey(), ArrowTypes.toArrowType(e.getValue()));
    }
    return out;
  }
}
