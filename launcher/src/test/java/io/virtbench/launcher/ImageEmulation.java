package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.suite.platform.OciBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's Containerfile, as far as it can be checked without an image builder (podman
 * fails on this machine, there is no docker or buildah): its COPY source is what
 * {@code virtbench bundle} makes (BundleJarIT hands its bundle here, so that jlink runs once), and
 * the image's root is emulated with runc: this machine's Debian root read-only in place of
 * debian:12-slim with mariadb-server, the bundle where the COPY puts it, no other Java visible
 * (/usr/lib/jvm hidden), a network namespace of its own. In it the ENTRYPOINT with the CMD, and
 * with a workload, run on the bundle's own runtime.
 */
final class ImageEmulation {
    private static final Path CONTAINERFILE = Path.of(System.getProperty("virtbench.containerfile", "../Containerfile"));

    private final Path tmp;

    private ImageEmulation(Path tmp) {
        this.tmp = tmp;
    }

    /** The instructions, continuation lines joined, comments left out: each as {instruction, arguments}. */
    static List<String[]> instructions(String text) {
        List<String[]> out = new ArrayList<>();
        String joined = text.replaceAll("\\\\\\n", " ");
        for (String line : joined.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] parts = l.split("\\s+", 2);
                out.add(new String[] {parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            }
        }
        return out;
    }

    private static List<String> execForm(String json) throws Exception {
        List<String> l = new ArrayList<>();
        ResultFiles.mapper().readTree(json).forEach(n -> l.add(n.asText()));
        return l;
    }

    /** Checks the Containerfile against {@code bundle} (what bundle --out wrote) and runs the emulated image; tmp: scratch. */
    static void check(Path bundle, Path tmp) throws Exception {
        new ImageEmulation(tmp).check(bundle);
    }

    private void check(Path bundle) throws Exception {
        Map<String, String> first = new LinkedHashMap<>();
        for (String[] i : instructions(Files.readString(CONTAINERFILE))) {
            assertTrue(first.putIfAbsent(i[0], i[1]) == null || i[0].equals("RUN"), "one " + i[0] + " only");
        }
        assertEquals("docker.io/library/debian:12-slim", first.get("FROM"));
        // the COPY source is what the Containerfile's comment and the README make: bundle --out target/virtbench-bundle
        assertEquals(List.of("target/virtbench-bundle/", "/opt/virtbench/"), List.of(first.get("COPY").split("\\s+")));
        assertTrue(Files.readString(CONTAINERFILE).contains("virtbench.jar bundle --out target/virtbench-bundle\n"));
        List<String> entrypoint = execForm(first.get("ENTRYPOINT"));
        assertEquals(List.of("/opt/virtbench/bin/virtbench"), entrypoint);
        List<String> cmd = execForm(first.get("CMD"));
        assertTrue(Files.isExecutable(bundle.resolve("bin/virtbench")));

        assumeRunc();
        // docker run IMAGE: ENTRYPOINT and CMD (sysinfo), in the container (its hostname), on the bundle's runtime linked from this JDK
        String plain = container(bundle, concat(entrypoint, cmd));
        assertTrue(plain.contains("hostname:     vb-image"), plain);
        assertTrue(plain.lines().anyMatch(l -> l.strip().startsWith("jvm:") && l.contains(System.getProperty("java.vm.version"))), plain);
        String cpu = container(bundle, concat(entrypoint, List.of("cpu", "--time", "1", "--cpu-max-prime", "2000")));
        assertTrue(cpu.contains("events per second:"), cpu);
        // what the Pods run: bash and coreutils' sha256sum (PodScripts), present in debian:12-slim
        String shell = container(bundle, List.of("/bin/bash", "-c", "command -v find sha256sum && echo bash-ok"));
        assertTrue(shell.contains("bash-ok"), shell);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** Runs {@code args} in the emulated image: its output (exit status 0 asserted). */
    private String container(Path bundle, List<String> args) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "oci");
        Path out = Files.createDirectories(tmp.resolve("out"));
        OciBundle.write(dir, "vb-image", args, List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/tmp"), Path.of(System.getProperty("java.home")), JarIT.JAR.toAbsolutePath(), out, null);
        ObjectNode config = (ObjectNode) ResultFiles.mapper().readTree(dir.resolve("config.json").toFile());
        ArrayNode mounts = config.withArray("mounts");
        // the image holds no Java but the bundle's: not the /vb mounts virtbench's own OCI guests get, nor the host's JDKs
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).path("destination").asText().startsWith("/vb")) {
                mounts.remove(i);
            }
        }
        mounts.addObject().put("destination", "/usr/lib/jvm").put("type", "tmpfs").put("source", "tmpfs");
        mounts.addObject().put("destination", "/opt").put("type", "tmpfs").put("source", "tmpfs");
        mounts.addObject().put("destination", "/opt/virtbench").put("type", "bind").put("source", bundle.toString())
                .putArray("options").add("rbind").add("ro");
        ((ArrayNode) config.path("linux").path("namespaces")).addObject().put("type", "network");
        Files.writeString(dir.resolve("config.json"), ResultFiles.toJson(config));
        String id = "vb-image-" + Long.toString(System.nanoTime(), 36);
        List<String> run = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind / \"$1\" && shift && exec \"$@\"", "sh", dir.resolve("rootfs").toString(),
                "runc", "run", "--bundle", dir.toString(), id);
        Process p = new ProcessBuilder(run).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        try {
            String text = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
            assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + text);
            return text;
        } finally {
            p.destroyForcibly();
            NativeTool.run(List.of("runc", "delete", "--force", id), null, java.time.Duration.ofSeconds(30));
        }
    }

    private static void assumeRunc() {
        boolean root = "0".equals(NativeTool.run(List.of("id", "-u"), null, java.time.Duration.ofSeconds(10)).stdout().strip());
        NativeTools.assumeAvailable(root && NativeTool.find("runc").isPresent() && NativeTool.find("unshare").isPresent(),
                "the image's emulation needs root, runc and unshare (Debian packages runc, util-linux)");
    }
}
