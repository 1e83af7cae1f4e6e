package io.quarry.node.flight;

import static java.util.Objects.requireNonNull;

import io.quarry.sql.DialectFacts;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;

/**
 * The answer to Flight SQL's {@code GetSqlInfo}: every item the Arrow Flight SQL JDBC driver turns
 * into a {@code DatabaseMetaData} answer, so a BI tool calling any of them gets a value rather than
 * a failure. The values agree with Quarry's own driver: a read-only engine without transactions,
 * with sub-queries, unions and full outer joins, identifiers matched without regard to case and
 * NULLs sorted last whatever the direction.
 */
final class ServerSqlInfo {
  private ServerSqlInfo() {}

  static SqlInfoBuilder of(String version) {
    return new SqlInfoBuilder()
        .withFlightSqlServerName("Quarry")
        .withFlightSqlServerVersion(requireNonNull(version, "version is null"))
        .withFlightSqlServerArrowVersion("18.3.0")
        .withFlightSqlServerReadOnly(true)
        .withFlightSqlServerSql(true)
        .withFlightSqlServerSubstrait(false)
        .withFlightSqlServerTransaction(
            FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
        .withFlightSqlServerCancel(false)
        .withFlightSqlServerBulkIngestion(false)
        .withFlightSqlServerStatementTimeout(0)
        .withFlightSqlServerTransactionTimeout(0)
        .withSqlIdentifierQuoteChar(DialectFacts.IDENTIFIER_QUOTE)
        .withSqlSearchStringEscape(DialectFacts.SEARCH_STRING_ESCAPE)
        .withSqlExtraNameCharacters("")
        .withSqlCatalogTerm("catalog")
        .withSqlSchemaTerm("schema")
        .withSqlProcedureTerm("procedure")
        .withSqlKeywords(names(DialectFacts.KEYWORDS))
        .withSqlNumericFunctions(names(DialectFacts.NUMERIC_FUNCTIONS))
        .withSqlStringFunctions(names(DialectFacts.STRING_FUNCTIONS))
        .withSqlSystemFunctions(names(DialectFacts.SYSTEM_FUNCTIONS))
        .withSqlDatetimeFunctions(names(DialectFacts.DATETIME_FUNCTIONS))
        .withSqlIdentifierCase(
            FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlQuotedIdentifierCase(
            FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlNullOrdering(FlightSql.SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
        .withSqlAllTablesAreSelectable(true)
        .withSqlDdlCatalog(false)
        .withSqlDdlSchema(false)
        .withSqlDdlTable(false)
        .withSqlSupportsColumnAliasing(true)
        .withSqlNullPlusNullIsNull(true)
        .withSqlSupportsConvert(Map.of())
        .withSqlSupportsTableCorrelationNames(true)
        .withSqlSupportsDifferentTableCorrelationNames(false)
        .withSqlSupportsExpressionsInOrderBy(true)
        .withSqlSupportsOrderByUnrelated(true)
        .withSqlSupportedGroupBy(
            FlightSql.SqlSupportedGroupBy.SQL_GROUP_BY_UNRELATED,
            FlightSql.SqlSupportedGroupBy.SQL_GROUP_BY_BEYOND_SELECT)
        .withSqlSupportsLikeEscapeClause(true)
        .withSqlSupportsNonNullableColumns(true)
        .withSqlSupportedGrammar(FlightSql.SupportedSqlGrammar.SQL_MINIMUM_GRAMMAR)
        .withSqlAnsi92SupportedLevel(FlightSql.SupportedAnsi92SqlGrammarLevel.ANSI92_ENTRY_SQL)
        .withSqlSupportsIntegrityEnhancementFacility(false)
        .withSqlOuterJoinSupportLevel(FlightSql.SqlOuterJoinsSupportLevel.SQL_FULL_OUTER_JOINS)
        .withSqlCatalogAtStart(true)
        .withSqlSchemasSupportedActions()
        .withSqlCatalogsSupportedActions()
        .withSqlSupportedPositionedCommands()
        .withSqlSelectForUpdateSupported(false)
        .withSqlStoredProceduresSupported(false)
        .withSqlSubQueriesSupported(
            FlightSql.SqlSupportedSubqueries.SQL_SUBQUERIES_IN_COMPARISONS,
            FlightSql.SqlSupportedSubqueries.SQL_SUBQUERIES_IN_EXISTS,
            FlightSql.SqlSupportedSubqueries.SQL_SUBQUERIES_IN_INS,
            FlightSql.SqlSupportedSubqueries.SQL_SUBQUERIES_IN_QUANTIFIEDS)
        .withSqlCorrelatedSubqueriesSupported(true)
        .withSqlSupportedUnions(
            FlightSql.SqlSupportedUnions.SQL_UNION, FlightSql.SqlSupportedUnions.SQL_UNION_ALL)
        // Zero is JDBC's "no limit, or not known" for every maximum.
        .withSqlMaxBinaryLiteralLength(0)
        .withSqlMaxCharLiteralLength(0)
        .withSqlMaxColumnNameLength(0)
        .withSqlMaxColumnsInGroupBy(0)
        .withSqlMaxColumnsInIndex(0)
        .withSqlMaxColumnsInOrderBy(0)
        .withSqlMaxColumnsInSelect(0)
        .withSqlMaxColumnsInTable(0)
        .withSqlMaxConnections(0)
        .withSqlMaxCursorNameLength(0)
        .withSqlMaxIndexLength(0)
        .withSqlDbSchemaNameLength(0)
        .withSqlMaxProcedureNameLength(0)
        .withSqlMaxCatalogNameLength(0)
        .withSqlMaxRowSize(0)
        .withSqlMaxRowSizeIncludesBlobs(false)
        .withSqlMaxStatementLength(0)
        .withSqlMaxStatements(0)
        .withSqlMaxTableNameLength(0)
        .withSqlMaxTablesInSelect(0)
        .withSqlMaxUsernameLength(0)
        .withSqlTransactionsSupported(false)
        .withSqlDefaultTransactionIsolation(0)
        .withSqlSupportedTransactionsIsolationLevels(
            FlightSql.SqlTransactionIsolationLevel.SQL_TRANSACTION_NONE)
        .withSqlDataDefinitionCausesTransactionCommit(false)
        .withSqlDataDefinitionsInTransactionsIgnored(false)
        .withSqlBatchUpdatesSupported(false)
        .withSqlSavepointsSupported(false)
        .withSqlNamedParametersSupported(false)
        .withSqlLocatorsUpdateCopy(false)
        .withSqlStoredFunctionsUsingCallSyntaxSupported(false)
        .withSqlSupportedResultSetTypes(
            FlightSql.SqlSupportedResultSetType.SQL_RESULT_SET_TYPE_FORWARD_ONLY);
  }

  private static String[] names(List<String> names) {
    return names.toArray(String[]::new);
  }
}
