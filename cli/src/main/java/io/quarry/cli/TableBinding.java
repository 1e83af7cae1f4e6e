package io.quarry.cli;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.sql.SqlFrontend;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code --on NAME|ROOT_CID}: runs a saved query over other data. The query must read exactly one
 * table (CTE names aside); every reference to it is replaced by the quoted root CID the option
 * names (a dataset's latest root, or the CID itself), so the query reads that version.
 */
final class TableBinding {
  private TableBinding() {}

  /** The root CID {@code target} names: a dataset's latest root or a CID. */
  static Cid resolve(Store store, String target) {
    Optional<DatasetVersion> latest =
        target.matches("[A-Za-z_][A-Za-z0-9_]*") ? store.datasets().latest(target) : Optional.empty();
    if (latest.isPresent()) {
      return latest.get().root();
    }
    try {
      return Cid.parse(target);
    } catch (QuarryException e) {
      throw new QuarryException(
          ErrorCode.NOT_FOUND, "--on " + target + ": no dataset of that name, and not a CID");
    }
  }

  /** {@code sql} with its one table replaced by {@code root}. */
  static String bind(String sql, Cid root) {
    SqlNode parsed = SqlFrontend.parse(sql);
    List<SqlIdentifier> tables = new ArrayList<>();
    collect(parsed, false, new HashSet<>(), tables);
    Set<String> names = new TreeSet<>();
    for (SqlIdentifier t : tables) {
      names.add(String.join(".", t.names));
    }
    if (names.size() != 1) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "--on needs a query that reads exactly one table; this one reads "
              + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
    int[] lineStarts = lineStarts(sql);
    List<int[]> spans = new ArrayList<>();
    for (SqlIdentifier t : tables) {
      SqlParserPos pos = t.getParserPosition();
      int from = lineStarts[pos.getLineNum() - 1] + pos.getColumnNum() - 1;
      int to = lineStarts[pos.getEndLineNum() - 1] + pos.getEndColumnNum();
      spans.add(new int[] {from, to});
    }
    spans.sort((a, b) -> Integer.compare(b[0], a[0]));
    StringBuilder out = new StringBuilder(sql);
    for (int[] span : spans) {
      out.replace(span[0], span[1], "\"" + root + "\"");
    }
    return out.toString();
  }

  private static void collect(SqlNode node, boolean inFrom, Set<String> ctes, List<SqlIdentifier> out) {
    if (node == null) {
      return;
    }
    if (node instanceof SqlIdentifier id) {
      if (inFrom && !(id.isSimple() && ctes.contains(id.getSimple().toLowerCase(Locale.ROOT)))) {
        out.add(id);
      }
    } else if (node instanceof SqlNodeList list) {
      for (SqlNode n : list) {
        collect(n, inFrom, ctes, out);
      }
    } else if (node instanceof SqlSelect select) {
      collect(select.getFrom(), true, ctes, out);
      for (SqlNode operand : select.getOperandList()) {
        if (operand != select.getFrom()) {
          collect(operand, false, ctes, out);
        }
      }
    } else if (node instanceof SqlJoin join) {
      collect(join.getLeft(), true, ctes, out);
      collect(join.getRight(), true, ctes, out);
      collect(join.getCondition(), false, ctes, out);
    } else if (node instanceof SqlWith with) {
      Set<String> inner = new HashSet<>(ctes);
      for (SqlNode item : with.withList) {
        SqlWithItem w = (SqlWithItem) item;
        collect(w.query, false, inner, out);
        inner.add(w.name.getSimple().toLowerCase(Locale.ROOT));
      }
      collect(with.body, false, inner, out);
    } else if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS && inFrom) {
      collect(call.operand(0), true, ctes, out);
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        collect(operand, false, ctes, out);
      }
    }
  }

  private static int[] lineStarts(String sql) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
