package dev.tuna.server.files;

/**
 * A client's file name is only a label: it is kept for listings but never names anything on disk. Path parts and
 * control characters are dropped so that it prints safely.
 */
final class FileNames {
    private static final int MAX = 255;

    private FileNames() {
    }

    static String clean(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return "file"; // what OpenAI lists for a part sent without a file name
        }
        String name = submitted;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
        name = b.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }
}
