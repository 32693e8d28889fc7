using System.Globalization;
using TorchSharp;

namespace Pinn.Host.Inference;

/// <summary>
/// A tensor-product grid given as <c>x=0:1:101,y=0:1:101</c>: for every input, <c>start:stop:count</c> (count ≥ 1
/// evenly spaced values from start to stop inclusive; a single value as <c>t=0.5</c>). The points are ordered with the
/// last input varying fastest.
/// </summary>
internal sealed class GridSpec
{
    /// <summary>Most points a grid may have.</summary>
    public const long MaxPoints = 50_000_000;

    private GridSpec(double[][] axes) => Axes = axes;

    /// <summary>The values of each input, in the problem's input order.</summary>
    public double[][] Axes { get; }

    /// <summary>Number of points.</summary>
    public long Count => Axes.Aggregate(1L, (n, a) => n * a.Length);

    /// <summary>The points [N, d] (float64, CPU), last input fastest.</summary>
    public torch.Tensor Points()
    {
        using var scope = torch.NewDisposeScope();
        var axes = Axes.Select(a => torch.tensor(a, torch.float64)).ToArray();
        var mesh = torch.meshgrid(axes, indexing: "ij");
        return torch.stack(mesh.Select(m => m.reshape(-1)).ToArray(), 1).MoveToOuterDisposeScope();
    }

    /// <summary>Reads <paramref name="text"/> against the inputs; every mistake is reported at once.</summary>
    public static GridSpec Parse(string text, IReadOnlyList<string> inputs)
    {
        var errors = new List<string>();
        var axes = new double[inputs.Count][];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq].Trim();
            var index = inputs.ToList().IndexOf(name);
            if (eq < 0 || index < 0)
            {
                errors.Add($"'{part}': expected <input>=start:stop:count with an input among {string.Join(", ", inputs)}");
                continue;
            }
            if (axes[index] is not null)
            {
                errors.Add($"'{name}' is given twice");
                continue;
            }
            var fields = part[(eq + 1)..].Split(':');
            var numbers = fields.Select(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null).ToArray();
            if (fields.Length == 1 && numbers[0] is { } single) axes[index] = [single];
            else if (fields.Length == 3 && numbers[0] is { } start && numbers[1] is { } stop && int.TryParse(fields[2], out var count) && count >= 1)
                axes[index] = count == 1 ? [start] : Enumerable.Range(0, count).Select(i => start + (stop - start) * i / (count - 1)).ToArray();
            else errors.Add($"'{part}': expected {name}=start:stop:count (finite numbers, count a whole number ≥ 1) or {name}=value");
        }
        for (var j = 0; j < inputs.Count; j++)
            if (axes[j] is null && !errors.Any(e => e.StartsWith($"'{inputs[j]}", StringComparison.Ordinal)))
                errors.Add($"input '{inputs[j]}' has no values (every input needs one: {string.Join(",", inputs.Select(i => i + "=start:stop:count"))})");
        if (errors.Count == 0 && axes.Aggregate(1L, (n, a) => n * a.Length) is var total && total > MaxPoints)
            errors.Add($"the grid has {total} points, more than {MaxPoints}");
        if (errors.Count > 0) throw new FormatException($"--grid: {string.Join("; ", errors)}");
        return new GridSpec(axes);
    }
}
