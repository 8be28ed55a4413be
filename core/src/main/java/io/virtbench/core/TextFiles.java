package io.virtbench.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reading a text file a user named (a native log, a result file, a scheme) safely: only a
 * regular file (a device such as /dev/zero or a pipe never ends), at most a bounded size even if
 * it grows while read, and UTF-8 checked, so that each way it can go wrong is a message naming
 * the file and the reason.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** Why a file named by the user cannot be read as text. */
    public static final class NotReadable extends IOException {
        private static final long serialVersionUID = 1L;

        NotReadable(String message) {
            super(message);
        }
    }

    /**
     * Why {@code file} cannot be read (no such file, not a regular file, larger than
     * {@code maxBytes}), or null when it can be tried. Symbolic links are followed.
     */
    public static String problem(Path file, long maxBytes) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "no such file or directory";
        } catch (IOException e) {
            return "cannot read: " + e.getMessage();
        }
        if (a.isDirectory()) {
            return "is a directory";
        }
        if (!a.isRegularFile()) {
            return "not a regular file (a device, pipe or socket has no end to read to)";
        }
        if (a.size() > maxBytes) {
            return "larger than " + size(maxBytes) + " (" + size(a.size()) + ")";
        }
        return null;
    }

    /** Reads {@code file} as UTF-8 text of at most {@code maxBytes}; the message names the reason, not the file. */
    public static String read(Path file, long maxBytes) throws IOException {
        String p = problem(file, maxBytes);
        if (p != null) {
            throw new NotReadable(p);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // a file that grows while read is cut off at the bound, never read without end
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new NotReadable("larger than " + size(maxBytes) + " (it grew while read)");
        }
        return utf8(bytes);
    }

    /** Decodes UTF-8, naming the offset of the first byte that is not. */
    public static String utf8(byte[] bytes) throws NotReadable {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            return throwNotUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw new NotReadable("not UTF-8 text");
        }
    }

    private static String throwNotUtf8(byte[] bytes) throws NotReadable {
        // the decoder's exception gives only the length of the bad sequence; find where it is
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        int at = r.isError() ? in.position() : 0;
        throw new NotReadable(String.format(Locale.ROOT,
                "not UTF-8 text (byte 0x%02x at offset %d)", bytes[at] & 0xff, at));
    }

    private static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
