<#--
  lake's additions to Calcite's SQL grammar (see config.fmpp and driver/pom.xml for how they
  are merged into Calcite's Parser.jj at build time).

    CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name
        [ ( coldef [, coldef]* [, PRIMARY KEY (c, ...)] ) ]
        [ PRIMARY KEY (c, ...) ]
        { USING DELTA | PARTITIONED BY (c, ...) | TBLPROPERTIES (key [=] value, ...) }*
        [ AS query ]
      coldef = name type { NOT NULL | NULL | PRIMARY KEY }*
    DROP TABLE [IF EXISTS] name
    ALTER TABLE name ADD [COLUMN | COLUMNS] { coldef [, coldef]* | ( coldef [, coldef]* ) }
    TRUNCATE TABLE name
    DESCRIBE HISTORY name [ORDER BY ...] [LIMIT n]
        = SELECT * FROM TABLE(LAKE_HISTORY('name')) [ORDER BY ...] [LIMIT n]
    OPTIMIZE name [WHERE condition] [ZORDER BY (c, ...)]
        = SELECT * FROM TABLE(LAKE_OPTIMIZE('name', 'condition' | '', '"c",...' | ''))
    VACUUM name [RETAIN n HOURS] [DRY RUN]
        = SELECT * FROM TABLE(LAKE_VACUUM('name', 'n' | '', TRUE | FALSE))
    table [VERSION AS OF n | TIMESTAMP AS OF expr | FOR SYSTEM_TIME AS OF expr] [[AS] alias]
        in FROM and JOIN (Calcite's TableRef3 calls LakeSnapshot: a patch of the template)

  Types are lake types (dev.lake.engine.types.LakeType), parsed by the JAVACODE production
  LakeDataType below straight from the token stream, so that any word (keyword or not) can be a
  type name or a STRUCT field name, and every error carries a position.
-->

/** IF NOT EXISTS, or nothing. (IF is a non-reserved keyword: a table may be named "if".) */
boolean LakeIfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** IF EXISTS, or nothing. */
boolean LakeIfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** CREATE [OR REPLACE] TABLE ..., after CREATE [OR REPLACE]. */
SqlCreate SqlCreateLakeTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final LakeParserSupport.CreateTableParts parts = new LakeParserSupport.CreateTableParts();
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = LakeIfNotExistsOpt() id = CompoundIdentifier()
    (
        LakeTableElementList(parts)
        [ LakePrimaryKeyConstraint(parts) ]
        LakeTableClauses(parts)
        [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    |
        // Without a column list the query is required.
        [ LakePrimaryKeyConstraint(parts) ]
        LakeTableClauses(parts)
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return parts.build(s.end(this), replace, ifNotExists, id, query);
    }
}

/**
 * PRIMARY KEY (c, ...): in the column list, after it, or (CREATE TABLE ... AS query) instead of
 * it.
 */
void LakePrimaryKeyConstraint(LakeParserSupport.CreateTableParts parts) :
{
    final Span s;
    final SqlNodeList list;
}
{
    <PRIMARY> { s = span(); } <KEY> list = ParenthesizedSimpleIdentifierList() {
        parts.primaryKey(LakeParserSupport.names(list), s.end(this));
    }
}

/** USING DELTA, PARTITIONED BY (c, ...), TBLPROPERTIES (...): each at most once, any order. */
void LakeTableClauses(LakeParserSupport.CreateTableParts parts) :
{
    SqlNodeList list;
    SqlIdentifier format;
    Span clause;
}
{
    (
        <USING> { clause = span(); } format = CompoundIdentifier() {
            parts.using(format, clause.end(this));
        }
    |
        <PARTITIONED> { clause = span(); } <BY> list = ParenthesizedSimpleIdentifierList() {
            parts.partitionedBy(LakeParserSupport.names(list), clause.end(this));
        }
    |
        <TBLPROPERTIES> {
            clause = span();
            parts.startProperties(clause.pos());
        }
        <LPAREN> LakeTableProperty(parts) ( <COMMA> LakeTableProperty(parts) )* <RPAREN>
    )*
}

/** ( element [, element]* ) of CREATE TABLE. */
void LakeTableElementList(LakeParserSupport.CreateTableParts parts) :
{
}
{
    <LPAREN> LakeTableElement(parts) ( <COMMA> LakeTableElement(parts) )* <RPAREN>
}

/** A column definition or PRIMARY KEY (c, ...). */
void LakeTableElement(LakeParserSupport.CreateTableParts parts) :
{
    final ColumnDefinition column;
}
{
    LakePrimaryKeyConstraint(parts)
|
    column = LakeColumnDefinition(parts) {
        parts.addColumn(column);
    }
}

/**
 * name type { NOT NULL | NULL | PRIMARY KEY }*. parts receives an inline PRIMARY KEY; it is null
 * in ALTER TABLE, where PRIMARY KEY is refused.
 */
ColumnDefinition LakeColumnDefinition(LakeParserSupport.CreateTableParts parts) :
{
    final SqlIdentifier id;
    final LakeType type;
    final Span s;
    Span c;
    Boolean notNull = null;
}
{
    id = SimpleIdentifier() { s = span(); }
    type = LakeDataType()
    (
        <NOT> { c = span(); } <NULL> {
            notNull = lakeNullability(notNull, true, c.end(this));
        }
    |
        <NULL> {
            notNull = lakeNullability(notNull, false, getPos());
        }
    |
        <PRIMARY> { c = span(); } <KEY> {
            if (parts == null) {
                throw LakeParserSupport.error(c.end(this),
                    "ALTER TABLE ... ADD COLUMN cannot declare a PRIMARY KEY");
            }
            parts.primaryKey(Collections.singletonList(id.getSimple()), c.end(this));
        }
    )*
    {
        return new ColumnDefinition(id.getSimple(), type,
            notNull != null && notNull.booleanValue(), s.end(this));
    }
}

/** key [=] value of TBLPROPERTIES; key is a string or a dotted name (delta.appendOnly). */
void LakeTableProperty(LakeParserSupport.CreateTableParts parts) :
{
    final SqlParserPos pos;
    final String key;
    final String value;
    final SqlNode literal;
}
{
    { pos = lakeTokenPos(getToken(1)); }
    (
        literal = StringLiteral() { key = LakeParserSupport.stringValue(literal); }
    |
        LOOKAHEAD({ LakeParserSupport.isWord(getToken(1).image) })
        key = LakeDottedName()
    )
    [ <EQ> ]
    value = LakeTablePropertyValue()
    {
        parts.property(key, value, pos);
    }
}

/** A string, a number, TRUE or FALSE, as text. */
String LakeTablePropertyValue() :
{
    final SqlNode literal;
    String sign = "";
}
{
    literal = StringLiteral() { return LakeParserSupport.stringValue(literal); }
|
    [ <MINUS> { sign = "-"; } | <PLUS> ]
    UnsignedNumericLiteral() { return sign + getToken(0).image; }
|
    <TRUE> { return "true"; }
|
    <FALSE> { return "false"; }
}

/** DROP TABLE ..., after DROP. */
SqlDrop SqlDropLakeTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = LakeIfExistsOpt() id = CompoundIdentifier() {
        return new SqlDropLakeTable(s.end(this), ifExists, id);
    }
}

/** TRUNCATE TABLE name, after TRUNCATE. */
SqlTruncate SqlTruncateLakeTable(Span s) :
{
    final SqlIdentifier id;
}
{
    <TABLE> id = CompoundIdentifier() {
        return new SqlTruncateLakeTable(s.end(this), id);
    }
}

/**
 * ALTER TABLE name ADD [COLUMN | COLUMNS] coldefs. (Calcite's SqlAlter() only knows ALTER
 * SYSTEM/SESSION; this statement is tried first, with LOOKAHEAD(2).)
 */
SqlNode SqlAlterLakeTable() :
{
    final Span s;
    final SqlIdentifier id;
    final List<ColumnDefinition> columns = new ArrayList<ColumnDefinition>();
}
{
    <ALTER> { s = span(); } <TABLE> id = CompoundIdentifier()
    <ADD>
    (
        <COLUMN> LakeAddedColumns(columns)
    |
        // COLUMNS is non-reserved: "ADD columns INT" adds a column named COLUMNS.
        LOOKAHEAD({ getToken(1).kind == COLUMNS
            && (getToken(2).kind == LPAREN
                || !LakeTypeSql.isTypeName(getToken(2).image)) })
        <COLUMNS> LakeAddedColumns(columns)
    |
        LakeAddedColumns(columns)
    )
    {
        return new SqlAlterTableAddColumns(s.end(this), id, columns);
    }
}

/** coldef [, coldef]*, in parentheses or not. */
void LakeAddedColumns(List<ColumnDefinition> columns) :
{
    ColumnDefinition c;
}
{
    <LPAREN>
    c = LakeColumnDefinition(null) { LakeParserSupport.addColumn(columns, c); }
    (
        <COMMA> c = LakeColumnDefinition(null) { LakeParserSupport.addColumn(columns, c); }
    )*
    <RPAREN>
|
    c = LakeColumnDefinition(null) { LakeParserSupport.addColumn(columns, c); }
    (
        <COMMA> c = LakeColumnDefinition(null) { LakeParserSupport.addColumn(columns, c); }
    )*
}

/**
 * DESCRIBE HISTORY name [ORDER BY ...] [LIMIT n]: the query
 * SELECT * FROM TABLE(LAKE_HISTORY('name')) with the same ORDER BY and LIMIT, where 'name' is the
 * table name as written (unquoted parts in their original case, quoted parts without quotes,
 * parts joined by dots).
 * "DESCRIBE history" alone describes a table named HISTORY, as Calcite's DESCRIBE would.
 */
SqlNode SqlDescribeHistory() :
{
    final Span s;
    final SqlIdentifier id;
    final SqlParserPos historyPos;
    final Token first;
    SqlNode query;
}
{
    <DESCRIBE> { s = span(); } <HISTORY> { historyPos = getPos(); first = getToken(1); }
    (
        id = CompoundIdentifier() {
            query = lakeHistoryQuery(s.end(this), lakeWrittenName(first, id),
                id.getParserPosition());
        }
        query = OrderByLimitOpt(query) {
            return query;
        }
    |
        {
            return new SqlDescribeTable(s.end(this),
                new SqlIdentifier(unquotedIdentifier(), historyPos), null);
        }
    )
}

/**
 * The text of a just-parsed compound identifier that starts at token first: unquoted parts as
 * written, quoted ones as the identifier has them (unquoted), joined by dots.
 */
JAVACODE
String lakeWrittenName(Token first, SqlIdentifier id)
{
    final StringBuilder sb = new StringBuilder();
    final Token last = getToken(0);
    int i = 0;
    for (Token t = first; t != null; t = t.next) {
        if (t.kind == DOT) {
            sb.append('.');
        } else {
            sb.append(LakeParserSupport.isWord(t.image) || i >= id.names.size()
                ? t.image : id.names.get(i));
            i++;
        }
        if (t == last) {
            break;
        }
    }
    return sb.toString();
}

/**
 * Time travel after a table name in FROM (reached from TableRef3 by a patch of Calcite's
 * template, in place of its Snapshot()):
 *   VERSION AS OF n | VERSION AS OF ?   (Spark/Databricks; period LAKE_VERSION_AS_OF(n))
 *   TIMESTAMP AS OF expr                (Spark/Databricks; a string or ? is cast to TIMESTAMP(3))
 *   FOR SYSTEM_TIME AS OF expr          (SQL:2011, as Calcite)
 * All three make Calcite's SqlSnapshot.
 */
SqlSnapshot LakeSnapshot(SqlNode tableRef) :
{
    final Span s;
    SqlNode e;
}
{
    { s = span(); }
    (
        <FOR> <SYSTEM_TIME> <AS> <OF>
        e = Expression(ExprContext.ACCEPT_NON_QUERY) {
            // What VERSION AS OF unparses to parses back to the same marker call.
            e = LakeOperators.resolvePeriod(e);
        }
    |
        <VERSION> <AS> <OF>
        (
            e = UnsignedNumericLiteral() {
                if (!((SqlNumericLiteral) e).isInteger()) {
                    throw LakeParserSupport.error(e.getParserPosition(),
                        "VERSION AS OF needs an integer version number, not " + e);
                }
            }
        |
            e = DynamicParam()
        )
        {
            e = LakeOperators.LAKE_VERSION_AS_OF.createCall(e.getParserPosition(), e);
        }
    |
        <TIMESTAMP> <AS> <OF>
        e = Expression(ExprContext.ACCEPT_NON_QUERY) {
            e = lakeTimestampPeriod(e);
        }
    )
    {
        return new SqlSnapshot(s.end(this), tableRef, e);
    }
}

/** CAST(e AS TIMESTAMP(3)) if e is a character literal or a dynamic parameter, else e. */
JAVACODE
SqlNode lakeTimestampPeriod(SqlNode e)
{
    if (e instanceof SqlCharStringLiteral
        || e.getKind() == SqlKind.LITERAL_CHAIN
        || e instanceof SqlDynamicParam) {
        final SqlParserPos pos = e.getParserPosition();
        final SqlDataTypeSpec type = new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, 3, pos), pos);
        return SqlStdOperatorTable.CAST.createCall(pos, e, type);
    }
    return e;
}

/**
 * OPTIMIZE name [WHERE condition] [ZORDER BY (c, ...) | ZORDER BY c, ...] (Delta's syntax).
 * The condition travels as SQL text and is checked when the statement runs, against the
 * table's partition columns.
 */
SqlNode SqlOptimize() :
{
    final Span s;
    final SqlIdentifier id;
    final Token first;
    String name;
    SqlNode where = null;
    final List<String> zOrder = new ArrayList<String>();
}
{
    <OPTIMIZE> { s = span(); first = getToken(1); } id = CompoundIdentifier() {
        name = lakeWrittenName(first, id);
    }
    [ <WHERE> where = Expression(ExprContext.ACCEPT_NON_QUERY) ]
    [
        <ZORDER> <BY>
        (
            <LPAREN> LakeZOrderColumns(zOrder) <RPAREN>
        |
            LakeZOrderColumns(zOrder)
        )
    ]
    {
        final List<SqlNode> args = new ArrayList<SqlNode>();
        args.add(SqlLiteral.createCharString(name, id.getParserPosition()));
        // Absent parts are empty strings (a NULL argument would need a cast to be typed).
        args.add(SqlLiteral.createCharString(
            where == null ? "" : LakeParserSupport.sqlText(where), s.pos()));
        args.add(SqlLiteral.createCharString(LakeParserSupport.joinNames(zOrder), s.pos()));
        return lakeFunctionQuery(s.end(this), "LAKE_OPTIMIZE", args);
    }
}

/** c [, c]*: the columns of ZORDER BY, as written (quoted ones without their quotes). */
void LakeZOrderColumns(List<String> columns) :
{
    SqlIdentifier c;
}
{
    c = SimpleIdentifier() { columns.add(c.getSimple()); }
    ( <COMMA> c = SimpleIdentifier() { columns.add(c.getSimple()); } )*
}

/** VACUUM name [RETAIN n HOURS] [DRY RUN] (Delta's syntax). */
SqlNode SqlVacuum() :
{
    final Span s;
    final SqlIdentifier id;
    final Token first;
    String name;
    SqlNode hours = null;
    boolean dryRun = false;
}
{
    <VACUUM> { s = span(); first = getToken(1); } id = CompoundIdentifier() {
        name = lakeWrittenName(first, id);
    }
    [ <RETAIN> hours = UnsignedNumericLiteral() <HOURS> ]
    [ <DRY> <RUN> { dryRun = true; } ]
    {
        final List<SqlNode> args = new ArrayList<SqlNode>();
        args.add(SqlLiteral.createCharString(name, id.getParserPosition()));
        args.add(SqlLiteral.createCharString(
            hours == null ? "" : ((SqlLiteral) hours).toValue(), s.pos()));
        args.add(SqlLiteral.createBoolean(dryRun, s.pos()));
        return lakeFunctionQuery(s.end(this), "LAKE_VACUUM", args);
    }
}

/** SELECT * FROM TABLE(function(args)). */
JAVACODE
SqlSelect lakeFunctionQuery(SqlParserPos pos, String function, List<SqlNode> args)
{
    final SqlNode call = createCall(new SqlIdentifier(function, pos), pos,
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, (SqlLiteral) null, args);
    final SqlNode from = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, call);
    final List<SqlNode> selectList = new ArrayList<SqlNode>();
    selectList.add(SqlIdentifier.star(pos));
    return new SqlSelect(pos, new SqlNodeList(pos), new SqlNodeList(selectList, pos), from,
        null, null, null, null, null, null, null, null, new SqlNodeList(pos));
}

/** SELECT * FROM TABLE(LAKE_HISTORY('name')) as the parser makes it from that text. */
JAVACODE
SqlSelect lakeHistoryQuery(SqlParserPos pos, String tableName, SqlParserPos namePos)
{
    final List<SqlNode> args = new ArrayList<SqlNode>();
    args.add(SqlLiteral.createCharString(tableName, namePos));
    return lakeFunctionQuery(pos, "LAKE_HISTORY", args);
}

/** NOT NULL (true) or NULL (false) after an earlier one (null if none): refuses a second. */
JAVACODE
Boolean lakeNullability(Boolean previous, boolean notNull, SqlParserPos pos)
{
    if (previous != null) {
        throw LakeParserSupport.error(pos, "NULL or NOT NULL is given more than once");
    }
    return Boolean.valueOf(notNull);
}

// ----------------------------------------------------------------------------------------------
// Lake types, read from the token stream.

/**
 * A lake type: every name LakeTypeSql knows (TypeParser's names, plus CHAR/CHARACTER), DOUBLE
 * PRECISION, TIMESTAMP WITH [LOCAL] TIME ZONE / WITHOUT TIME ZONE, VARCHAR(n) and the like
 * (length ignored), DECIMAL/NUMERIC[(p[,s])], ARRAY<T [NOT NULL]> (also LIST<T>),
 * MAP<K, V [NOT NULL]>, STRUCT<name[:] T [NOT NULL | NULL], ...>, nested to any depth.
 * A closing ">>" is split in two if the lexer ever makes one token of it.
 */
JAVACODE
LakeType LakeDataType()
{
    final Token t = getToken(1);
    final SqlParserPos pos = lakeTokenPos(t);
    if (!LakeParserSupport.isWord(t.image)) {
        throw LakeParserSupport.error(pos,
            "Expected a type name but found " + lakeDescribe(t));
    }
    getNextToken();
    final String word = t.image.toUpperCase(Locale.ROOT);
    if (word.equals("ARRAY") || word.equals("LIST")) {
        lakeOpenAngle(word);
        final LakeType element = LakeDataType();
        final boolean notNull = lakeNotNullOpt();
        lakeCloseAngle(word);
        return new LakeType.ListOf(element, !notNull);
    }
    if (word.equals("MAP")) {
        lakeOpenAngle(word);
        final LakeType key = LakeDataType();
        lakeExpect(COMMA, "','");
        final LakeType value = LakeDataType();
        final boolean notNull = lakeNotNullOpt();
        lakeCloseAngle(word);
        return new LakeType.MapOf(key, value, !notNull);
    }
    if (word.equals("STRUCT")) {
        lakeOpenAngle(word);
        final List<Field> fields = new ArrayList<Field>();
        final Set<String> seen = new HashSet<String>();
        while (true) {
            final Token nameToken = getToken(1);
            final String name;
            if (LakeParserSupport.isWord(nameToken.image)) {
                // Any word, reserved or not, can name a field here.
                getNextToken();
                name = SqlParserUtil.toCase(nameToken.image, unquotedCasing);
            } else {
                name = SimpleIdentifier().getSimple();
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw LakeParserSupport.error(lakeTokenPos(nameToken),
                    "Duplicate field name '" + name + "' in STRUCT");
            }
            if (getToken(1).kind == COLON) {
                getNextToken();
            }
            final LakeType type = LakeDataType();
            final boolean notNull = lakeNotNullOpt();
            fields.add(new Field(name, type, !notNull));
            if (getToken(1).kind == COMMA) {
                getNextToken();
            } else {
                lakeCloseAngle(word);
                return LakeType.struct(fields);
            }
        }
    }
    if (word.equals("DOUBLE")) {
        lakeAcceptWord("PRECISION");
        return LakeType.FLOAT64;
    }
    if (word.equals("TIMESTAMP")) {
        if (lakeAcceptWord("WITH")) {
            lakeAcceptWord("LOCAL");
            lakeExpectWord("TIME");
            lakeExpectWord("ZONE");
            return LakeType.TIMESTAMP;
        }
        if (lakeAcceptWord("WITHOUT")) {
            lakeExpectWord("TIME");
            lakeExpectWord("ZONE");
            return LakeType.TIMESTAMP_NTZ;
        }
        return LakeType.TIMESTAMP;
    }
    if (word.equals("CHAR") || word.equals("CHARACTER")) {
        lakeAcceptWord("VARYING");
        lakeIgnoredLengthOpt();
        return LakeType.STRING;
    }
    if (word.equals("VARCHAR") || word.equals("VARBINARY") || word.equals("BINARY")) {
        lakeIgnoredLengthOpt();
        return LakeTypeSql.simpleType(word);
    }
    if (LakeTypeSql.isDecimalName(word)) {
        if (getToken(1).kind != LPAREN) {
            return LakeType.decimal(10, 0);
        }
        getNextToken();
        final int precision = lakeUnsignedInt();
        int scale = 0;
        if (getToken(1).kind == COMMA) {
            getNextToken();
            scale = lakeUnsignedInt();
        }
        lakeExpect(RPAREN, "')'");
        if (precision < 1 || precision > 38 || scale > precision) {
            throw LakeParserSupport.error(pos, "DECIMAL(" + precision + "," + scale
                + ") is not allowed: precision must be 1..38 and scale 0..precision");
        }
        return LakeType.decimal(precision, scale);
    }
    final LakeType simple = LakeTypeSql.simpleType(word);
    if (simple == null) {
        throw LakeParserSupport.error(pos, "Unknown type '" + t.image + "'");
    }
    return simple;
}

/** A dotted name of plain words (a table property key such as delta.appendOnly), as written. */
JAVACODE
String LakeDottedName()
{
    final StringBuilder sb = new StringBuilder();
    while (true) {
        final Token t = getToken(1);
        if (!LakeParserSupport.isWord(t.image)) {
            throw LakeParserSupport.error(lakeTokenPos(t),
                "Expected a name but found " + lakeDescribe(t));
        }
        getNextToken();
        sb.append(t.image);
        if (getToken(1).kind != DOT) {
            return sb.toString();
        }
        getNextToken();
        sb.append('.');
    }
}

/** NOT NULL (true), NULL (false) or nothing (false) inside a nested type. */
JAVACODE
boolean lakeNotNullOpt()
{
    if (getToken(1).kind == NOT && getToken(2).kind == NULL) {
        getNextToken();
        getNextToken();
        return true;
    }
    if (getToken(1).kind == NULL) {
        getNextToken();
    }
    return false;
}

/** The '<' after ARRAY, MAP or STRUCT. */
JAVACODE
void lakeOpenAngle(String typeName)
{
    final Token t = getToken(1);
    if (t.kind == LT) {
        getNextToken();
        return;
    }
    if (t.kind == NE) {
        throw LakeParserSupport.error(lakeTokenPos(t),
            typeName + " needs " + (typeName.equals("STRUCT") ? "at least one field" : "a type")
            + " between '<' and '>'");
    }
    throw LakeParserSupport.error(lakeTokenPos(t),
        "Expected '<' after " + typeName + " but found " + lakeDescribe(t));
}

/** The '>' closing ARRAY<, MAP< or STRUCT<; the first half of a '>>' token. */
JAVACODE
void lakeCloseAngle(String typeName)
{
    final Token t = getToken(1);
    if (t.kind != GT && ">>".equals(t.image)) {
        final Token second = new Token();
        second.kind = GT;
        second.image = ">";
        second.beginLine = t.endLine;
        second.beginColumn = t.endColumn;
        second.endLine = t.endLine;
        second.endColumn = t.endColumn;
        second.next = t.next;
        t.next = second;
        t.kind = GT;
        t.image = ">";
        t.endLine = t.beginLine;
        t.endColumn = t.beginColumn;
    }
    if (t.kind != GT) {
        throw LakeParserSupport.error(lakeTokenPos(t),
            "Expected '>' to close " + typeName + "<...> but found " + lakeDescribe(t));
    }
    getNextToken();
}

/** Optional (n), n >= 1, whose value does not matter (VARCHAR(n), BINARY(n)). */
JAVACODE
void lakeIgnoredLengthOpt()
{
    if (getToken(1).kind != LPAREN) {
        return;
    }
    getNextToken();
    final Token n = getToken(1);
    if (lakeUnsignedInt() < 1) {
        throw LakeParserSupport.error(lakeTokenPos(n), "A length must be at least 1");
    }
    lakeExpect(RPAREN, "')'");
}

/** An unsigned integer literal's value. */
JAVACODE
int lakeUnsignedInt()
{
    final Token t = getToken(1);
    if (t.kind != UNSIGNED_INTEGER_LITERAL) {
        throw LakeParserSupport.error(lakeTokenPos(t),
            "Expected an integer but found " + lakeDescribe(t));
    }
    if (t.image.length() > 9) {
        throw LakeParserSupport.error(lakeTokenPos(t), "Number too large: " + t.image);
    }
    getNextToken();
    return Integer.parseInt(t.image);
}

/** Consumes a token of the given kind, or fails naming what was expected. */
JAVACODE
void lakeExpect(int kind, String what)
{
    final Token t = getToken(1);
    if (t.kind != kind) {
        throw LakeParserSupport.error(lakeTokenPos(t),
            "Expected " + what + " but found " + lakeDescribe(t));
    }
    getNextToken();
}

/** Consumes the next token if it is the (unquoted) word w, ignoring case. */
JAVACODE
boolean lakeAcceptWord(String w)
{
    final Token t = getToken(1);
    if (LakeParserSupport.isWord(t.image) && t.image.equalsIgnoreCase(w)) {
        getNextToken();
        return true;
    }
    return false;
}

/** Consumes the word w or fails. */
JAVACODE
void lakeExpectWord(String w)
{
    final Token t = getToken(1);
    if (!lakeAcceptWord(w)) {
        throw LakeParserSupport.error(lakeTokenPos(t),
            "Expected " + w + " but found " + lakeDescribe(t));
    }
}

/** The position of a token. */
JAVACODE
SqlParserPos lakeTokenPos(Token t)
{
    return new SqlParserPos(t.beginLine, t.beginColumn, t.endLine, t.endColumn);
}

/** A token for an error message. */
JAVACODE
String lakeDescribe(Token t)
{
    return t.kind == EOF ? "the end of the statement" : "'" + t.image + "'";
}
