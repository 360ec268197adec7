package dev.tuna.data.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats a double the way Python's {@code repr(float)} (and so {@code json.dumps}) does. */
public final class PythonFloat {
    private PythonFloat() {
    }

    /**
     * The shortest decimal that reads back as {@code d} (which Java's {@code Double.toString} also finds, since JDK
     * 19), laid out as Python does: plain notation for decimal exponents -4 to 15 with at least one fractional
     * digit ({@code 100.0}), scientific otherwise ({@code 1e-05}, {@code 1.5e+16}).
     */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(d));
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /**
     * Java prints at least two significant digits, so where one digit suffices (only deep subnormals such as
     * {@code 5e-324}, printed {@code 4.9E-324}) it picks the closest two-digit decimal; Python prints the one digit.
     */
    private static BigDecimal shortestDecimal(double positive) {
        BigDecimal java = new BigDecimal(Double.toString(positive)).stripTrailingZeros();
        if (java.precision() == 2) {
            BigDecimal exact = new BigDecimal(positive);
            BigDecimal best = null;
            for (var mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal one = java.round(new MathContext(1, mode));
                if (one.doubleValue() == positive
                        && (best == null || one.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = one;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        return java;
    }
}
