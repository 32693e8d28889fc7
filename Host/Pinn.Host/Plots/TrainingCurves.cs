using ScottPlot;

namespace Pinn.Host.Plots;

/// <summary>The loss of each condition, the total loss and the relative L2 error of a run against step or against
/// seconds (log scale), with the starts of later stages marked by dashed vertical lines.</summary>
internal static class TrainingCurves
{
    /// <param name="final">The error of the trained network at the end (summary.json), drawn as the curve's last point.</param>
    public static void Save(string file, MetricsTable metrics, string runName, bool bySeconds, (double Step, double Seconds, double RelL2)? final = null,
                            int width = 1200, int height = 700)
    {
        var plot = new Plot();
        var x = bySeconds ? metrics.Seconds : metrics.Steps;
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        void Line(string label, double[] values, LinePattern pattern)
        {
            var points = x.Zip(values).Select(p => (p.First, Y: LogScale.Of(p.Second))).Where(p => double.IsFinite(p.Y) && double.IsFinite(p.First)).ToArray();
            if (points.Length == 0) return;
            var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = label;
            line.LineWidth = 2;
            line.LinePattern = pattern;
            line.Color = palette.GetColor(index++);
        }
        Line("loss (total)", metrics.Loss, LinePattern.Solid);
        foreach (var (condition, values) in metrics.ConditionLosses) Line($"loss: {condition}", values, LinePattern.Dotted);
        if (final is { } end)
        {
            x = [.. x, bySeconds ? end.Seconds : end.Step];
            Line("relative L2 error", [.. metrics.RelL2, end.RelL2], LinePattern.Solid);
        }
        else Line("relative L2 error", metrics.RelL2, LinePattern.Solid);
        foreach (var (step, seconds) in metrics.StageStarts)
        {
            var marker = plot.Add.VerticalLine(bySeconds ? seconds : step);
            marker.LinePattern = LinePattern.Dashed;
            marker.Color = Colors.Gray;
            marker.LineWidth = 1;
        }
        LogScale.Label(plot.Axes.Left);
        if (!bySeconds) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // no step 1.05
        plot.Title($"{runName}: loss and relative L2 error against {(bySeconds ? "training time" : "step")}"
                   + (metrics.StageStarts.Any() ? " (dashed: a new stage starts)" : ""));
        plot.XLabel(bySeconds ? "training time (s)" : "step");
        plot.YLabel("loss, relative L2 error (log scale)");
        plot.ShowLegend(Edge.Right);
        PngFile.Save(file, plot, width, height);
    }
}
