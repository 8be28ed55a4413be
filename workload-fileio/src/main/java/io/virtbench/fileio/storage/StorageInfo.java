package io.virtbench.fileio.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the test files live: the mount that holds {@code --dir} (the longest mount point that
 * contains it in /proc/self/mountinfo; the last one when mounts are stacked), its file system
 * type and source, its device number, and the block device's name from
 * /sys/dev/block/MAJOR:MINOR when there is one.
 *
 * @param fsType       file system type (ext4, xfs, tmpfs, overlay, 9p, ...), or null when unknown
 * @param mountPoint   the mount point
 * @param source       the mount source (/dev/vda1, tmpfs, overlay, ...)
 * @param deviceNumber "major:minor" of the file system
 * @param blockDevice  the block device's kernel name (vda, nvme0n1p2, dm-0), or null when the file
 *                     system is not on a block device or its name is unknown
 */
public record StorageInfo(String fsType, String mountPoint, String source, String deviceNumber, String blockDevice) {

    static final StorageInfo UNKNOWN = new StorageInfo(null, null, null, null, null);

    /** The storage of {@code dir} on this machine. */
    public static StorageInfo of(Path dir) {
        try {
            return of(Files.readString(Path.of("/proc/self/mountinfo")), dir.toRealPath(), Path.of("/sys"));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** From a mountinfo text, the real (absolute, symlink-free) path of the directory, and the /sys root. */
    static StorageInfo of(String mountinfo, Path realDir, Path sys) {
        String[] best = null;
        int bestLen = -1;
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 10 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            String mountPoint = unescape(f[4]);
            Path mp = Path.of(mountPoint);
            if (realDir.startsWith(mp) && mountPoint.length() >= bestLen) {
                bestLen = mountPoint.length();
                best = new String[] {unescape(f[dash + 1]), mountPoint, unescape(f[dash + 2]), f[2]};
            }
        }
        if (best == null) {
            return UNKNOWN;
        }
        return new StorageInfo(best[0], best[1], best[2], best[3], blockDevice(best[3], best[2], sys));
    }

    private static String blockDevice(String devno, String source, Path sys) {
        try {
            String uevent = Files.readString(sys.resolve("dev/block").resolve(devno).resolve("uevent"));
            for (String line : uevent.split("\n")) {
                if (line.startsWith("DEVNAME=")) {
                    return line.substring("DEVNAME=".length()).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a block device (tmpfs, overlay, network file systems), or no /sys
        }
        if (source != null && source.startsWith("/dev/") && !devno.startsWith("0:")) {
            return Path.of(source).getFileName().toString();
        }
        return null;
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** As result details: filesystem_type, mount_point, mount_source, device_number, block_device. */
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filesystem_type", fsType);
        m.put("mount_point", mountPoint);
        m.put("mount_source", source);
        m.put("device_number", deviceNumber);
        m.put("block_device", blockDevice);
        return m;
    }
}
