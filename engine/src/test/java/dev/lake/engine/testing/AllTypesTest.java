package dev.lake.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Values;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fixture keeps what its Javadoc promises, so the tests built on it cover what they claim. */
class AllTypesTest {
  private static final LakeType ROW = LakeType.struct(AllTypes.SCHEMA.fields());

  @Test
  void everyRowIsAlreadyInTheEnginesConventionAndDeterministic() {
    for (int generation = 0; generation < 4; generation++) {
      for (long id = 0; id < 60; id++) {
        Object[] row = AllTypes.row(id, generation);
        assertThat(row).hasSize(AllTypes.SCHEMA.size());
        assertThat(Values.equal(Arrays.asList(row), Arrays.asList(AllTypes.row(id, generation))))
            .as("row %d generation %d asked for twice", id, generation)
            .isTrue();
        // coercion to the schema changes nothing: values read back compare equal to the fixture's
        assertThat(Values.equal(Values.coerce(ROW, row), Arrays.asList(row)))
            .as("row %d generation %d", id, generation)
            .isTrue();
      }
    }
  }

  @Test
  void edgeRowsHoldTheExtremes() {
    List<Object[]> edges = AllTypes.edgeRows();
    assertThat(edges).extracting(r -> r[0]).containsExactly(1L, 2L, 3L, 4L);
    Object[] min = edges.get(0);
    Object[] max = edges.get(1);
    assertThat(min[AllTypes.column("i8")]).isEqualTo(Byte.MIN_VALUE);
    assertThat(min[AllTypes.column("i64")]).isEqualTo(Long.MIN_VALUE);
    assertThat(min[AllTypes.column("u64")]).isEqualTo(BigInteger.ZERO);
    assertThat(min[AllTypes.column("s")]).isEqualTo("");
    assertThat(max[AllTypes.column("i32")]).isEqualTo(Integer.MAX_VALUE);
    assertThat(max[AllTypes.column("u32")]).isEqualTo(4294967295L);
    assertThat(max[AllTypes.column("u64")]).isEqualTo(AllTypes.UINT64_MAX);
    assertThat(Arrays.asList(min)).doesNotContainNull();
    assertThat(Arrays.asList(max)).doesNotContainNull();
    assertThat(edges.get(2)[AllTypes.column("f32")]).isEqualTo(Float.NaN);
    assertThat(edges.get(2)[AllTypes.column("nested")]).isNull();
    assertThat(Arrays.asList(edges.get(3)).subList(1, AllTypes.SCHEMA.size())).containsOnlyNulls();
  }

  @Test
  void laterGenerationsChangeEveryRowButTheNullOnes() {
    for (long id = 0; id < 20; id++) {
      boolean changed = !Values.equal(Arrays.asList(AllTypes.row(id, 0)), Arrays.asList(AllTypes.row(id, 1)));
      assertThat(changed).as("row %d changes in generation 1", id).isEqualTo(id < 5 || id % 5 != 4);
    }
    // the edge patterns rotate: the all-NULL row gets values, the minimums become the maximums
    assertThat(AllTypes.row(4, 1)[AllTypes.column("i8")]).isEqualTo(Byte.MIN_VALUE);
    assertThat(AllTypes.row(1, 1)[AllTypes.column("i8")]).isEqualTo(Byte.MAX_VALUE);
  }

  @Test
  void everyTenIdsHoldANullRowNaNAnEmptyStringAndARowWithoutNulls() {
    int f32 = AllTypes.column("f32");
    int s = AllTypes.column("s");
    for (long from = 0; from < 300; from++) {
      List<Object[]> rows = AllTypes.rows(from, from + 10);
      assertThat(rows).as("ids %d..", from).anyMatch(r -> Arrays.stream(r).skip(1).allMatch(v -> v == null));
      assertThat(rows).as("ids %d..", from).anyMatch(r -> r[f32] instanceof Float f && f.isNaN());
      assertThat(rows).as("ids %d..", from).anyMatch(r -> "".equals(r[s]));
      assertThat(rows).as("ids %d..", from)
          .anyMatch(r -> IntStream.range(0, r.length).allMatch(c -> r[c] != null));
    }
  }
}
