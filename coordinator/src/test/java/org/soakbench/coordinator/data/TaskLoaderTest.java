package org.soakbench.coordinator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.TaskKind;
import org.soakbench.protocol.TaskSpec;

/** Column roles, types and the checks on bad data, each with a located one-line message. */
class TaskLoaderTest {
  @TempDir Path dir;

  private TaskSpec spec(String csv, String target, List<String> features, String subset, String group, String fold,
      TaskKind kind) {
    Path f = TempFiles.write(dir, "data.csv", csv);
    return new TaskSpec("t", f.toString(), target, features, subset, subset == null ? List.of() : List.of(subset), group,
        fold, null, kind);
  }

  private String error(String csv, String target, String subset, String group, String fold, TaskKind kind) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TaskLoader.load(spec(csv, target, null, subset, group, fold, kind), 3));
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("data.csv"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void loadsRolesAndTypes() {
    LoadedTask t = TaskLoader.load(spec(TempFiles.smallData(), "y", null, "part", "grp", "fold", null), 3);
    assertEquals(TaskKind.REGRESSION, t.data().kind());
    assertEquals(List.of("x", "c"), t.data().features().stream().map(f -> f.name()).toList());
    assertNull(t.data().features().get(0).levels());
    assertEquals(List.of("u", "v"), t.data().features().get(1).levels());
    assertEquals(12, t.data().rows());
    assertEquals("A", t.roles().subset()[0]);
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2}, t.roles().stratum());
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, t.roles().group());
    assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}, t.roles().fold());
    LoadedTask again = TaskLoader.load(spec(TempFiles.smallData(), "y", null, "part", "grp", "fold", null), 3);
    assertEquals(t.hash(), again.hash());
  }

  @Test
  void classificationTarget() {
    String csv = "x,label\n1,no\n2,yes\n3,no\n4,yes\n";
    LoadedTask t = TaskLoader.load(spec(csv, "label", null, null, null, null, null), 2);
    assertEquals(TaskKind.CLASSIFICATION, t.data().kind());
    assertEquals(List.of("no", "yes"), t.data().classLevels());
    assertArrayEquals(new double[] {0, 1, 0, 1}, t.data().target());
  }

  @Test
  void labelsEqualAsNumbersStayTwoClasses() {
    // "1" and "1.0" are two labels of a classification target, not one (nor an internal error)
    String csv = "x,label\n1,1\n2,1.0\n3,1\n4,1.0\n5,2\n6,2\n";
    LoadedTask t = TaskLoader.load(spec(csv, "label", null, null, null, null, TaskKind.CLASSIFICATION), 2);
    assertEquals(List.of("1", "1.0", "2"), t.data().classLevels());
    assertArrayEquals(new double[] {0, 1, 0, 1, 2, 2}, t.data().target());
  }

  private static void assertContains(String message, String expected) {
    assertTrue(message.contains(expected), message);
  }

  @Test
  void badData() {
    String ok = TempFiles.smallData();
    assertContains(error(ok, "y", "part", "nope", null, null), "column 'nope' not found");
    assertContains(error(ok, "y", "part", "part", null, null), "column 'part' has two roles: subset and group");
    assertContains(error(ok, "c", null, null, null, TaskKind.REGRESSION), "data.csv:2: target column 'c': expected a finite number, got 'u'");
    assertContains(error("x,y\n", "y", null, null, null, null), "no data rows");
    assertContains(error("", "y", null, null, null, null), "empty file");
    assertContains(error("x,y\n1,2\n3,4\n", "y", null, null, null, null), "2 data rows, fewer than folds = 3");
    assertContains(error("x,y\n1,2\n3,NaN\n4,5\n6,7\n", "y", null, null, null, null), "data.csv:3: target column 'y': expected a finite number, got 'NaN'");
    assertContains(error("x,y\n1,2\n3,\n4,5\n6,7\n", "y", null, null, null, null), "data.csv:3: target column 'y': expected a finite number, got an empty value");
    assertContains(error("x,y\n1,2\n3,4,5\n4,5\n", "y", null, null, null, null), "data.csv:3: expected 2 fields as in the header, found 3");
    assertContains(error("x,x,y\n1,2,3\n", "y", null, null, null, null), "data.csv:1: the header names column 'x' twice");
    assertContains(error("x,,y\n1,2,3\n", "y", null, null, null, null), "data.csv:1: column 2 of the header has no name");
    assertContains(error("x,y\n1,2\n3,\"4\n5,6\n7,8\n", "y", null, null, null, null),
        "data.csv:3: not a valid CSV file: a quoted field is not closed before the end of the file");
    assertContains(error("x,y\n1,2\n3,\"4\n5\"\n7,8\n", "y", null, null, null, TaskKind.REGRESSION),
        "data.csv:3: target column 'y': expected a finite number, got '4\\n5'");
    String smallSubset = "x,s,y\n1,A,1\n2,A,2\n3,A,3\n4,B,4\n5,B,5\n";
    assertContains(error(smallSubset, "y", "s", null, null, null), "subset 'B' (column 's') has 2 rows, fewer than folds = 3");
    String foldInGroup = "x,g,f,y\n1,a,1,1\n2,a,2,2\n3,b,3,3\n4,c,1,4\n";
    assertContains(error(foldInGroup, "y", null, "g", "f", null), "data.csv:3: fold column 'f' must be constant within each group");
    String reserved = "x,test,y\n1,A,1\n2,A,2\n3,A,3\n";
    assertContains(error(reserved, "y", "test", null, null, null), "subset column must not be named 'test'");
    String gap = "x,f,y\n1,1,1\n2,3,2\n3,1,3\n";
    assertContains(error(gap, "y", null, null, "f", null), "expected folds 1..2 without gaps, found [1, 3]");
    String huge = "x,f,y\n1,1,1\n2,2,2\n3,1e12,3\n";
    assertContains(error(huge, "y", null, null, "f", null), "data.csv:4: fold column 'f': fold 1e12 of 3 rows leaves a gap");
  }

  @Test
  void numbersParsedFromTheBufferAsFromText() {
    // padded numbers, NA in a column no role uses, and an unused text column: the values as Double.parseDouble reads them
    String csv = "x,note,z,y\n 1.5 ,a b,NA,1e-3\n-2,\"q,uoted\",x,2.50\n3,,7,-0\n4,c,8,1E2\n";
    LoadedTask t = TaskLoader.load(spec(csv, "y", List.of("x"), null, null, null, null), 2);
    assertArrayEquals(new double[] {1.5, -2, 3, 4}, t.data().features().get(0).values());
    assertArrayEquals(new double[] {1e-3, 2.5, -0.0, 100}, t.data().target());
  }

  @Test
  void columnOfNumbersThatTurnsToTextIsReadAgainAsText() {
    // the first rows of c are numbers: the reader learns it is text only at row 4, and then reads the file again
    String csv = "x,c,y\n1,2,1\n2,10,2\n3,2,3\n4,u,4\n5,10,5\n6, 2,6\n";
    LoadedTask t = TaskLoader.load(spec(csv, "y", null, null, null, null, null), 2);
    assertEquals(List.of(" 2", "10", "2", "u"), t.data().features().get(1).levels());
    assertArrayEquals(new double[] {2, 1, 2, 3, 1, 0}, t.data().features().get(1).values());
    String labels = "x,label\n1,1\n2,2\n3,1\n4,two\n";
    LoadedTask c = TaskLoader.load(spec(labels, "label", null, null, null, null, null), 2);
    assertEquals(TaskKind.CLASSIFICATION, c.data().kind());
    assertEquals(List.of("1", "2", "two"), c.data().classLevels());
  }

  @Test
  void unusedColumnsStillCountTheirFields() {
    String csv = "x,unused,y\n1,a,1\n2,b\n3,c,3\n";
    BadInputException e = assertThrows(BadInputException.class,
        () -> TaskLoader.load(spec(csv, "y", List.of("x"), null, null, null, null), 2));
    assertContains(e.getMessage(), "data.csv:3: expected 3 fields as in the header, found 2");
    String missingFeature = "x,y\n1,1\n NA ,2\n3,3\n";
    e = assertThrows(BadInputException.class, () -> TaskLoader.load(spec(missingFeature, "y", null, null, null, null, null), 2));
    assertContains(e.getMessage(), "data.csv:3: feature column 'x': expected a finite number, got ' NA '");
  }
}
