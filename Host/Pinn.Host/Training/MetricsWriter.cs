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

    public MetricsWriter(string path, IReadOnlyList<string> conditions)
    {
        _conditions = conditions;
        _writer = new StreamWriter(path, append: false);
        var header = new List<string> { "step", "stage", "optimizer", "seconds", "loss" };
        header.AddRange(conditions.Select(c => "loss_" + c));
        header.AddRange(["relL2", "stepSize", "diagnostics"]);
        _writer.WriteLine(string.Join(",", header));
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

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
