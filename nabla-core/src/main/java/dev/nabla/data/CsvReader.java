package dev.nabla.data;

import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads numeric CSV files into tensors: every column is a float32 feature except an optional label column, read
 * as int64 class indices. A header line is detected (a first line with a cell that is not a number) or forced on
 * or off. Gzipped files are recognised by their first bytes. A bad cell or a ragged row fails with an error
 * naming the file, the line and the column.
 *
 * <pre>{@code
 * CsvReader.CsvData d = new CsvReader().labelColumn("label").read(Path.of("train.csv"));
 * var ds = new TensorDataset(d.features(), d.labels());
 * }</pre>
 */
public final class CsvReader {
    /** Whether the first line holds column names. */
    public enum Header { AUTO, PRESENT, ABSENT }

    /** What was read: the column names (empty without a header), features {@code [rows, cols]}, labels {@code [rows]} or null. */
    public record CsvData(List<String> featureNames, String labelName, Tensor features, Tensor labels) {
        public int rows() {
            return features.size(0);
        }
    }

    private Integer labelIndex;
    private String labelName;
    private boolean labelAuto;
    private Header header = Header.AUTO;
    private char delimiter = ',';

    /** The label is the column at {@code index} (negative counts from the end: -1 is the last column). */
    public CsvReader labelColumn(int index) {
        noLabel();
        this.labelIndex = index;
        return this;
    }

    /** The label is the column named {@code name} in the header. */
    public CsvReader labelColumn(String name) {
        noLabel();
        this.labelName = name;
        return this;
    }

    /** The label is the header's column named {@code label}, {@code target}, {@code class} or {@code y}, else the last column. */
    public CsvReader labelColumnAuto() {
        noLabel();
        this.labelAuto = true;
        return this;
    }

    /** No label column: every column is a feature (the default). */
    public CsvReader noLabel() {
        this.labelIndex = null;
        this.labelName = null;
        this.labelAuto = false;
        return this;
    }

    public CsvReader header(Header header) {
        this.header = header;
        return this;
    }

    public CsvReader delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    public CsvData read(Path file) {
        try (InputStream in = Gzip.maybeGunzip(Files.newInputStream(file))) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataFormatException("CSV file not found: " + file, e);
        } catch (IOException e) {
            throw new DataFormatException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text; {@code name} is used in error messages. */
    public CsvData read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> names = List.of();
        int columns = -1, label = -1, firstLine = 0, lineNo = 0, rows = 0;
        float[] features = new float[1024];
        long[] labels = new long[256];
        int nf = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] cells = split(line);
            if (columns < 0) {
                columns = cells.length;
                firstLine = lineNo;
                boolean isHeader = header == Header.PRESENT || (header == Header.AUTO && !allNumbers(cells));
                if (isHeader) names = Arrays.asList(cells);
                label = resolveLabel(names, columns, name);
                if (isHeader) continue;
            }
            if (cells.length != columns) {
                throw new DataFormatException(name + ":" + lineNo + ": found " + cells.length + " columns, expected " + columns
                        + " (as on line " + firstLine + ")");
            }
            int width = label >= 0 ? columns - 1 : columns;
            if (nf + width > features.length) features = Arrays.copyOf(features, Math.max(features.length * 2, nf + width));
            if (rows == labels.length) labels = Arrays.copyOf(labels, labels.length * 2);
            for (int c = 0; c < columns; c++) {
                double v = parse(cells[c], name, lineNo, c, names);
                if (c == label) {
                    if (v != Math.rint(v) || Double.isInfinite(v)) {
                        throw new DataFormatException(name + ":" + lineNo + ": column " + (c + 1) + columnName(names, c)
                                + ": the label '" + cells[c].trim() + "' is not a whole number (labels are class indices)");
                    }
                    labels[rows] = (long) v;
                } else {
                    features[nf++] = (float) v;
                }
            }
            rows++;
        }
        if (rows == 0) throw new DataFormatException(name + " has no data rows" + (names.isEmpty() ? "" : " (only a header line: " + names + ")"));
        int width = label >= 0 ? columns - 1 : columns;
        List<String> featureNames = new ArrayList<>(names);
        String labelColumnName = null;
        if (label >= 0 && !names.isEmpty()) labelColumnName = featureNames.remove(label);
        Tensor x = Tensor.of(Storage.of(Arrays.copyOf(features, nf)), rows, width);
        Tensor y = label >= 0 ? Tensor.of(Storage.of(Arrays.copyOf(labels, rows)), rows) : null;
        return new CsvData(featureNames, labelColumnName, x, y);
    }

    private int resolveLabel(List<String> names, int columns, String file) {
        if (labelAuto) {
            for (String candidate : List.of("label", "target", "class", "y")) {
                for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(candidate)) return i;
            }
            return columns - 1;
        }
        if (labelName != null) {
            int i = names.indexOf(labelName);
            if (i < 0) {
                throw new DataFormatException(file + ": no column named '" + labelName + "'"
                        + (names.isEmpty() ? " (the file has no header line)" : "; the columns are " + names));
            }
            return i;
        }
        if (labelIndex == null) return -1;
        int i = labelIndex < 0 ? labelIndex + columns : labelIndex;
        if (i < 0 || i >= columns) {
            throw new DataFormatException(file + ": label column " + labelIndex + " is out of range for " + columns + " columns");
        }
        return i;
    }

    private String[] split(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (ch == delimiter && !quoted) {
                out.add(unquote(line.substring(start, i)));
                start = i + 1;
            }
        }
        out.add(unquote(line.substring(start)));
        return out.toArray(new String[0]);
    }

    private static String unquote(String cell) {
        String s = cell.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    private static boolean allNumbers(String[] cells) {
        for (String c : cells) {
            if (!isNumber(c)) return false;
        }
        return true;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(String cell, String file, int line, int column, List<String> names) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + ":" + line + ": column " + (column + 1) + columnName(names, column)
                    + ": cannot read '" + cell.trim() + "' as a number");
        }
    }

    private static String columnName(List<String> names, int column) {
        return names.isEmpty() ? "" : " ('" + names.get(column) + "')";
    }
}
