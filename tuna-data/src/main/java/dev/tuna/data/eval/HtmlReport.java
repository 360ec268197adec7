package dev.tuna.data.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvalReport} as one self-contained HTML page: inline CSS and script, the loss curves as inline
 * SVG, no fonts, images or scripts from the network, so it opens anywhere (also offline, also from a CI artifact).
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(EvalReport report, Path file) {
        EvalReport.write(file, render(report));
    }

    public static String render(EvalReport r) {
        StringBuilder h = new StringBuilder(16_384 + r.questions().size() * 400);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Tuna evaluation: ").append(esc(r.title())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Tuna evaluation: ").append(esc(r.title())).append("</h1>\n");
        h.append("<p class=\"sub\">Metric: <b>").append(esc(metricName(r.metric()))).append("</b> · ")
                .append(r.questions().size()).append(" questions · ").append(r.variants().size())
                .append(r.variants().size() == 1 ? " configuration" : " configurations")
                .append(" (the first is the baseline)</p>\n");
        summary(h, r);
        lossCurves(h, r.lossCurves());
        questions(h, r);
        settings(h, r.settings());
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, EvalReport r) {
        h.append("<h2>Summary</h2>\n<table id=\"summary\">\n<thead><tr><th>#</th><th>Model</th><th>System prompt</th>")
                .append("<th>EM</th><th>F1</th><th>Δ EM</th><th>Δ F1</th><th>Repeats</th>")
                .append("<th>Questions with differing answers</th></tr></thead>\n<tbody>\n");
        int i = 0;
        for (EvalReport.VariantSummary v : r.variants()) {
            i++;
            h.append("<tr class=\"variant\"><td>").append(i).append("</td><td class=\"model\">").append(esc(v.model()))
                    .append("</td><td class=\"system\">").append(v.system() == null ? "<i>none</i>" : esc(v.system()))
                    .append("</td><td class=\"em\">").append(fmt(v.exactMatch())).append("</td><td class=\"f1\">")
                    .append(fmt(v.f1())).append("</td>");
            if (i == 1) {
                h.append("<td colspan=\"2\" class=\"base\">baseline</td>");
            } else {
                h.append(delta(v.deltaExactMatch())).append(delta(v.deltaF1()));
            }
            h.append("<td>").append(v.repeats()).append("</td><td class=\"differing\">");
            if (v.repeats() > 1) {
                h.append(v.questionsWithDifferentAnswers()).append(" of ").append(v.questions());
                if (v.minExactMatch() != v.maxExactMatch()) {
                    h.append(" (EM ").append(fmt(v.minExactMatch())).append("–").append(fmt(v.maxExactMatch()))
                            .append(")");
                }
            } else {
                h.append("—");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">EM and F1 are percentages over all questions, as the official ")
                .append("script computes them, from each configuration's first answer to every question. ")
                .append("Δ is the difference to configuration 1.</p>\n");
    }

    private static void lossCurves(StringBuilder h, List<LossCurve> curves) {
        if (curves.isEmpty()) {
            return;
        }
        h.append("<h2>Training loss</h2>\n<div id=\"loss-curves\">\n");
        for (LossCurve c : curves) {
            h.append("<figure class=\"curve\"><figcaption>").append(esc(c.model())).append(" <span class=\"sub\">(job ")
                    .append(esc(c.jobId())).append(", step_metrics.csv)</span></figcaption>\n");
            svg(h, c.points());
            h.append("</figure>\n");
        }
        h.append("</div>\n");
    }

    static void svg(StringBuilder h, List<LossCurve.Point> points) {
        int w = 640;
        int ht = 260;
        int left = 56;
        int right = 16;
        int top = 14;
        int bottom = 36;
        if (points.isEmpty()) {
            h.append("<p class=\"note\">The job recorded no steps.</p>\n");
            return;
        }
        double minX = points.getFirst().step();
        double maxX = points.getLast().step();
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (LossCurve.Point p : points) {
            minY = Math.min(minY, p.trainLoss());
            maxY = Math.max(maxY, p.trainLoss());
            if (p.validLoss() != null) {
                minY = Math.min(minY, p.validLoss());
                maxY = Math.max(maxY, p.validLoss());
            }
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY - minY < 1e-9) {
            maxY = minY + 1;
        }
        minY = Math.max(0, minY - 0.05 * (maxY - minY));
        double fx = (w - left - right) / (maxX - minX);
        double fy = (ht - top - bottom) / (maxY - minY);
        h.append("<svg class=\"loss\" width=\"").append(w).append("\" height=\"")
                .append(ht).append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" role=\"img\" aria-label=\"training loss by step\">\n");
        h.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(w - left - right)
                .append("\" height=\"").append(ht - top - bottom).append("\" class=\"plot\"/>\n");
        long lastXTick = Long.MIN_VALUE;
        for (int i = 0; i <= 4; i++) {
            double yv = minY + (maxY - minY) * i / 4;
            double y = ht - bottom - (yv - minY) * fy;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>%n",
                    left, w - right, y, y, left - 6, y + 4, trim(yv)));
            // Steps are whole numbers: a short run would round two ticks to one step, so each is drawn once, where
            // that step really is.
            long xv = Math.round(minX + (maxX - minX) * i / 4);
            if (xv != lastXTick && xv <= points.getLast().step()) {
                double x = left + (xv - minX) * fx;
                h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">"
                        + "%d</text>%n", x, ht - bottom + 16, xv));
                lastXTick = xv;
            }
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">step</text>%n",
                left + (w - left - right) / 2, ht - 4));
        StringBuilder train = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        for (LossCurve.Point p : points) {
            double x = left + (p.step() - minX) * fx;
            train.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, ht - bottom - (p.trainLoss() - minY) * fy));
            if (p.validLoss() != null) {
                valid.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, ht - bottom - (p.validLoss() - minY) * fy));
            }
        }
        h.append("<polyline class=\"train\" points=\"").append(train.toString().strip()).append("\"/>\n");
        if (!valid.isEmpty()) {
            h.append("<polyline class=\"valid\" points=\"").append(valid.toString().strip()).append("\"/>\n");
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"legend train-l\">train loss</text>",
                w - right - 150, top + 16));
        if (!valid.isEmpty()) {
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"legend valid-l\">validation loss</text>",
                    w - right - 150, top + 32));
        }
        h.append("\n</svg>\n");
    }

    private static void questions(StringBuilder h, EvalReport r) {
        long wrong = r.questions().stream().filter(EvalReport.QuestionRow::anyWrong).count();
        h.append("<h2>Questions</h2>\n<div class=\"filters\"><label><input type=\"checkbox\" id=\"only-wrong\"> only ")
                .append("questions answered wrongly (no exact match) by</label> <select id=\"wrong-by\">")
                .append("<option value=\"any\">any configuration</option>");
        for (int i = 0; i < r.variants().size(); i++) {
            h.append("<option value=\"").append(i).append("\">").append(i + 1).append(": ")
                    .append(esc(r.variants().get(i).label())).append("</option>");
        }
        h.append("</select> <input type=\"search\" id=\"search\" placeholder=\"search question, gold or answer\"> ")
                .append("<span id=\"shown\">").append(r.questions().size()).append(" of ").append(r.questions().size())
                .append(" shown</span> <span class=\"sub\">(").append(wrong).append(" with a wrong answer)</span></div>\n");
        h.append("<table id=\"questions\">\n<thead><tr><th>#</th><th>Question</th><th>Gold</th>");
        for (int i = 0; i < r.variants().size(); i++) {
            h.append("<th title=\"").append(esc(r.variants().get(i).label())).append("\">").append(i + 1).append(": ")
                    .append(esc(Variant.abbreviate(r.variants().get(i).label(), 48))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int n = 0;
        for (EvalReport.QuestionRow q : r.questions()) {
            n++;
            StringBuilder wrongFlags = new StringBuilder();
            for (EvalReport.Cell c : q.answers()) {
                wrongFlags.append(c.exactMatch() ? '0' : '1');
            }
            h.append("<tr class=\"q\" data-wrong=\"").append(wrongFlags).append("\"><td class=\"n\" title=\"")
                    .append(esc(q.id())).append("\">").append(n).append("</td><td>").append(esc(q.question()))
                    .append("</td><td class=\"gold\">").append(esc(String.join(" | ", q.golds()))).append("</td>");
            for (EvalReport.Cell c : q.answers()) {
                h.append("<td class=\"").append(c.exactMatch() ? "ok" : c.f1() > 0 ? "part" : "bad").append("\">");
                if (c.answer() == null) {
                    h.append("<i>no answer</i>");
                } else {
                    h.append(esc(c.answer()));
                }
                h.append("<div class=\"score\">EM ").append(c.exactMatch() ? 1 : 0).append(" · F1 ")
                        .append(String.format(Locale.ROOT, "%.2f", c.f1()));
                if (c.distinctAnswers() > 1) {
                    h.append(" · ").append(c.distinctAnswers()).append(" different answers");
                }
                h.append("</div></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void settings(StringBuilder h, Map<String, String> settings) {
        h.append("<h2>Run settings</h2>\n<table id=\"settings\">\n");
        settings.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n<p class=\"note\">Answers are trimmed; with extract-span they are also reduced to the ")
                .append("longest piece that occurs in the context. Nothing else is changed before scoring.</p>\n");
    }

    private static String metricName(String metric) {
        return switch (metric) {
            case "korquad-v1" -> "KorQuAD 1.0 (official evaluate-v1.0.py: character F1)";
            case "squad-v1" -> "SQuAD v1.1 (official evaluate-v1.1.py: token F1)";
            default -> metric;
        };
    }

    private static String delta(double d) {
        String cls = d > 1e-9 ? "up" : d < -1e-9 ? "down" : "same";
        return "<td class=\"delta " + cls + "\">" + (d > 1e-9 ? "+" : "") + fmt(d) + "</td>";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String trim(double d) {
        return String.format(Locale.ROOT, d >= 10 ? "%.1f" : "%.2f", d);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d2430; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
            .sub, .note { color: #5b6575; } .note { font-size: 12px; }
            table { border-collapse: collapse; margin: 6px 0; }
            th, td { border: 1px solid #d5dae3; padding: 4px 8px; text-align: left; vertical-align: top; }
            thead th { background: #eef1f6; position: sticky; top: 0; }
            #summary td.em, #summary td.f1, #summary td.delta { text-align: right; font-variant-numeric: tabular-nums; }
            td.delta.up { color: #0a7a32; font-weight: 600; } td.delta.down { color: #b42318; font-weight: 600; }
            td.base { color: #5b6575; text-align: center; }
            #questions td.ok { background: #ecf8ef; } #questions td.part { background: #fff6e0; }
            #questions td.bad { background: #fdecec; } td.gold { font-weight: 600; }
            .score { font-size: 11px; color: #5b6575; } td.n { color: #5b6575; }
            .filters { margin: 6px 0; } #search { width: 260px; } #wrong-by { max-width: 320px; }
            svg.loss .plot { fill: #fafbfd; stroke: #d5dae3; } svg.loss .grid { stroke: #e6e9ef; }
            svg.loss .tick, svg.loss .axis, svg.loss .legend { font-size: 11px; fill: #5b6575; }
            svg.loss polyline { fill: none; stroke-width: 2; } svg.loss .train { stroke: #2563eb; }
            svg.loss .valid { stroke: #ea7a0c; stroke-dasharray: 5 3; }
            svg.loss .train-l { fill: #2563eb; } svg.loss .valid-l { fill: #ea7a0c; }
            figure { margin: 8px 0 16px; } figcaption { font-weight: 600; margin-bottom: 4px; }
            #questions td { max-width: 420px; overflow-wrap: anywhere; }
            tr.hidden { display: none; }
            """;

    private static final String SCRIPT = """
            (function () {
              var onlyWrong = document.getElementById('only-wrong');
              var by = document.getElementById('wrong-by');
              var search = document.getElementById('search');
              var shown = document.getElementById('shown');
              var rows = Array.prototype.slice.call(document.querySelectorAll('#questions tr.q'));
              function apply() {
                var q = search.value.toLowerCase(), n = 0;
                rows.forEach(function (tr) {
                  var flags = tr.getAttribute('data-wrong');
                  var wrong = by.value === 'any' ? flags.indexOf('1') >= 0 : flags.charAt(+by.value) === '1';
                  var hide = (onlyWrong.checked && !wrong) || (q && tr.textContent.toLowerCase().indexOf(q) < 0);
                  tr.classList.toggle('hidden', hide);
                  if (!hide) { n++; }
                });
                shown.textContent = n + ' of ' + rows.length + ' shown';
              }
              onlyWrong.addEventListener('change', apply);
              by.addEventListener('change', function () { if (!onlyWrong.checked) { onlyWrong.checked = true; } apply(); });
              search.addEventListener('input', apply);
              if (location.hash === '#wrong') { onlyWrong.checked = true; }
              apply();
            })();
            """;
}
