package dev.tuna.data.validate;

import java.util.Arrays;

/**
 * Summary of a list of counts. Quantiles interpolate linearly between ranks, as numpy's default (and thus
 * OpenAI's cookbook) does.
 */
public record Distribution(long count, int min, int max, double mean, double p50, double p90) {
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);

    /** Summarises the first {@code n} values (the array is not changed). */
    public static Distribution of(int[] values, int n) {
        if (n == 0) {
            return EMPTY;
        }
        int[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        long sum = 0;
        for (int v : sorted) {
            sum += v;
        }
        return new Distribution(n, sorted[0], sorted[n - 1], (double) sum / n, quantile(sorted, 0.5),
                quantile(sorted, 0.9));
    }

    static double quantile(int[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
