package dev.lake.jdbc.plan;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.Program;

/**
 * Calcite's statement preparation with lake's optimization program ({@link LakeProgram}), which
 * orders joins before the cost-based phase. Everything else — parsing, validation, code
 * generation — is Calcite's.
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
    }

    @Override
    protected Program getProgram() {
      return LakeProgram.INSTANCE;
    }
  }
}
