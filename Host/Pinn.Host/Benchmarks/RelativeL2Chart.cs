using ScottPlot;

namespace Pinn.Host.Benchmarks;

/// <summary>A PNG of relative L2 error (log scale) against training time, one line per run, with a legend.</summary>
internal static class RelativeL2Chart
{
    public static void Save(string file, IReadOnlyList<(string Label, RelativeL2Curve Curve)> runs, int width = 1200, int height = 700, string? title = null)
    {
        var plot = new Plot();
        // Category20 pairs each colour with a lighter shade of it: the ten strong colours first, then the light ones.
        var palette = new ScottPlot.Palettes.Category20();
        var colors = Enumerable.Range(0, 10).Select(i => palette.GetColor(2 * i)).Concat(Enumerable.Range(0, 10).Select(i => palette.GetColor(2 * i + 1))).ToArray();
        var index = 0;
        foreach (var (label, curve) in runs)
        {
            // ScottPlot 5 has no log axis: plot log10 of the error and label the ticks as powers of ten.
            var points = curve.Seconds.Zip(curve.RelL2).Where(p => p.Second > 0 && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => Math.Log10(p.Second)).ToArray());
            line.LegendText = label;
            line.LineWidth = 2;
            line.Color = colors[index++ % colors.Length];
        }
        Plots.LogScale.Label(plot.Axes.Left);
        plot.Title(title ?? "relative L2 error against training time");
        plot.XLabel("training time (s)");
        plot.YLabel("relative L2 error");
        plot.ShowLegend(Edge.Right);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        Plots.PngFile.Save(file, plot, width, height);
    }
}
