using System.Text.Json.Nodes;
using Pinn.Host.Plots;
using ScottPlot;

namespace Pinn.Host.Sweeps;

/// <summary>
/// relL2-vs-&lt;path&gt;.png for every numeric swept value but the seed: the final relative L2 error (log scale; the
/// mean over seeds, each seed's run as a dot) against the value, one line per combination of the other swept values.
/// </summary>
internal static class SweepChart
{
    public static void Save(SweepFolder folder, SweepResults results)
    {
        foreach (var axis in results.Axes.Where(a => a.IsNumeric && !a.IsSeed))
        {
            var log = UseLog(results, axis);
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            var lines = results.Groups.GroupBy(g => string.Join(", ", g.Values.Where(v => v.Key != axis.Path).Select(v => $"{v.Key} = {SweepAxis.Format(v.Value)}")));
            var index = 0;
            var drawn = false;
            foreach (var line in lines)
            {
                var color = palette.GetColor(index++);
                var points = line.Select(g => (X: X(g.Values.FirstOrDefault(v => v.Key == axis.Path).Value, log), Y: LogScale.Of(g.Mean), Group: g))
                                 .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
                if (points.Length == 0) continue;
                var scatter = points.Length > 1 && results.Axes.Any(a => a.Path == axis.Path && a.Kind == "values")
                    ? plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray())
                    : plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                scatter.Color = color;
                scatter.MarkerSize = 8;
                scatter.LegendText = line.Key.Length == 0 ? (results.Groups.Any(g => g.Count > 1) ? "mean over seeds" : "final relative L2") : line.Key;
                var runs = points.SelectMany(p => p.Group.Members.Where(m => m.RelL2 is { } e && e > 0).Select(m => (p.X, Y: LogScale.Of(m.RelL2!.Value)))).ToArray();
                if (runs.Length > points.Length)
                {
                    var dots = plot.Add.ScatterPoints(runs.Select(r => r.X).ToArray(), runs.Select(r => r.Y).ToArray());
                    dots.Color = color.WithAlpha(0.35);
                    dots.MarkerSize = 4;
                }
                drawn = true;
            }
            if (!drawn) continue;
            LogScale.Label(plot.Axes.Left);
            if (log) LogScale.Label(plot.Axes.Bottom);
            plot.Title($"final relative L2 error against {axis.Path}");
            plot.XLabel(axis.Path + (log ? " (log scale)" : ""));
            plot.YLabel("relative L2 error (log scale)");
            plot.ShowLegend(Edge.Right);
            Plots.PngFile.Save(Path.Combine(folder.Root, $"relL2-vs-{Safe(axis.Path)}.png"), plot, 1100, 650);
        }
    }

    private static double X(JsonNode? value, bool log)
    {
        var x = value is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;
        return log ? LogScale.Of(x) : x;
    }

    /// <summary>A log-range axis, or grid values that are all positive and span more than two decades.</summary>
    private static bool UseLog(SweepResults results, SweepAxis axis)
    {
        if (axis.IsLogarithmic) return true;
        var values = results.Groups.Select(g => g.Values.FirstOrDefault(v => v.Key == axis.Path).Value)
                            .Select(v => v is JsonValue j && j.TryGetValue<double>(out var d) ? d : double.NaN).ToArray();
        return values.Length > 0 && values.All(v => v > 0) && values.Max() / values.Min() > 100;
    }

    private static string Safe(string path) => new(path.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
