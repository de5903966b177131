package org.soakbench.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.ResamplingSpec;
import org.soakbench.protocol.SplitSpec;
import org.soakbench.protocol.TrainTest;

/** Every fold id and train/test set of the R reference, from logged permutations and from R's RNG. */
class SoakPlannerReferenceTest {

  record Variant(String name, int setSeed, String group, String fold, List<String> strata, String subset,
      ResamplingSpec spec) {}

  static List<Variant> variants() throws IOException {
    JsonNode all = new ObjectMapper().readTree(ReferenceFiles.root().resolve("variants/variants.json").toFile());
    List<Variant> out = new ArrayList<>();
    for (JsonNode v : all) {
      JsonNode p = new ObjectMapper().readTree(v.get("params").asText());
      ResamplingSpec spec = new ResamplingSpec("soak", p.get("folds").asInt(), p.get("seeds").asInt(),
          p.get("ratio").asDouble(), p.get("sizes").asInt(), p.get("ignore_subset").asBoolean(),
          p.get("subsets").asText(), p.get("group_stratum_algo").asText(), "r", v.get("set_seed").asInt(), 0);
      String strata = v.get("stratum_cols").asText();
      out.add(new Variant(v.get("variant").asText(), v.get("set_seed").asInt(), emptyToNull(v.get("group_col").asText()),
          emptyToNull(v.get("fold_col").asText()), strata.isEmpty() ? List.of() : List.of(strata.split(" ")),
          emptyToNull(v.get("subset_col").asText()), spec));
    }
    return out;
  }

  static Stream<Arguments> variantArgs() throws IOException {
    return variants().stream().map(v -> Arguments.of(v.name(), v));
  }

  @ParameterizedTest(name = "{0} (logged permutations)")
  @MethodSource("variantArgs")
  void variantFromLoggedPermutations(String name, Variant v) throws IOException {
    TaskRoles roles = roles(ReferenceFiles.csv("variants/data_variants.csv"), v.subset(), v.strata(), v.group(), v.fold());
    ResamplingInstance instance = new SoakPlanner(v.spec()).instantiate(roles,
        ReferenceFiles.replay("variants/" + name + "_sample_calls.csv"));
    assertMatches("variants/" + name, instance);
  }

  @ParameterizedTest(name = "{0} (R RNG from set.seed alone)")
  @MethodSource("variantArgs")
  void variantFromRSeed(String name, Variant v) throws IOException {
    TaskRoles roles = roles(ReferenceFiles.csv("variants/data_variants.csv"), v.subset(), v.strata(), v.group(), v.fold());
    ResamplingInstance instance = new SoakPlanner(v.spec()).instantiate(roles, new RRandom(v.setSeed()));
    assertMatches("variants/" + name, instance);
  }

  @Test
  void seedTasksFromLoggedPermutations() throws IOException {
    PermutationSource calls = ReferenceFiles.replay("seed/sample_calls.csv");
    for (String task : List.of("easy", "impossible")) {
      ResamplingInstance instance = new SoakPlanner(ResamplingSpec.defaults())
          .instantiate(seedRoles(task), calls);
      assertMatches("seed/" + task, instance);
    }
  }

  @Test
  void seedWorkflowReplayedFromSetSeed1() throws IOException {
    // set.seed(1); runif(80); rnorm(80) twice (inversion: 2 uniforms each) -> 400 uniforms before instantiate.
    RRandom r = new RRandom(1);
    r.skip(400);
    for (String task : List.of("easy", "impossible")) {
      ResamplingInstance instance = new SoakPlanner(ResamplingSpec.defaults()).instantiate(seedRoles(task), r);
      assertMatches("seed/" + task, instance);
    }
  }

  @Test
  void rRandomReproducesEverySampleCallDrawByDraw() throws IOException {
    for (Variant v : variants()) {
      RRandom r = new RRandom(v.setSeed());
      for (Map<String, String> call : ReferenceFiles.csv("variants/" + v.name() + "_sample_calls.csv")) {
        int[] drawn = r.permutation(Integer.parseInt(call.get("n")));
        assertArrayEquals(ReferenceFiles.ints(call.get("value")), drawn, v.name() + " call " + call.get("call"));
      }
    }
  }

  static TaskRoles seedRoles(String task) throws IOException {
    return roles(ReferenceFiles.csv("seed/data_" + task + ".csv"), "person", List.of("person"), null, null);
  }

  /** Builds roles the way R does: .GRP strata and first-appearance group codes. */
  static TaskRoles roles(List<Map<String, String>> rows, String subset, List<String> strata, String group, String fold) {
    int n = rows.size();
    String[] sub = subset == null ? null : new String[n];
    int[] stratum = new int[n];
    int[] groupCodes = new int[n];
    int[] folds = fold == null ? null : new int[n];
    Map<String, Integer> strataIds = new LinkedHashMap<>();
    Map<String, Integer> groupIds = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> row = rows.get(i);
      if (sub != null) {
        sub[i] = row.get(subset);
      }
      String key = String.join("\u0000", strata.stream().map(row::get).toList());
      stratum[i] = strata.isEmpty() ? 1 : strataIds.computeIfAbsent(key, k -> strataIds.size() + 1);
      groupCodes[i] = group == null ? i : groupIds.computeIfAbsent(row.get(group), k -> groupIds.size());
      if (folds != null) {
        folds[i] = Integer.parseInt(row.get(fold));
      }
    }
    return new TaskRoles(sub, stratum, groupCodes, folds, false);
  }

  static void assertMatches(String prefix, ResamplingInstance instance) throws IOException {
    String task = prefix.substring(prefix.indexOf('/') + 1);
    String dir = prefix.substring(0, prefix.indexOf('/'));
    String base = dir.equals("seed") ? "seed/" : "variants/" + task + "_";
    List<Map<String, String>> folds = ReferenceFiles.csv(base + "folds.csv").stream()
        .filter(r -> r.get("task_id").equals(task)).toList();
    int[] expectedFold = new int[folds.size()];
    for (Map<String, String> r : folds) {
      expectedFold[Integer.parseInt(r.get("row_id")) - 1] = Integer.parseInt(r.get("fold"));
    }
    assertArrayEquals(expectedFold, instance.fold(), prefix + " fold ids");
    List<Map<String, String>> splits = ReferenceFiles.csv(base + "splits.csv").stream()
        .filter(r -> r.get("task_id").equals(task)).toList();
    assertEquals(splits.size(), instance.iterations().size(), prefix + " iterations");
    for (Map<String, String> r : splits) {
      int it = Integer.parseInt(r.get("iteration"));
      SplitSpec s = instance.iteration(it);
      String where = prefix + " iteration " + it;
      assertEquals(r.get("test.subset"), s.testSubset(), where);
      assertEquals(r.get("train.subsets"), s.trainSubsets(), where);
      assertEquals(Integer.parseInt(r.get("groups")), s.groups(), where);
      assertEquals(Integer.parseInt(r.get("test.fold")), s.testFold(), where);
      assertEquals(Integer.parseInt(r.get("seed")), s.seed(), where);
      assertEquals(Integer.parseInt(r.get("n.train.groups")), s.nTrainGroups(), where);
      TrainTest rows = instance.rows(it);
      assertArrayEquals(ReferenceFiles.ints(r.get("test")), plusOne(rows.test()), where + " test");
      assertArrayEquals(ReferenceFiles.ints(r.get("train")), plusOne(rows.train()), where + " train");
    }
  }

  static int[] plusOne(int[] rows) {
    return Arrays.stream(rows).map(i -> i + 1).toArray();
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
