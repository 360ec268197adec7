package dev.tuna.data.jsonl;

import dev.tuna.data.TunaException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams the lines of a UTF-8 text file with their numbers, in memory bounded by the longest line kept.
 * It never fails on content: invalid UTF-8, NUL bytes and over-long lines come back as a {@link LineProblem} on
 * the line, so callers can say which line is wrong. A leading UTF-8 byte order mark is removed and reported by
 * {@link #hadByteOrderMark()}. Only a file that cannot be opened at all is an error (a {@link TunaException} with
 * exit code 2).
 */
public final class JsonlReader implements Closeable {
    /**
     * Lines longer than this are skipped (reported as {@link LineProblem.Kind#TOO_LONG}) rather than held in memory.
     * 16 MiB is far beyond what fits any model's per-example token limit (65,536 tokens × 256 bytes).
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private byte[] line = new byte[1024];
    private int lineLength;
    private long lineNumber;
    private long offset;
    private boolean hadBom;
    private CharBuffer chars = CharBuffer.allocate(1024);

    private JsonlReader(Path file, InputStream in, int maxLineBytes) throws IOException {
        this.file = file;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        fill();
        if (bufferEnd - bufferPos >= 3 && Arrays.equals(buffer, 0, 3, BOM, 0, 3)) {
            hadBom = true;
            bufferPos = 3;
            offset = 3;
        }
    }

    /** Opens a file for reading; a missing file, a directory or an unreadable file is a {@link TunaException}. */
    public static JsonlReader open(Path file) {
        return open(file, DEFAULT_MAX_LINE_BYTES);
    }

    public static JsonlReader open(Path file, int maxLineBytes) {
        if (Files.isDirectory(file)) {
            throw new TunaException(file + " is a directory, not a file: give the path of a .jsonl file");
        }
        try {
            return new JsonlReader(file, Files.newInputStream(file), maxLineBytes);
        } catch (NoSuchFileException e) {
            throw new TunaException(file + ": no such file; check the path", e);
        } catch (AccessDeniedException e) {
            throw new TunaException(file + ": permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Whether the file started with a UTF-8 byte order mark (which was removed from line 1). */
    public boolean hadByteOrderMark() {
        return hadBom;
    }

    /** Bytes consumed so far, including line terminators and the byte order mark. */
    public long bytesRead() {
        return offset;
    }

    /**
     * The next line, or {@code null} at the end of the file. A final line terminator does not start another line:
     * "a\nb\n" has two lines, "a\nb" too, and "a\n\n" has two (the second one blank).
     */
    public JsonlLine next() {
        try {
            return readLine();
        } catch (IOException e) {
            throw new TunaException(file + ": read failed after line " + lineNumber + " (" + e.getMessage() + ")", e);
        }
    }

    private JsonlLine readLine() throws IOException {
        if (bufferPos == bufferEnd && !fill()) {
            return null;
        }
        long start = offset;
        lineLength = 0;
        long length = 0;
        boolean terminated = false;
        while (!terminated) {
            if (bufferPos == bufferEnd && !fill()) {
                break;
            }
            int end = indexOf(buffer, bufferPos, bufferEnd, (byte) '\n');
            int chunkEnd = end < 0 ? bufferEnd : end;
            int chunk = chunkEnd - bufferPos;
            if (length + chunk <= maxLineBytes) {
                append(buffer, bufferPos, chunk);
            }
            length += chunk;
            offset += chunk;
            bufferPos = chunkEnd;
            if (end >= 0) {
                bufferPos++;
                offset++;
                terminated = true;
            }
        }
        lineNumber++;
        if (length > maxLineBytes) {
            // A trailing \r was not counted out here; a line this long is reported by size alone.
            return new JsonlLine(lineNumber, start, length, null,
                    new LineProblem(LineProblem.Kind.TOO_LONG, maxLineBytes));
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
            length--;
        }
        int nul = indexOf(line, 0, lineLength, (byte) 0);
        if (nul >= 0) {
            return new JsonlLine(lineNumber, start, length, null, new LineProblem(LineProblem.Kind.BINARY, nul + 1));
        }
        return decode(start, length);
    }

    private JsonlLine decode(long start, long length) {
        if (isAscii(line, lineLength)) {
            return new JsonlLine(lineNumber, start, length,
                    new String(line, 0, lineLength, StandardCharsets.ISO_8859_1), null);
        }
        if (chars.capacity() < lineLength) {
            chars = CharBuffer.allocate(Math.max(lineLength, chars.capacity() * 2));
        }
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return new JsonlLine(lineNumber, start, length, null,
                    new LineProblem(LineProblem.Kind.INVALID_UTF8, bytes.position() + 1));
        }
        chars.flip();
        return new JsonlLine(lineNumber, start, length, chars.toString(), null);
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void append(byte[] source, int from, int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + count, line.length * 2));
        }
        System.arraycopy(source, from, line, lineLength, count);
        lineLength += count;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            bufferPos = bufferEnd = 0;
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a file we only read loses nothing.
        }
    }
}
