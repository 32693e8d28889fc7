using System.Globalization;

namespace Pinn.Host.Plots;

/// <summary>metrics.csv read back for plotting: step, stage, seconds, total loss, each condition's loss and the relative
/// L2 error, with empty cells as NaN.</summary>
internal sealed class MetricsTable
{
    private MetricsTable(double[] steps, int[] stages, double[] seconds, double[] loss, IReadOnlyDictionary<string, double[]> conditions, double[] relL2)
    {
        Steps = steps;
        Stages = stages;
        Seconds = seconds;
        Loss = loss;
        ConditionLosses = conditions;
        RelL2 = relL2;
    }

    public double[] Steps { get; }
    public int[] Stages { get; }
    public double[] Seconds { get; }
    public double[] Loss { get; }

    /// <summary>Each condition's loss by condition name.</summary>
    public IReadOnlyDictionary<string, double[]> ConditionLosses { get; }

    public double[] RelL2 { get; }

    /// <summary>Where a new stage starts: (step, seconds) of its first row, for every stage after the first.</summary>
    public IEnumerable<(double Step, double Seconds)> StageStarts
        => Enumerable.Range(1, Math.Max(Stages.Length - 1, 0)).Where(i => Stages[i] != Stages[i - 1]).Select(i => (Steps[i], Seconds[i]));

    /// <summary>Reads <paramref name="file"/>; an <see cref="InvalidDataException"/> naming the file and line when it is not
    /// the table <c>pinn run</c> writes.</summary>
    public static MetricsTable Read(string file)
    {
        var lines = File.ReadAllLines(file);
        if (lines.Length == 0) throw new InvalidDataException($"{file}: empty");
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{file}: line 1 has no column '{name}'");
        var (step, stage, seconds, loss, relL2) = (Column("step"), Column("stage"), Column("seconds"), Column("loss"), Column("relL2"));
        var conditionColumns = header.Select((h, i) => (h, i)).Where(p => p.h.StartsWith("loss_", StringComparison.Ordinal)).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select((l, i) => (Cells: l.Split(','), Line: i + 2)).ToArray();
        double Number((string[] Cells, int Line) row, int column)
        {
            if (column >= row.Cells.Length) throw new InvalidDataException($"{file}: line {row.Line} has {row.Cells.Length} cells, the header {header.Length}");
            var cell = row.Cells[column];
            if (cell.Length == 0) return double.NaN;
            return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new InvalidDataException($"{file}: line {row.Line}, column '{header[column]}': '{cell}' is not a number");
        }
        return new MetricsTable(
            rows.Select(r => Number(r, step)).ToArray(),
            rows.Select(r => (int)Number(r, stage)).ToArray(),
            rows.Select(r => Number(r, seconds)).ToArray(),
            rows.Select(r => Number(r, loss)).ToArray(),
            conditionColumns.ToDictionary(c => c.h["loss_".Length..], c => rows.Select(r => Number(r, c.i)).ToArray()),
            rows.Select(r => Number(r, relL2)).ToArray());
    }
}
