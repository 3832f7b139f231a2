package org.apache.calcite.jdbc;

/**
 * A door into {@link CalciteMetaImpl} for lake's Meta. Calcite's connection class is
 * package-private and its connection casts its Meta to {@code CalciteMetaImpl}, so a Meta with
 * lake's metadata, transactions and error codes must subclass it from inside this package. Holds
 * no logic.
 */
public abstract class LakeMetaBase extends CalciteMetaImpl {
  protected LakeMetaBase(
      CalciteConnection connection, CalciteMetaTableFactory tables, CalciteMetaColumnFactory columns) {
    super((CalciteConnectionImpl) connection, tables, columns);
  }

  /** The connection this Meta serves. */
  protected CalciteConnection lakeConnection() {
    return getConnection();
  }
}
