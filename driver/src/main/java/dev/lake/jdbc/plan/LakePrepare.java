package dev.lake.jdbc.plan;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;

/**
 * Calcite's statement preparation with lake's optimization program ({@link LakeProgram}, which
 * orders joins before the cost-based phase) and lake's repair of MERGE conversion
 * ({@link LakeSqlToRelConverter}). Everything else — parsing, validation, code generation — is
 * Calcite's.
 */
public final class LakePrepare extends CalcitePrepareImpl {
  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context, Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new PreparingStmt(
        this,
        context,
        catalogReader,
        prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())));
  }

  /** Calcite's preparing statement, optimizing with {@link LakeProgram}. */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    /** The statement's cluster (Calcite keeps its own copy private). */
    private final RelOptCluster cluster;

    PreparingStmt(
        LakePrepare prepare,
        Context context,
        CalciteCatalogReader catalogReader,
        EnumerableRel.Prefer prefer,
        RelOptCluster cluster) {
      super(
          prepare,
          context,
          catalogReader,
          context.getTypeFactory(),
          context.getRootSchema(),
          prefer,
          cluster,
          prepare.enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE,
          prepare.createConvertletTable());
      this.cluster = cluster;
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(
        SqlValidator validator, Prepare.CatalogReader catalogReader, SqlToRelConverter.Config config) {
      return new LakeSqlToRelConverter(this, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    protected Program getProgram() {
      return LakeProgram.INSTANCE;
    }
  }
}
