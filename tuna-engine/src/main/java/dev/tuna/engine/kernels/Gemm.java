package dev.tuna.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled matrix product C[M×N] (+)= A[M×K] · B[K×N] (+ bias[N]), the engine of {@link Matmul}.
 *
 * <p>A is read in place through strides (element (i, k) at {@code a[i·aRs + k·aCs]}), B through a {@link Panel} that
 * packs {@link #KC}×{@link #NR} blocks, C is row-major with leading dimension ldc. A 6×NR micro-tile of C lives in
 * 12 vector registers; each step broadcasts 6 A values against two B vectors (12 FMAs per 2 loads + 6 broadcasts).
 *
 * <p>Every C element is one fused multiply-add chain over k = 0, 1, …, K−1, started from 0 (or from C's value when
 * accumulating) — K blocking stores and reloads the partial sum exactly — so the result does not depend on the tile
 * that computed it, on the blocking, or on the thread count.
 */
final class Gemm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Micro-tile width: two vectors of C columns. */
    static final int NR = 2 * L;
    /** Micro-tile height. */
    static final int MR = 6;
    /** K block: a packed KC×NR panel (16 KB at 8 lanes) stays in L1 while all row tiles of a task use it. */
    static final int KC = 256;
    /** Rows per task, so the A block a task reads (MC×KC, 264 KB) stays in L2; a 256-token sequence is one block. */
    private static final int MC = 264;
    /** Below this many flops the product runs on the calling thread: waking workers costs more. */
    private static final long SERIAL_FLOPS = 1L << 21;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[KC * NR], new float[MR * NR]});

    private Gemm() {
    }

    /**
     * C = A·B (+ bias) when {@code accumulate} is false, C += A·B when true.
     *
     * @param bias added per column after the product (forward's bias), or null
     */
    static void multiply(int m, int n, int k, float[] a, int aRs, int aCs, Panel b,
                         float[] c, int ldc, boolean accumulate, float[] bias) {
        if (m == 0 || n == 0) {
            return;
        }
        int strips = Math.ceilDiv(n, NR);
        int rowBlocks = Math.ceilDiv(m, MC);
        // Enough tasks for both threads even when N is one strip (LoRA's rank-r products).
        int wanted = 8;
        if ((long) strips * rowBlocks < wanted) {
            rowBlocks = Math.max(rowBlocks, Math.min(Math.ceilDiv(m, MR), Math.ceilDiv(wanted, strips)));
        }
        int mc = roundUp(Math.ceilDiv(m, rowBlocks), MR);
        int blocks = Math.ceilDiv(m, mc);
        int tasks = strips * blocks;
        long flops = 2L * m * n * k;
        Parallel.forRange(tasks, flops < SERIAL_FLOPS ? tasks : 1, (t0, t1) -> {
            float[][] scratch = SCRATCH.get();
            for (int t = t0; t < t1; t++) {
                int j0 = (t / blocks) * NR;
                int i0 = (t % blocks) * mc;
                task(i0, Math.min(m, i0 + mc), j0, Math.min(NR, n - j0), k, a, aRs, aCs, b, c, ldc,
                        accumulate, bias, scratch[0], scratch[1]);
            }
        });
    }

    private static void task(int i0, int i1, int j0, int width, int k, float[] a, int aRs, int aCs, Panel b,
                             float[] c, int ldc, boolean accumulate, float[] bias, float[] panel, float[] tile) {
        if (k == 0 && !accumulate) {
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(c, i * ldc + j0, i * ldc + j0 + width, 0f);
            }
        }
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kLen = Math.min(KC, k - k0);
            b.pack(k0, kLen, j0, panel);
            boolean load = accumulate || k0 > 0;
            int aK = k0 * aCs;
            for (int i = i0; i < i1; ) {
                int rows = Math.min(i1 - i, MR);
                rows = rows == 5 ? 4 : rows == 3 ? 2 : rows;
                int aOff = i * aRs + aK;
                if (width == NR) {
                    tile(rows, a, aOff, aRs, aCs, panel, kLen, c, i * ldc + j0, ldc, load);
                } else {
                    // Edge strip: run the full-width tile on a copy, then write back the columns that exist.
                    for (int r = 0; r < rows; r++) {
                        if (load) {
                            System.arraycopy(c, (i + r) * ldc + j0, tile, r * NR, width);
                        }
                    }
                    tile(rows, a, aOff, aRs, aCs, panel, kLen, tile, 0, NR, load);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(tile, r * NR, c, (i + r) * ldc + j0, width);
                    }
                }
                i += rows;
            }
        }
        if (bias != null) {
            for (int i = i0; i < i1; i++) {
                for (int j = 0; j < width; j++) {
                    c[i * ldc + j0 + j] += bias[j0 + j];
                }
            }
        }
    }

    /** Floats of weight rows a {@link #multiplyTransposed} task keeps at once (96 KB, in L2 with the x panels). */
    private static final int ROW_BLOCK_FLOATS = 24 * 1024;
    private static final ThreadLocal<float[][]> ROWS = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[MR * NR]});
    private static final ThreadLocal<float[][]> XT = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    /**
     * c[t·m + o] = Σₖ A[o][k]·x[t·k + k] (+ bias[o]): a linear layer's forward, out = x·Wᵀ, computed as (W·xᵀ)ᵀ so
     * that W — the large operand, possibly bf16 — is only read row by row (copied or widened, never transposed)
     * and x, the small one, is the packed panel. Same per-element FMA order as {@link #multiply}. K is not blocked:
     * each C tile is reduced over all of K in registers and written once (its stores are strided, so they must be
     * few).
     */
    static void multiplyTransposed(int m, int n, int k, RowBlock a, float[] x, float[] c, float[] bias) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int t = 0; t < n; t++) {
                for (int o = 0; o < m; o++) {
                    c[t * m + o] = bias == null ? 0f : bias[o];
                }
            }
            return;
        }
        int strips = Math.ceilDiv(n, NR);
        float[][] holder = XT.get();
        if (holder[0].length < strips * k * NR) {
            holder[0] = new float[strips * k * NR];
        }
        float[] xt = holder[0];
        // xᵀ, strip by strip: xt[s·k·NR + kk·NR + j] = x[(s·NR + j)·k + kk], zero past the last row of x.
        Parallel.forRange(strips, (long) n * k < (1 << 16) ? strips : 1, (s0, s1) -> {
            for (int s = s0; s < s1; s++) {
                int base = s * k * NR;
                int width = Math.min(NR, n - s * NR);
                for (int j = 0; j < width; j++) {
                    int src = (s * NR + j) * k;
                    for (int kk = 0, d = base + j; kk < k; kk++, d += NR) {
                        xt[d] = x[src + kk];
                    }
                }
                for (int j = width; j < NR; j++) {
                    for (int kk = 0, d = base + j; kk < k; kk++, d += NR) {
                        xt[d] = 0f;
                    }
                }
            }
        });
        int mt = Math.max(MR, ROW_BLOCK_FLOATS / k / MR * MR);
        int blocks = Math.ceilDiv(m, mt);
        // Few weight rows (a LoRA A, k/v projections): split the tokens across tasks too.
        int stripGroups = blocks >= 8 ? 1 : Math.min(strips, Math.ceilDiv(8, blocks));
        int perGroup = Math.ceilDiv(strips, stripGroups);
        int tasks = blocks * stripGroups;
        long flops = 2L * m * n * k;
        Parallel.forRange(tasks, flops < SERIAL_FLOPS ? tasks : 1, (t0, t1) -> {
            float[][] scratch = ROWS.get();
            if (scratch[0].length < mt * k) {
                scratch[0] = new float[mt * k];
            }
            for (int task = t0; task < t1; task++) {
                int o0 = (task / stripGroups) * mt;
                int s0 = (task % stripGroups) * perGroup;
                transposedTask(o0, Math.min(mt, m - o0), s0, Math.min(strips, s0 + perGroup), m, n, k, a, xt, c,
                        bias, scratch[0], scratch[1]);
            }
        });
    }

    private static void transposedTask(int o0, int rows, int s0, int s1, int m, int n, int k, RowBlock a,
                                       float[] xt, float[] c, float[] bias, float[] w, float[] tile) {
        a.load(o0, rows, 0, k, w);
        for (int s = s0; s < s1; s++) {
            int tBase = s * NR;
            int width = Math.min(NR, n - tBase);
            for (int i = 0; i < rows; ) {
                int r = Math.min(rows - i, MR);
                r = r == 5 ? 4 : r == 3 ? 2 : r;
                int o = o0 + i;
                tile(r, w, i * k, k, 1, xt, s * k * NR, k, tile, 0, NR, false);
                for (int rr = 0; rr < r; rr++) {
                    float add = bias == null ? 0f : bias[o + rr];
                    for (int j = 0; j < width; j++) {
                        float v = tile[rr * NR + j];
                        c[(tBase + j) * m + o + rr] = bias == null ? v : v + add;
                    }
                }
                i += r;
            }
        }
    }

    private static void tile(int rows, float[] a, int aOff, int aRs, int aCs, float[] b, int kLen,
                             float[] c, int cOff, int ldc, boolean load) {
        tile(rows, a, aOff, aRs, aCs, b, 0, kLen, c, cOff, ldc, load);
    }

    private static void tile(int rows, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int kLen,
                             float[] c, int cOff, int ldc, boolean load) {
        switch (rows) {
            case 6 -> tile6(a, aOff, aRs, aCs, b, bOff, kLen, c, cOff, ldc, load);
            case 4 -> tile4(a, aOff, aRs, aCs, b, bOff, kLen, c, cOff, ldc, load);
            case 2 -> tile2(a, aOff, aRs, aCs, b, bOff, kLen, c, cOff, ldc, load);
            default -> tile1(a, aOff, aCs, b, bOff, kLen, c, cOff, load);
        }
    }

    private static FloatVector init(float[] c, int off, boolean load) {
        return load ? FloatVector.fromArray(F, c, off) : FloatVector.zero(F);
    }

    private static void tile6(float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int kLen,
                              float[] c, int cOff, int ldc, boolean load) {
        int r1 = cOff + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = init(c, cOff, load), c01 = init(c, cOff + L, load);
        FloatVector c10 = init(c, r1, load), c11 = init(c, r1 + L, load);
        FloatVector c20 = init(c, r2, load), c21 = init(c, r2 + L, load);
        FloatVector c30 = init(c, r3, load), c31 = init(c, r3 + L, load);
        FloatVector c40 = init(c, r4, load), c41 = init(c, r4 + L, load);
        FloatVector c50 = init(c, r5, load), c51 = init(c, r5 + L, load);
        int p0 = aOff, p1 = p0 + aRs, p2 = p1 + aRs, p3 = p2 + aRs, p4 = p3 + aRs, p5 = p4 + aRs;
        for (int k = 0, bi = bOff, ak = 0; k < kLen; k++, bi += NR, ak += aCs) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector v = FloatVector.broadcast(F, a[p0 + ak]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[p1 + ak]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, a[p2 + ak]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, a[p3 + ak]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(F, a[p4 + ak]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(F, a[p5 + ak]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
    }

    private static void tile4(float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int kLen,
                              float[] c, int cOff, int ldc, boolean load) {
        int r1 = cOff + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00 = init(c, cOff, load), c01 = init(c, cOff + L, load);
        FloatVector c10 = init(c, r1, load), c11 = init(c, r1 + L, load);
        FloatVector c20 = init(c, r2, load), c21 = init(c, r2 + L, load);
        FloatVector c30 = init(c, r3, load), c31 = init(c, r3 + L, load);
        int p0 = aOff, p1 = p0 + aRs, p2 = p1 + aRs, p3 = p2 + aRs;
        for (int k = 0, bi = bOff, ak = 0; k < kLen; k++, bi += NR, ak += aCs) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector v = FloatVector.broadcast(F, a[p0 + ak]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[p1 + ak]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, a[p2 + ak]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, a[p3 + ak]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
    }

    private static void tile2(float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int kLen,
                              float[] c, int cOff, int ldc, boolean load) {
        int r1 = cOff + ldc;
        FloatVector c00 = init(c, cOff, load), c01 = init(c, cOff + L, load);
        FloatVector c10 = init(c, r1, load), c11 = init(c, r1 + L, load);
        int p0 = aOff, p1 = p0 + aRs;
        for (int k = 0, bi = bOff, ak = 0; k < kLen; k++, bi += NR, ak += aCs) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector v = FloatVector.broadcast(F, a[p0 + ak]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[p1 + ak]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
    }

    private static void tile1(float[] a, int aOff, int aCs, float[] b, int bOff, int kLen, float[] c, int cOff,
                              boolean load) {
        FloatVector c00 = init(c, cOff, load), c01 = init(c, cOff + L, load);
        for (int k = 0, bi = bOff, ak = aOff; k < kLen; k++, bi += NR, ak += aCs) {
            FloatVector v = FloatVector.broadcast(F, a[ak]);
            c00 = v.fma(FloatVector.fromArray(F, b, bi), c00);
            c01 = v.fma(FloatVector.fromArray(F, b, bi + L), c01);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
    }

    private static int roundUp(int v, int multiple) {
        return Math.ceilDiv(v, multiple) * multiple;
    }
}
