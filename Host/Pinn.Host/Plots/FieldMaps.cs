using System.Globalization;
using Pinn.Abstractions.Problems;
using Pinn.Host.Inference;
using ScottPlot;
using TorchSharp;

namespace Pinn.Host.Plots;

/// <summary>
/// Pictures of a trained run's fields on a grid over its evaluation domain, one PNG per output field (and per time):
/// the prediction, the exact or reference solution, the absolute error (log scale) and |r| of each condition posed on a
/// region (log scale), with labelled colour bars and the points outside the domain left blank.
/// <list type="bullet">
/// <item>two inputs (x, y or t, x): heatmaps over the whole domain;</item>
/// <item>time and two space inputs: heatmaps at the first, middle and last time;</item>
/// <item>one input: the fields as lines, the error below;</item>
/// <item>otherwise: heatmaps of a 2-D cut through the domain's centre (at the last time), as the title says.</item>
/// </list>
/// A reference given at nodes (a file) is shown at each grid point by its nearest node.
/// </summary>
internal sealed class FieldMaps(TrainedModel model, int resolution = 101)
{
    /// <summary>Writes the pictures into <paramref name="directory"/> and returns their paths.</summary>
    public IReadOnlyList<string> Save(string directory)
    {
        var problem = model.Problem;
        var names = problem.InputNames;
        var d = problem.InputDimension;
        var timeDependent = d > 1 && names[0] == "t";
        var (lower, upper) = problem.EvaluationDomain.Bounds;
        var centre = lower.Zip(upper, (a, b) => (a + b) / 2).ToArray();
        var files = new List<string>();
        if (d == 1)
        {
            files.AddRange(Lines(directory, lower[0], upper[0]));
            return files;
        }
        // The two axes shown and the values of the others.
        var (horizontal, vertical) = d == 2 ? (0, 1) : timeDependent ? (1, 2) : (0, 1);
        var cuts = new List<(double[] Fixed, string Suffix, string Caption)>();
        if (d == 2) cuts.Add((centre, "", ""));
        else if (timeDependent && d == 3)
            foreach (var (t, label) in new[] { (lower[0], "start"), (centre[0], "middle"), (upper[0], "end") })
            {
                var at = (double[])centre.Clone();
                at[0] = t;
                cuts.Add((at, $"-t{label}", $" at t = {Format(t)}"));
            }
        else
        {
            var at = (double[])centre.Clone();
            if (timeDependent) at[0] = upper[0];
            var others = Enumerable.Range(0, d).Where(j => j != horizontal && j != vertical).Select(j => (names[j], Format(at[j]))).ToArray();
            cuts.Add((at, "-cut", $" (cut at {FixedInputs.Describe(others)})"));
        }
        foreach (var (at, suffix, caption) in cuts)
            files.AddRange(Maps(directory, horizontal, vertical, lower, upper, at, suffix, caption));
        return files;
    }

    private List<string> Maps(string directory, int horizontal, int vertical, double[] lower, double[] upper, double[] at, string suffix, string caption)
    {
        using var scope = torch.NewDisposeScope();
        var files = new List<string>();
        var problem = model.Problem;
        var n = resolution;
        // Row 0 is the top of the picture (largest vertical coordinate); columns run left to right.
        var hValues = torch.linspace(lower[horizontal], upper[horizontal], n, dtype: torch.float64);
        var vValues = torch.linspace(upper[vertical], lower[vertical], n, dtype: torch.float64);
        var mesh = torch.meshgrid([vValues, hValues], indexing: "ij");
        var x = torch.tensor(at, torch.float64).repeat(n * n, 1);
        x[.., horizontal] = mesh[1].reshape(-1);
        x[.., vertical] = mesh[0].reshape(-1);
        var (values, truth, truthLabel, residuals, inside) = Evaluate(x);
        var names = problem.InputNames;
        var extent = new CoordinateRect(lower[horizontal], upper[horizontal], lower[vertical], upper[vertical]);
        for (var k = 0; k < problem.OutputDimension; k++)
        {
            var field = problem.OutputNames[k];
            var panels = new List<(string Title, double[] Values, string Bar, bool Log)>
            {
                ($"{field}: prediction", values[k], field, false),
            };
            if (truth is not null)
            {
                panels.Add(($"{field}: {truthLabel}", truth[k], field, false));
                panels.Add(($"{field}: |prediction − {truthLabel}|", values[k].Zip(truth[k], (a, b) => Math.Abs(a - b)).ToArray(), "|error| (log10 scale)", true));
            }
            foreach (var (name, r) in residuals) panels.Add(($"|r| of condition '{name}'", r, "|residual| (log10 scale)", true));
            var multiplot = new Multiplot();
            multiplot.AddPlots(panels.Count);
            var columns = panels.Count <= 2 ? panels.Count : 2;
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: (panels.Count + columns - 1) / columns, columns: columns);
            for (var p = 0; p < panels.Count; p++)
            {
                var plot = multiplot.GetPlot(p);
                var (title, data, bar, log) = panels[p];
                var grid = new double[n, n];
                for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    var v = inside[i * n + j] ? data[i * n + j] : double.NaN;
                    grid[i, j] = log ? LogScale.Of(v) : v;
                }
                var heatmap = plot.Add.Heatmap(grid);
                heatmap.Extent = extent;
                heatmap.NaNCellColor = Colors.Transparent;
                heatmap.Colormap = log ? new ScottPlot.Colormaps.Inferno() : new ScottPlot.Colormaps.Viridis();
                var colorBar = plot.Add.ColorBar(heatmap);
                colorBar.Label = bar;
                if (log) LogScale.Label(colorBar.Axis, grid.Cast<double>());
                plot.Title(title + caption);
                plot.XLabel(names[horizontal]);
                plot.YLabel(names[vertical]);
            }
            var file = Path.Combine(directory, $"field-{Safe(field)}{suffix}.png");
            PngFile.Save(file, multiplot, columns * 700, (panels.Count + columns - 1) / columns * 560);
            files.Add(file);
        }
        return files;
    }

    private List<string> Lines(string directory, double lower, double upper)
    {
        using var scope = torch.NewDisposeScope();
        var files = new List<string>();
        var problem = model.Problem;
        var n = Math.Max(resolution * 4, 201);
        var x = torch.linspace(lower, upper, n, dtype: torch.float64).reshape(n, 1);
        var (values, truth, truthLabel, residuals, _) = Evaluate(x);
        var coordinates = x.reshape(-1).data<double>().ToArray();
        for (var k = 0; k < problem.OutputDimension; k++)
        {
            var field = problem.OutputNames[k];
            var multiplot = new Multiplot();
            multiplot.AddPlots(2);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 1);
            var top = multiplot.GetPlot(0);
            var prediction = top.Add.ScatterLine(coordinates, values[k]);
            prediction.LegendText = "prediction";
            prediction.LineWidth = 2;
            if (truth is not null)
            {
                var exact = top.Add.ScatterLine(coordinates, truth[k]);
                exact.LegendText = truthLabel;
                exact.LinePattern = LinePattern.Dashed;
                exact.LineWidth = 2;
            }
            top.Title($"{field} along {problem.InputNames[0]}");
            top.XLabel(problem.InputNames[0]);
            top.YLabel(field);
            top.ShowLegend();
            var bottom = multiplot.GetPlot(1);
            void LogLine(string label, double[] data)
            {
                var points = coordinates.Zip(data).Select(p => (p.First, Y: LogScale.Of(p.Second))).Where(p => double.IsFinite(p.Y)).ToArray();
                if (points.Length == 0) return;
                var line = bottom.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => p.Y).ToArray());
                line.LegendText = label;
                line.LineWidth = 2;
            }
            if (truth is not null) LogLine("|error|", values[k].Zip(truth[k], (a, b) => Math.Abs(a - b)).ToArray());
            foreach (var (name, r) in residuals) LogLine($"|r| of '{name}'", r);
            LogScale.Label(bottom.Axes.Left);
            bottom.Title($"{field}: error and residual (log scale)");
            bottom.XLabel(problem.InputNames[0]);
            bottom.ShowLegend();
            var file = Path.Combine(directory, $"field-{Safe(field)}.png");
            PngFile.Save(file, multiplot, 1000, 1000);
            files.Add(file);
        }
        return files;
    }

    /// <summary>At x [N, d]: each output [N], the exact or reference solution per output (or null), its label, |r| of each
    /// region condition, and whether each point lies in the evaluation domain.</summary>
    private (double[][] Values, double[][]? Truth, string TruthLabel, List<(string Name, double[] Values)> Residuals, bool[] Inside) Evaluate(torch.Tensor x)
    {
        var problem = model.Problem;
        var outputs = FieldQuantity.Outputs(problem);
        var regionConditions = FieldQuantity.RegionConditions(problem).ToArray();
        var residualQuantities = regionConditions.Select(FieldQuantity.Residual).ToArray();
        var columns = model.Evaluate(x, [.. outputs, .. residualQuantities]);
        var inside = problem.EvaluationDomain.Contains(x.to(model.Plan.Spec.DType), 1e-9).data<bool>().ToArray();
        var values = columns.Take(outputs.Count).Select(Doubles).ToArray();
        var residuals = regionConditions.Select((c, i) => (c.Name, Doubles(columns[outputs.Count + i]))).ToList();
        if (problem is IReferenceDataProblem { ReferenceData: { } reference })
            return (values, Nearest(reference, x), "reference (nearest node)", residuals, inside);
        if (model.SolutionInside(x, torch.tensor(inside), fill: double.NaN) is not { } exact) return (values, null, "", residuals, inside);
        return (values, Enumerable.Range(0, problem.OutputDimension).Select(k => Doubles(exact[.., k])).ToArray(), "exact", residuals, inside);
    }

    /// <summary>The reference's values at the node nearest to each point [N] per output, found in chunks of points.</summary>
    private static double[][] Nearest(Abstractions.Reference.ReferenceData reference, torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var nodes = reference.PointsTensor();
        var values = reference.ValuesTensor();
        var parts = new List<torch.Tensor>();
        for (long start = 0; start < x.shape[0]; start += 1024)
        {
            var part = x.narrow(0, start, Math.Min(1024, x.shape[0] - start));
            parts.Add(values.index_select(0, torch.cdist(part, nodes).argmin(1)));
        }
        var nearest = torch.cat(parts, 0);
        return Enumerable.Range(0, reference.OutputDimension).Select(k => Doubles(nearest[.., k])).ToArray();
    }

    private static double[] Doubles(torch.Tensor t) => t.to(torch.float64, torch.CPU).contiguous().data<double>().ToArray();

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Safe(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
