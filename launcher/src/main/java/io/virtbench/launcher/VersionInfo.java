package io.virtbench.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code virtbench --version}: the version and the git commit the jar was built from. */
final class VersionInfo implements CommandLine.IVersionProvider {

    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/virtbench-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leave it empty: reported as unknown
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        Properties p = properties();
        return new String[] {
                "virtbench " + p.getProperty("version", "unknown") + " (git commit " + p.getProperty("commit", "unknown") + ")",
                "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + ", "
                        + System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")"
        };
    }
}
