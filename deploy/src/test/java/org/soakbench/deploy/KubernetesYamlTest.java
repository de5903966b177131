package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests parse and hang together (no cluster here: structure only). */
class KubernetesYamlTest {
  @Test
  void manifestsAreConsistent() throws Exception {
    Path file = SeedExampleTest.root().resolve("deploy/kubernetes/soakbench.yaml");
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      new ObjectMapper(new YAMLFactory()).readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    assertEquals(List.of("ConfigMap", "Deployment", "Service", "Deployment"),
        docs.stream().map(d -> d.get("kind").asText()).toList());
    for (JsonNode d : docs) {
      assertTrue(d.hasNonNull("apiVersion") && d.path("metadata").hasNonNull("name"), d.toString());
      if (d.get("kind").asText().equals("Deployment")) {
        assertEquals(d.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels"), "selector matches pods");
        ArrayNode containers = (ArrayNode) d.at("/spec/template/spec/containers");
        assertTrue(containers.get(0).hasNonNull("image"));
      }
    }
    JsonNode coordinator = docs.get(1);
    JsonNode service = docs.get(2);
    assertEquals(coordinator.at("/spec/template/metadata/labels"), service.at("/spec/selector"), "service selects the coordinator");
    String coordinatorCommand = coordinator.at("/spec/template/spec/containers/0/command").toString();
    String workerCommand = docs.get(3).at("/spec/template/spec/containers/0/command").toString();
    String serviceName = service.at("/metadata/name").asText();
    assertTrue(coordinatorCommand.contains("\"--host\",\"" + serviceName + "\""), coordinatorCommand);
    assertTrue(workerCommand.contains("--join " + serviceName + ":25520"), workerCommand);
    // pod addresses are not loopback: both sides use the cluster's keys from the same Secret
    assertTrue(coordinatorCommand.contains("\"--tls\",\"/tls\"") && workerCommand.contains("--tls /tls"),
        coordinatorCommand + " " + workerCommand);
    for (JsonNode d : List.of(coordinator, docs.get(3))) {
      assertEquals("soakbench-tls", d.at("/spec/template/spec/volumes").findValue("secretName").asText());
    }
    assertTrue(docs.get(0).at("/data/experiment.conf").asText().contains("experiment {"));
  }
}
