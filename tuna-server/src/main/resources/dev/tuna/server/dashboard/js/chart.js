// The live training chart: train/validation loss on the left axis, token accuracy on the right, by step.

import uPlot from "../vendor/uplot/uPlot.esm.js";

const COLORS = {train: "#2563eb", valid: "#f97316", trainAcc: "#16a34a", validAcc: "#a855f7"};

export class MetricsChart {
  /** el: the container; it gets data-points = the number of steps drawn (the browser tests watch it). */
  constructor(el) {
    this.el = el;
    this.steps = new Map();
    this.plot = null;
    this.resize = new ResizeObserver(() => this.plot && this.plot.setSize(this.size()));
    this.resize.observe(el);
  }

  size() {
    return {width: Math.max(320, this.el.clientWidth), height: 300};
  }

  /** Adds metrics events' data ({step, train_loss, valid_loss, train_mean_token_accuracy, ...}); redraws. */
  add(points) {
    let changed = false;
    for (const d of points) {
      if (d == null || d.step == null) continue;
      const old = this.steps.get(d.step);
      this.steps.set(d.step, old ? {...old, ...d} : d);
      changed = true;
    }
    if (changed) this.draw();
  }

  draw() {
    const rows = [...this.steps.values()].sort((a, b) => a.step - b.step);
    const col = key => rows.map(r => (typeof r[key] === "number" ? r[key] : null));
    const data = [rows.map(r => r.step), col("train_loss"), col("valid_loss"),
      col("train_mean_token_accuracy"), col("valid_mean_token_accuracy")];
    this.el.dataset.points = String(rows.length);
    if (rows.length === 0) return;
    // Validation series appear only once there is validation data (most jobs have none).
    const hasValid = data[2].some(v => v != null);
    this.el.dataset.validPoints = String(data[2].filter(v => v != null).length);
    if (this.plot && hasValid !== this.hasValid) {
      this.plot.destroy();
      this.plot = null;
    }
    this.hasValid = hasValid;
    if (!this.plot) {
      this.el.replaceChildren();
      const options = this.options();
      if (!hasValid) {
        options.series = options.series.filter((_, i) => i !== 2 && i !== 4);
      }
      this.plot = new uPlot(options, hasValid ? data : [data[0], data[1], data[3]], this.el);
    } else {
      this.plot.setData(hasValid ? data : [data[0], data[1], data[3]]);
    }
  }

  options() {
    const few = () => this.steps.size < 40;
    return {
      ...this.size(),
      scales: {x: {time: false}, loss: {auto: true}, acc: {range: [0, 1]}},
      cursor: {drag: {x: true, y: false}},
      legend: {live: true},
      series: [
        {label: "step", value: (u, v) => (v == null ? "–" : v)},
        {label: "train loss", scale: "loss", stroke: COLORS.train, width: 2, value: fmt(4), points: {show: few}},
        {label: "valid loss", scale: "loss", stroke: COLORS.valid, width: 2, spanGaps: true, value: fmt(4),
          points: {show: true, size: 5, fill: COLORS.valid}},
        {label: "train token accuracy", scale: "acc", stroke: COLORS.trainAcc, width: 1.5, dash: [6, 4], value: fmt(3),
          points: {show: few}},
        {label: "valid token accuracy", scale: "acc", stroke: COLORS.validAcc, width: 1.5, dash: [6, 4], spanGaps: true,
          value: fmt(3), points: {show: true, size: 4, fill: COLORS.validAcc}},
      ],
      axes: [
        // Steps are whole numbers: no 1.5 ticks on short runs.
        {label: "step", stroke: axisColor(), incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000]},
        {scale: "loss", label: "loss", stroke: axisColor()},
        {scale: "acc", label: "token accuracy", side: 1, grid: {show: false}, stroke: axisColor()},
      ],
    };
  }

  destroy() {
    this.resize.disconnect();
    if (this.plot) this.plot.destroy();
  }
}

function fmt(digits) {
  return (u, v) => (v == null ? "–" : v.toFixed(digits));
}

function axisColor() {
  return getComputedStyle(document.documentElement).getPropertyValue("--muted").trim() || "#666";
}
