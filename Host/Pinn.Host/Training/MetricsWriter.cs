using System.Globalization;

namespace Pinn.Host.Training;

/// <summary>
/// metrics.csv: one row per step with step, stage, optimizer, seconds, loss and each condition's loss
/// (at the parameters the step started from), the relative L2 error when evaluated (after the step), the step size, and the optimizer's diagnostics as
/// <c>key=value</c> pairs separated by semicolons. Flushed at every evaluation so a killed run keeps its rows.
/// </summary>
internal sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _conditions;

    /// <summary>Starts <paramref name="path"/> afresh, or, with <paramref name="continueAfterStep"/>, continues it:
    /// the rows up to that step are kept (rows a crashed run wrote after its last checkpoint are dropped)
    /// and new rows are appended. A missing file is started with its header either way.</summary>
    public MetricsWriter(string path, IReadOnlyList<string> conditions, long? continueAfterStep = null)
    {
        _conditions = conditions;
        var header = new List<string> { "step", "stage", "optimizer", "seconds", "loss" };
        header.AddRange(conditions.Select(c => "loss_" + c));
        header.AddRange(["relL2", "stepSize", "diagnostics"]);
        var headerLine = string.Join(",", header);
        if (continueAfterStep is { } last && File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0 || lines[0] != headerLine)
                throw new InvalidDataException($"{path}: its columns are not those of this run ({headerLine}); cannot append to it");
            var kept = lines.Skip(1).TakeWhile(l => long.TryParse(l.Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step <= last);
            File.WriteAllLines(path, [headerLine, .. kept]);
            _writer = new StreamWriter(path, append: true);
            return;
        }
        _writer = new StreamWriter(path, append: false);
        _writer.WriteLine(headerLine);
    }

    public void Write(long step, int stage, string optimizer, double seconds, double loss, IReadOnlyDictionary<string, double>? byCondition,
                      double? relL2, double stepSize, IReadOnlyDictionary<string, double> diagnostics)
    {
        var cells = new List<string> { step.ToString(CultureInfo.InvariantCulture), stage.ToString(CultureInfo.InvariantCulture), optimizer, F(seconds), F(loss) };
        cells.AddRange(_conditions.Select(c => byCondition is not null && byCondition.TryGetValue(c, out var v) ? F(v) : ""));
        cells.Add(relL2 is { } e ? F(e) : "");
        cells.Add(F(stepSize));
        cells.Add(string.Join(";", diagnostics.Select(kv => $"{kv.Key}={F(kv.Value)}")));
        _writer.WriteLine(string.Join(",", cells));
        if (relL2 is not null) _writer.Flush();
    }

    /// <summary>Writes the buffered rows to the file (before a checkpoint, so that the rows it covers are on disk).</summary>
    public void Flush() => _writer.Flush();

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
