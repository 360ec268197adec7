package dev.tuna.cli.eval;

import dev.tuna.data.eval.EvalRunner;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on a terminal; otherwise a line at every tenth of the way (logs stay short). */
final class EvalProgress implements EvalRunner.Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private final AtomicInteger done = new AtomicInteger();
    private volatile ProgressBar bar;
    private volatile int total;

    EvalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(int total, int alreadyAnswered) {
        this.total = total;
        done.set(alreadyAnswered);
        if (alreadyAnswered > 0) {
            err.println("Resuming: " + alreadyAnswered + " of " + total + " answers are already cached.");
            err.flush();
        }
        if (terminal && alreadyAnswered < total) {
            bar = new ProgressBarBuilder().setTaskName("answers").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
            bar.stepTo(alreadyAnswered);
        }
    }

    @Override
    public void answered() {
        int n = done.incrementAndGet();
        ProgressBar b = bar;
        if (b != null) {
            b.step();
        } else if (total >= 10 && n % Math.max(1, total / 10) == 0) {
            synchronized (err) {
                err.println("  " + n + " of " + total + " answers");
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
