/**
 * Question-answering metrics exactly as the official scripts compute them: KorQuAD 1.0's
 * {@code evaluate-v1.0.py} and SQuAD v1.1's {@code evaluate-v1.1.py} ({@link dev.tuna.data.metrics.AnswerMetric}),
 * their dataset-level totals ({@link dev.tuna.data.metrics.Evaluation}), the predictions file they read
 * ({@link dev.tuna.data.metrics.PredictionsFile}), and Python's float printing so the output matches digit for
 * digit ({@link dev.tuna.data.metrics.PythonFloat}).
 */
package dev.tuna.data.metrics;
