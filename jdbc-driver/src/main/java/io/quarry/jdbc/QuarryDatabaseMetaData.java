package io.quarry.jdbc;

import io.quarry.node.engine.TableInfo;
import io.quarry.sql.DialectFacts;
import io.quarry.sql.NamePattern;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the engine is and holds, for sqlline and BI tools. One catalog ({@code quarry}) with two
 * schemas: {@code datasets}, where every dataset is a TABLE whose REMARKS give its root CID, and
 * {@code system}, where the engine's own tables ({@code cache}, {@code datasets}) are SYSTEM
 * TABLEs. Datasets are immutable, so there are no keys, indexes, privileges or procedures, and
 * every answer about updates and transactions is no. Queries name datasets without a catalog or
 * schema, and system tables as {@code system.name}.
 */
final class QuarryDatabaseMetaData implements DatabaseMetaData {
  private final QuarryConnection connection;

  QuarryDatabaseMetaData(QuarryConnection connection) {
    this.connection = connection;
  }

  // Result sets.

  private ResultSet rows(List<Column> columns, List<Object[]> rows) throws SQLException {
    connection.checkOpen();
    return new RowsResultSet(null, columns, rows);
  }

  private ResultSet empty(String... columnNames) throws SQLException {
    return rows(MetaColumns.of(columnNames), List.of());
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return rows(
        MetaColumns.of("TABLE_CAT"), List.<Object[]>of(new Object[] {QuarryConnection.CATALOG}));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (String schema : TableInfo.schemas()) {
      if (catalogMatches(catalog) && NamePattern.matches(schemaPattern, schema)) {
        rows.add(new Object[] {schema, QuarryConnection.CATALOG});
      }
    }
    return rows(MetaColumns.of("TABLE_SCHEM", "TABLE_CATALOG"), rows);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (String type : TableInfo.tableTypes()) {
      rows.add(new Object[] {type});
    }
    return rows(MetaColumns.of("TABLE_TYPE"), rows);
  }

  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.equals(QuarryConnection.CATALOG);
  }

  /** The tables in {@code catalog} whose schema and name match, by schema, then name. */
  private List<TableInfo> matchingTables(String catalog, String schemaPattern, String tablePattern)
      throws SQLException {
    if (!catalogMatches(catalog)) {
      return List.of();
    }
    List<TableInfo> result = new ArrayList<>();
    for (TableInfo t : connection.tables()) {
      if (NamePattern.matches(schemaPattern, t.schema())
          && NamePattern.matches(tablePattern, t.name())) {
        result.add(t);
      }
    }
    result.sort(TableInfo.BY_SCHEMA_AND_NAME);
    return result;
  }

  @Override
  public ResultSet getTables(
      String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    List<Column> columns =
        MetaColumns.of(
            "TABLE_CAT",
            "TABLE_SCHEM",
            "TABLE_NAME",
            "TABLE_TYPE",
            "REMARKS",
            "TYPE_CAT",
            "TYPE_SCHEM",
            "TYPE_NAME",
            "SELF_REFERENCING_COL_NAME",
            "REF_GENERATION");
    List<String> wanted = types == null ? null : Arrays.asList(types);
    List<TableInfo> tables = new ArrayList<>();
    for (TableInfo t : matchingTables(catalog, schemaPattern, tableNamePattern)) {
      if (t.typeIn(wanted)) {
        tables.add(t);
      }
    }
    // JDBC orders tables by type first (SYSTEM TABLE before TABLE), then catalog, schema, name.
    tables.sort(
        Comparator.comparing(TableInfo::tableType).thenComparing(TableInfo.BY_SCHEMA_AND_NAME));
    List<Object[]> rows = new ArrayList<>();
    for (TableInfo t : tables) {
      rows.add(
          new Object[] {
            QuarryConnection.CATALOG,
            t.schema(),
            t.name(),
            t.tableType(),
            t.root() == null ? null : "root " + t.root(),
            null,
            null,
            null,
            null,
            null
          });
    }
    return rows(columns, rows);
  }

  @Override
  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    List<Column> columns =
        MetaColumns.of(
            "TABLE_CAT",
            "TABLE_SCHEM",
            "TABLE_NAME",
            "COLUMN_NAME",
            "DATA_TYPE:INT",
            "TYPE_NAME",
            "COLUMN_SIZE:INT",
            "BUFFER_LENGTH:INT",
            "DECIMAL_DIGITS:INT",
            "NUM_PREC_RADIX:INT",
            "NULLABLE:INT",
            "REMARKS",
            "COLUMN_DEF",
            "SQL_DATA_TYPE:INT",
            "SQL_DATETIME_SUB:INT",
            "CHAR_OCTET_LENGTH:INT",
            "ORDINAL_POSITION:INT",
            "IS_NULLABLE",
            "SCOPE_CATALOG",
            "SCOPE_SCHEMA",
            "SCOPE_TABLE",
            "SOURCE_DATA_TYPE:INT",
            "IS_AUTOINCREMENT",
            "IS_GENERATEDCOLUMN");
    List<Object[]> rows = new ArrayList<>();
    for (TableInfo t : matchingTables(catalog, schemaPattern, tableNamePattern)) {
      int ordinal = 0;
      for (Column c : t.columns()) {
        ordinal++;
        if (!NamePattern.matches(columnNamePattern, c.name())) {
          continue;
        }
        DataType type = c.type();
        rows.add(
            new Object[] {
              QuarryConnection.CATALOG,
              t.schema(),
              t.name(),
              c.name(),
              JdbcTypes.jdbcType(type),
              JdbcTypes.typeName(type),
              JdbcTypes.precision(type),
              null,
              JdbcTypes.decimalDigits(type),
              JdbcTypes.radix(type),
              type.nullable() ? columnNullable : columnNoNulls,
              null,
              null,
              null,
              null,
              type.kind() == TypeKind.VARCHAR ? Integer.MAX_VALUE : null,
              ordinal,
              type.nullable() ? "YES" : "NO",
              null,
              null,
              null,
              null,
              "NO",
              "NO"
            });
      }
    }
    return rows(columns, rows);
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    List<Column> columns =
        MetaColumns.of(
            "TYPE_NAME",
            "DATA_TYPE:INT",
            "PRECISION:INT",
            "LITERAL_PREFIX",
            "LITERAL_SUFFIX",
            "CREATE_PARAMS",
            "NULLABLE:INT",
            "CASE_SENSITIVE:BOOLEAN",
            "SEARCHABLE:INT",
            "UNSIGNED_ATTRIBUTE:BOOLEAN",
            "FIXED_PREC_SCALE:BOOLEAN",
            "AUTO_INCREMENT:BOOLEAN",
            "LOCAL_TYPE_NAME",
            "MINIMUM_SCALE:INT",
            "MAXIMUM_SCALE:INT",
            "SQL_DATA_TYPE:INT",
            "SQL_DATETIME_SUB:INT",
            "NUM_PREC_RADIX:INT");
    List<DataType> types =
        new ArrayList<>(
            List.of(
                DataType.of(TypeKind.BOOLEAN),
                DataType.of(TypeKind.INT),
                DataType.of(TypeKind.BIGINT),
                DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0),
                DataType.of(TypeKind.DOUBLE),
                DataType.of(TypeKind.VARCHAR),
                DataType.of(TypeKind.DATE),
                DataType.of(TypeKind.TIMESTAMP)));
    // Sorted by DATA_TYPE as the JDBC specification asks.
    types.sort(Comparator.comparingInt(JdbcTypes::jdbcType));
    List<Object[]> rows = new ArrayList<>();
    for (DataType t : types) {
      boolean decimal = t.kind() == TypeKind.DECIMAL;
      String prefix =
          switch (t.kind()) {
            case VARCHAR -> "'";
            case DATE -> "DATE '";
            case TIMESTAMP -> "TIMESTAMP '";
            default -> null;
          };
      rows.add(
          new Object[] {
            JdbcTypes.typeName(t),
            JdbcTypes.jdbcType(t),
            JdbcTypes.precision(t),
            prefix,
            prefix == null ? null : "'",
            decimal ? "precision,scale" : null,
            typeNullable,
            t.kind() == TypeKind.VARCHAR,
            typeSearchable,
            !t.isNumeric(),
            false,
            false,
            JdbcTypes.typeName(t),
            0,
            decimal ? DataType.MAX_DECIMAL_PRECISION : JdbcTypes.scale(t),
            null,
            null,
            JdbcTypes.radix(t)
          });
    }
    return rows(columns, rows);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ:INT", "PK_NAME");
  }

  private ResultSet emptyKeys() throws SQLException {
    return empty(
        "PKTABLE_CAT",
        "PKTABLE_SCHEM",
        "PKTABLE_NAME",
        "PKCOLUMN_NAME",
        "FKTABLE_CAT",
        "FKTABLE_SCHEM",
        "FKTABLE_NAME",
        "FKCOLUMN_NAME",
        "KEY_SEQ:INT",
        "UPDATE_RULE:INT",
        "DELETE_RULE:INT",
        "FK_NAME",
        "PK_NAME",
        "DEFERRABILITY:INT");
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return emptyKeys();
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return emptyKeys();
  }

  @Override
  public ResultSet getCrossReference(
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable)
      throws SQLException {
    return emptyKeys();
  }

  @Override
  public ResultSet getIndexInfo(
      String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return empty(
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "NON_UNIQUE:BOOLEAN",
        "INDEX_QUALIFIER",
        "INDEX_NAME",
        "TYPE:INT",
        "ORDINAL_POSITION:INT",
        "COLUMN_NAME",
        "ASC_OR_DESC",
        "CARDINALITY:BIGINT",
        "PAGES:BIGINT",
        "FILTER_CONDITION");
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    return empty(
        "PROCEDURE_CAT",
        "PROCEDURE_SCHEM",
        "PROCEDURE_NAME",
        "RESERVED1",
        "RESERVED2",
        "RESERVED3",
        "REMARKS",
        "PROCEDURE_TYPE:INT",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getProcedureColumns(
      String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern)
      throws SQLException {
    return empty(
        "PROCEDURE_CAT",
        "PROCEDURE_SCHEM",
        "PROCEDURE_NAME",
        "COLUMN_NAME",
        "COLUMN_TYPE:INT",
        "DATA_TYPE:INT",
        "TYPE_NAME",
        "PRECISION:INT",
        "LENGTH:INT",
        "SCALE:INT",
        "RADIX:INT",
        "NULLABLE:INT",
        "REMARKS",
        "COLUMN_DEF",
        "SQL_DATA_TYPE:INT",
        "SQL_DATETIME_SUB:INT",
        "CHAR_OCTET_LENGTH:INT",
        "ORDINAL_POSITION:INT",
        "IS_NULLABLE",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return empty(
        "FUNCTION_CAT",
        "FUNCTION_SCHEM",
        "FUNCTION_NAME",
        "REMARKS",
        "FUNCTION_TYPE:INT",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    return empty(
        "FUNCTION_CAT",
        "FUNCTION_SCHEM",
        "FUNCTION_NAME",
        "COLUMN_NAME",
        "COLUMN_TYPE:INT",
        "DATA_TYPE:INT",
        "TYPE_NAME",
        "PRECISION:INT",
        "LENGTH:INT",
        "SCALE:INT",
        "RADIX:INT",
        "NULLABLE:INT",
        "REMARKS",
        "CHAR_OCTET_LENGTH:INT",
        "ORDINAL_POSITION:INT",
        "IS_NULLABLE",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getColumnPrivileges(
      String catalog, String schema, String table, String columnNamePattern) throws SQLException {
    return empty(
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "COLUMN_NAME",
        "GRANTOR",
        "GRANTEE",
        "PRIVILEGE",
        "IS_GRANTABLE");
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return empty(
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "GRANTOR",
        "GRANTEE",
        "PRIVILEGE",
        "IS_GRANTABLE");
  }

  @Override
  public ResultSet getBestRowIdentifier(
      String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return empty(
        "SCOPE:INT",
        "COLUMN_NAME",
        "DATA_TYPE:INT",
        "TYPE_NAME",
        "COLUMN_SIZE:INT",
        "BUFFER_LENGTH:INT",
        "DECIMAL_DIGITS:INT",
        "PSEUDO_COLUMN:INT");
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table)
      throws SQLException {
    return empty(
        "SCOPE:INT",
        "COLUMN_NAME",
        "DATA_TYPE:INT",
        "TYPE_NAME",
        "COLUMN_SIZE:INT",
        "BUFFER_LENGTH:INT",
        "DECIMAL_DIGITS:INT",
        "PSEUDO_COLUMN:INT");
  }

  @Override
  public ResultSet getUDTs(
      String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    return empty(
        "TYPE_CAT",
        "TYPE_SCHEM",
        "TYPE_NAME",
        "CLASS_NAME",
        "DATA_TYPE:INT",
        "REMARKS",
        "BASE_TYPE:INT");
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
      throws SQLException {
    return empty(
        "TYPE_CAT",
        "TYPE_SCHEM",
        "TYPE_NAME",
        "SUPERTYPE_CAT",
        "SUPERTYPE_SCHEM",
        "SUPERTYPE_NAME");
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
  }

  @Override
  public ResultSet getAttributes(
      String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern)
      throws SQLException {
    return empty(
        "TYPE_CAT",
        "TYPE_SCHEM",
        "TYPE_NAME",
        "ATTR_NAME",
        "DATA_TYPE:INT",
        "ATTR_TYPE_NAME",
        "ATTR_SIZE:INT",
        "DECIMAL_DIGITS:INT",
        "NUM_PREC_RADIX:INT",
        "NULLABLE:INT",
        "REMARKS",
        "ATTR_DEF",
        "SQL_DATA_TYPE:INT",
        "SQL_DATETIME_SUB:INT",
        "CHAR_OCTET_LENGTH:INT",
        "ORDINAL_POSITION:INT",
        "IS_NULLABLE",
        "SCOPE_CATALOG",
        "SCOPE_SCHEMA",
        "SCOPE_TABLE",
        "SOURCE_DATA_TYPE:INT");
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return empty("NAME", "MAX_LEN:INT", "DEFAULT_VALUE", "DESCRIPTION");
  }

  @Override
  public ResultSet getPseudoColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return empty(
        "TABLE_CAT",
        "TABLE_SCHEM",
        "TABLE_NAME",
        "COLUMN_NAME",
        "DATA_TYPE:INT",
        "COLUMN_SIZE:INT",
        "DECIMAL_DIGITS:INT",
        "NUM_PREC_RADIX:INT",
        "COLUMN_USAGE",
        "REMARKS",
        "CHAR_OCTET_LENGTH:INT",
        "IS_NULLABLE");
  }

  // Identity.

  @Override
  public Connection getConnection() throws SQLException {
    connection.checkOpen();
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getUserName() {
    return "";
  }

  @Override
  public String getDatabaseProductName() {
    return "Quarry";
  }

  @Override
  public String getDatabaseProductVersion() {
    return QuarryDriver.VERSION;
  }

  @Override
  public int getDatabaseMajorVersion() {
    return QuarryDriver.MAJOR_VERSION;
  }

  @Override
  public int getDatabaseMinorVersion() {
    return QuarryDriver.MINOR_VERSION;
  }

  @Override
  public String getDriverName() {
    return "Quarry JDBC";
  }

  @Override
  public String getDriverVersion() {
    return QuarryDriver.VERSION;
  }

  @Override
  public int getDriverMajorVersion() {
    return QuarryDriver.MAJOR_VERSION;
  }

  @Override
  public int getDriverMinorVersion() {
    return QuarryDriver.MINOR_VERSION;
  }

  @Override
  public int getJDBCMajorVersion() {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() {
    return 2;
  }

  // SQL dialect.

  @Override
  public String getIdentifierQuoteString() {
    return DialectFacts.IDENTIFIER_QUOTE;
  }

  @Override
  public String getSQLKeywords() {
    return DialectFacts.joined(DialectFacts.KEYWORDS);
  }

  @Override
  public String getNumericFunctions() {
    return DialectFacts.joined(DialectFacts.NUMERIC_FUNCTIONS);
  }

  @Override
  public String getStringFunctions() {
    return DialectFacts.joined(DialectFacts.STRING_FUNCTIONS);
  }

  @Override
  public String getSystemFunctions() {
    return DialectFacts.joined(DialectFacts.SYSTEM_FUNCTIONS);
  }

  @Override
  public String getTimeDateFunctions() {
    return DialectFacts.joined(DialectFacts.DATETIME_FUNCTIONS);
  }

  @Override
  public String getSearchStringEscape() {
    return DialectFacts.SEARCH_STRING_ESCAPE;
  }

  @Override
  public String getExtraNameCharacters() {
    return "";
  }

  @Override
  public String getSchemaTerm() {
    return "schema";
  }

  @Override
  public String getProcedureTerm() {
    return "procedure";
  }

  @Override
  public String getCatalogTerm() {
    return "catalog";
  }

  @Override
  public String getCatalogSeparator() {
    return ".";
  }

  @Override
  public int getSQLStateType() {
    return sqlStateSQL;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  // Transactions and cursors: read-only, forward-only, no transactions.

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) {
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  // Yes/no answers and limits (0 = no limit).

  @Override
  public boolean allProceduresAreCallable() {
    return false;
  }

  @Override
  public boolean allTablesAreSelectable() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public boolean nullsAreSortedHigh() {
    return false;
  }

  @Override
  public boolean nullsAreSortedLow() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtStart() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtEnd() {
    return true; // NULLS LAST whatever the direction, as in DuckDB
  }

  @Override
  public boolean usesLocalFiles() {
    return false;
  }

  @Override
  public boolean usesLocalFilePerTable() {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() {
    return false;
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() {
    return false;
  }

  @Override
  public boolean supportsColumnAliasing() {
    return true;
  }

  @Override
  public boolean nullPlusNonNullIsNull() {
    return true;
  }

  @Override
  public boolean supportsConvert() {
    return false;
  }

  @Override
  public boolean supportsTableCorrelationNames() {
    return true;
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() {
    return false;
  }

  @Override
  public boolean supportsExpressionsInOrderBy() {
    return true;
  }

  @Override
  public boolean supportsOrderByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupBy() {
    return true;
  }

  @Override
  public boolean supportsGroupByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupByBeyondSelect() {
    return true;
  }

  @Override
  public boolean supportsLikeEscapeClause() {
    return true;
  }

  @Override
  public boolean supportsMultipleResultSets() {
    return false;
  }

  @Override
  public boolean supportsMultipleTransactions() {
    return false;
  }

  @Override
  public boolean supportsNonNullableColumns() {
    return true;
  }

  @Override
  public boolean supportsMinimumSQLGrammar() {
    return true;
  }

  @Override
  public boolean supportsCoreSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsExtendedSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() {
    return true;
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92FullSQL() {
    return false;
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() {
    return false;
  }

  @Override
  public boolean supportsOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsFullOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsLimitedOuterJoins() {
    return true;
  }

  @Override
  public boolean isCatalogAtStart() {
    return true;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsPositionedDelete() {
    return false;
  }

  @Override
  public boolean supportsPositionedUpdate() {
    return false;
  }

  @Override
  public boolean supportsSelectForUpdate() {
    return false;
  }

  @Override
  public boolean supportsStoredProcedures() {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInComparisons() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInExists() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInIns() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return true;
  }

  @Override
  public boolean supportsCorrelatedSubqueries() {
    return true;
  }

  @Override
  public boolean supportsUnion() {
    return true;
  }

  @Override
  public boolean supportsUnionAll() {
    return true;
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() {
    return true;
  }

  @Override
  public int getMaxBinaryLiteralLength() {
    return 0;
  }

  @Override
  public int getMaxCharLiteralLength() {
    return 0;
  }

  @Override
  public int getMaxColumnNameLength() {
    return 0;
  }

  @Override
  public int getMaxColumnsInGroupBy() {
    return 0;
  }

  @Override
  public int getMaxColumnsInIndex() {
    return 0;
  }

  @Override
  public int getMaxColumnsInOrderBy() {
    return 0;
  }

  @Override
  public int getMaxColumnsInSelect() {
    return 0;
  }

  @Override
  public int getMaxColumnsInTable() {
    return 0;
  }

  @Override
  public int getMaxConnections() {
    return 0;
  }

  @Override
  public int getMaxCursorNameLength() {
    return 0;
  }

  @Override
  public int getMaxIndexLength() {
    return 0;
  }

  @Override
  public int getMaxSchemaNameLength() {
    return 0;
  }

  @Override
  public int getMaxProcedureNameLength() {
    return 0;
  }

  @Override
  public int getMaxCatalogNameLength() {
    return 0;
  }

  @Override
  public int getMaxRowSize() {
    return 0;
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() {
    return false;
  }

  @Override
  public int getMaxStatementLength() {
    return 0;
  }

  @Override
  public int getMaxStatements() {
    return 0;
  }

  @Override
  public int getMaxTableNameLength() {
    return 0;
  }

  @Override
  public int getMaxTablesInSelect() {
    return 0;
  }

  @Override
  public int getMaxUserNameLength() {
    return 0;
  }

  @Override
  public boolean supportsTransactions() {
    return false;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() {
    return false;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() {
    return false;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return false;
  }

  @Override
  public boolean supportsSavepoints() {
    return false;
  }

  @Override
  public boolean supportsNamedParameters() {
    return false;
  }

  @Override
  public boolean supportsMultipleOpenResults() {
    return false;
  }

  @Override
  public boolean supportsGetGeneratedKeys() {
    return false;
  }

  @Override
  public boolean locatorsUpdateCopy() {
    return false;
  }

  @Override
  public boolean supportsStatementPooling() {
    return false;
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() {
    return false;
  }

  @Override
  public boolean generatedKeyAlwaysReturned() {
    return false;
  }
}
