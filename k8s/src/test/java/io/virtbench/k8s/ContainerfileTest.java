package io.virtbench.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virtbench.core.result.ResultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Pods run virtbench where the repository's Containerfile puts it (its ENTRYPOINT). */
class ContainerfileTest {
    @Test
    void thePodsRunTheImagesEntrypoint() throws Exception {
        String entry = Files.readString(Path.of("../Containerfile")).lines().filter(l -> l.startsWith("ENTRYPOINT "))
                .findFirst().orElseThrow().substring("ENTRYPOINT ".length());
        List<String> l = new ArrayList<>();
        ResultFiles.mapper().readTree(entry).forEach(n -> l.add(n.asText()));
        assertEquals(PodScripts.VIRTBENCH, l);
    }
}
