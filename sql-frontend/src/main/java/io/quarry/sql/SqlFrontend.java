package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * Parses and validates one query against a {@link TableCatalog} and converts it to Calcite's
 * relational algebra. Sub-queries are kept as expressions for the planner to rewrite. Tables of
 * schema {@code system} are written {@code system.name} although SYSTEM is a reserved word (see
 * {@link SystemReferences}).
 */
public final class SqlFrontend {
  static {
    // Strings are UTF-8 everywhere in Quarry; Calcite's default would be ISO-8859-1.
    System.setProperty("calcite.default.charset", "UTF-8");
    System.setProperty("calcite.default.nationalcharset", "UTF-8");
    System.setProperty("calcite.default.collation.name", "UTF-8$en_US");
  }

  /** Unquoted identifiers are case-insensitive; double quotes keep case (CIDs, versions). */
  public static final SqlParser.Config PARSER_CONFIG =
      SqlParser.config()
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false)
          .withIdentifierMaxLength(1024)
          .withConformance(SqlConformanceEnum.LENIENT);

  /** The catalog name, and the schema of datasets, as JDBC and Flight SQL metadata name them. */
  public static final String CATALOG = "quarry";

  public static final String DATASETS_SCHEMA = "datasets";

  private final TableCatalog catalog;

  public SqlFrontend(TableCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Parses the query only; syntax errors carry line and column. */
  public static SqlNode parse(String sql) {
    SystemReferences.Quoted quoted = SystemReferences.quote(sql);
    try {
      return SqlParser.create(quoted.sql(), PARSER_CONFIG).parseQuery();
    } catch (Exception e) {
      throw SqlErrors.translate(e, quoted::originalColumn);
    }
  }

  /** Parses, validates and converts {@code sql}; every failure is a QuarryException. */
  public RelRoot toRel(String sql) {
    SystemReferences.Quoted quoted = SystemReferences.quote(sql);
    try (Planner planner = Frameworks.getPlanner(config())) {
      SqlNode parsed = planner.parse(quoted.sql()).accept(new LiteralCasts());
      SqlNode validated = planner.validate(parsed);
      return planner.rel(validated);
    } catch (Exception e) {
      throw SqlErrors.translate(e, quoted::originalColumn);
    } catch (StackOverflowError e) {
      throw new QuarryException(ErrorCode.UNSUPPORTED, "query is nested too deeply");
    }
  }

  /**
   * The types of the statement's {@code ?} parameters, in order, as validation infers them from
   * where they stand; a parameter whose place gives no type is a VALIDATION_ERROR.
   */
  public List<DataType> parameterTypes(String sql) {
    return DynamicParameters.of(toRel(sql).rel);
  }

  private FrameworkConfig config() {
    // Tables resolve by name (trips), and by the names metadata gives them, schema and catalog
    // qualified: datasets.trips, quarry.datasets.trips, system.cache, quarry.system.cache. Names
    // are looked up under the default schema (quarry.datasets), then from the root, so each form
    // has one place to be found in, and an unknown table is reported within its schema.
    SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
    SchemaPlus quarry = root.add(CATALOG, new QuarrySchema(catalog));
    SchemaPlus schema = quarry.add(DATASETS_SCHEMA, new QuarrySchema(catalog));
    root.add(DATASETS_SCHEMA, new QuarrySchema(catalog));
    if (!catalog.systemTables().isEmpty()) {
      root.add(SystemSchema.NAME, new SystemSchema(catalog.systemTables()));
      quarry.add(SystemSchema.NAME, new SystemSchema(catalog.systemTables()));
    }
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    props.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), "LAST");
    props.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
    return Frameworks.newConfigBuilder()
        .context(Contexts.of(new CalciteConnectionConfigImpl(props)))
        .parserConfig(PARSER_CONFIG)
        .defaultSchema(schema)
        .typeSystem(QuarryTypeSystem.INSTANCE)
        .operatorTable(
            SqlOperatorTables.chain(
                QuarryFunctions.table(),
                SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
                    SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL)))
        .sqlValidatorConfig(
            SqlValidator.Config.DEFAULT
                .withConformance(SqlConformanceEnum.LENIENT)
                .withDefaultNullCollation(NullCollation.LAST)
                .withIdentifierExpansion(true))
        .sqlToRelConverterConfig(
            SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(false))
        .build();
  }
}
