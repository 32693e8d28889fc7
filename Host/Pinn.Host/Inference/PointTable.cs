using System.Globalization;
using TorchSharp;

namespace Pinn.Host.Inference;

/// <summary>
/// Points to evaluate a model at, read from a CSV file whose header names the problem's inputs (in any order; other
/// columns are ignored and named in <see cref="Ignored"/>). Every mistake — a missing input column, a cell that is
/// not a finite number, a row of the wrong width — is collected (up to <see cref="MaxErrors"/>, the rest counted), each
/// naming the file, line and column.
/// </summary>
internal sealed class PointTable
{
    /// <summary>Mistakes listed before the rest are only counted.</summary>
    public const int MaxErrors = 20;

    private PointTable(double[] values, int rows, int columns, IReadOnlyList<string> ignored)
    {
        Values = values;
        Rows = rows;
        Columns = columns;
        Ignored = ignored;
    }

    /// <summary>Row-major [Rows, Columns] coordinates in the problem's input order.</summary>
    public double[] Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Header columns that are not inputs.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The points [N, d] (float64, CPU).</summary>
    public torch.Tensor Points() => torch.tensor(Values, [Rows, Columns], torch.float64);

    /// <summary>Reads <paramref name="file"/>; null when it has mistakes, each added to <paramref name="mistakes"/> as
    /// <c>file: line …</c>, the first <see cref="MaxErrors"/> of them, the rest counted in <paramref name="unlisted"/>.</summary>
    public static PointTable? Read(string file, IReadOnlyList<string> inputs, List<string> mistakes, out int unlisted)
    {
        unlisted = 0;
        if (!File.Exists(file))
        {
            mistakes.Add(Directory.Exists(file) ? $"{file}: is a folder, not a CSV file" : $"{file}: no such file");
            return null;
        }
        var lines = File.ReadAllLines(file);
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            mistakes.Add($"{file}: the file is empty; expected a header naming the inputs ({string.Join(",", inputs)}) and one row per point");
            return null;
        }
        var header = lines[first].Split(',').Select(h => h.Trim()).ToArray();
        var errors = new List<string>();
        var positions = new int[inputs.Count];
        for (var j = 0; j < inputs.Count; j++)
        {
            positions[j] = Array.IndexOf(header, inputs[j]);
            if (positions[j] < 0) errors.Add($"line {first + 1}: no column '{inputs[j]}' (the header must name the inputs {string.Join(", ", inputs)}; it has {string.Join(", ", header)})");
        }
        foreach (var duplicate in header.GroupBy(h => h).Where(g => g.Count() > 1 && inputs.Contains(g.Key)))
            errors.Add($"line {first + 1}: column '{duplicate.Key}' appears {duplicate.Count()} times");

        var values = new List<double>();
        var rows = 0;
        var more = 0;
        void Error(string text)
        {
            if (errors.Count < MaxErrors) errors.Add(text);
            else more++;
        }
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length)
            {
                Error($"line {i + 1}: {cells.Length} cells, the header has {header.Length}");
                continue;
            }
            for (var j = 0; j < inputs.Count; j++)
            {
                if (positions[j] < 0) continue;             // a missing column: said once, above
                var cell = cells[positions[j]].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    Error($"line {i + 1}, column '{inputs[j]}': '{cell}' is not a finite number");
                values.Add(v);
            }
            rows++;
        }
        if (rows == 0) Error($"line {first + 1}: only a header; expected one row per point after it");
        if (errors.Count > 0)
        {
            mistakes.AddRange(errors.Select(e => $"{file}: {e}"));
            unlisted = more;
            return null;
        }
        return new PointTable(values.ToArray(), rows, inputs.Count, header.Where(h => !inputs.Contains(h)).ToArray());
    }
}
