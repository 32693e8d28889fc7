using System.Globalization;
using System.Text;

namespace Pinn.Host.Training;

/// <summary>
/// metrics.csv: one row per step with step, stage, optimizer, seconds, loss and each condition's loss
/// (at the parameters the step started from), in a run with a weighting scheme each condition's weight w_c·λ_c the step
/// trained with (<c>weight_&lt;condition&gt;</c>), the relative L2 error when evaluated (after the step), the step size, and the optimizer's diagnostics as
/// <c>key=value</c> pairs separated by semicolons. Every row is flushed as it is written, so that a run that
/// dies (even natively) leaves every step it took on disk. The file is only ever appended to, cut back at a
/// row boundary, or replaced whole (atomically).
/// </summary>
internal sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _conditions;
    private readonly bool _weighted;
    private readonly Action<string> _warn;
    private readonly HashSet<string> _renamed = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts <paramref name="path"/> afresh, or, with <paramref name="continueAfterStep"/>, continues the rows of
    /// <paramref name="continueFrom"/> (default: <paramref name="path"/> itself): the rows up to that step are kept
    /// (rows a crashed run wrote after its last checkpoint are dropped) and new rows are appended. Continuing in
    /// place cuts the file back at the first dropped row; continuing another run's file copies its kept rows into a
    /// new file first. A missing file is started with its header either way.
    /// </summary>
    /// <param name="warn">Told once per diagnostic key that had to be renamed to keep the file's columns intact.</param>
    /// <param name="weighted">Whether the file has a weight column per condition (a run with a weighting scheme).</param>
    public MetricsWriter(string path, IReadOnlyList<string> conditions, long? continueAfterStep = null, string? continueFrom = null,
                         Action<string>? warn = null, bool weighted = false)
    {
        _conditions = conditions;
        _weighted = weighted;
        _warn = warn ?? (_ => { });
        var header = new List<string> { "step", "stage", "optimizer", "seconds", "loss" };
        header.AddRange(conditions.Select(c => "loss_" + c));
        if (weighted) header.AddRange(conditions.Select(c => "weight_" + c));
        header.AddRange(["relL2", "stepSize", "diagnostics"]);
        var headerLine = string.Join(",", header);
        var source = continueFrom ?? path;
        if (continueAfterStep is { } last && File.Exists(source))
        {
            var keep = KeptLength(source, headerLine, last);
            if (Path.GetFullPath(source) == Path.GetFullPath(path))
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read)) file.SetLength(keep);
            }
            else
            {
                AtomicFile.Write(path, target =>
                {
                    using var from = File.OpenRead(source);
                    CopyPrefix(from, target, keep);
                });
            }
            _writer = Open(path, append: true);
            return;
        }
        _writer = Open(path, append: false);
        _writer.WriteLine(headerLine);
    }

    private static StreamWriter Open(string path, bool append)
        => new(new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };

    /// <summary>The byte length of the header and the rows up to step <paramref name="last"/>; the first row past it,
    /// or one that is not whole (a write cut short), ends what is kept.</summary>
    private static long KeptLength(string path, string headerLine, long last)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        var line = new List<byte>(256);
        long offset = 0, kept = -1;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            offset++;
            if (b != '\n')
            {
                line.Add((byte)b);
                continue;
            }
            var text = Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            line.Clear();
            if (kept < 0)
            {
                if (text != headerLine)
                    throw new InvalidDataException($"{path}: its columns are not those of this run ({headerLine}); cannot append to it");
                kept = offset;
                continue;
            }
            var comma = text.IndexOf(',');
            if (comma <= 0 || !long.TryParse(text.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step > last) break;
            kept = offset;
        }
        if (kept < 0) throw new InvalidDataException($"{path}: it has no header line ({headerLine}); cannot append to it");
        return kept;
    }

    private static void CopyPrefix(Stream from, Stream to, long length)
    {
        var buffer = new byte[1 << 20];
        while (length > 0)
        {
            var n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (n == 0) break;
            to.Write(buffer, 0, n);
            length -= n;
        }
    }

    public void Write(long step, int stage, string optimizer, double seconds, double loss, IReadOnlyDictionary<string, double>? byCondition,
                      double? relL2, double stepSize, IReadOnlyDictionary<string, double> diagnostics, IReadOnlyDictionary<string, double>? weights = null)
    {
        var cells = new List<string> { step.ToString(CultureInfo.InvariantCulture), stage.ToString(CultureInfo.InvariantCulture), optimizer, F(seconds), F(loss) };
        cells.AddRange(_conditions.Select(c => byCondition is not null && byCondition.TryGetValue(c, out var v) ? F(v) : ""));
        if (_weighted) cells.AddRange(_conditions.Select(c => weights is not null && weights.TryGetValue(c, out var w) ? F(w) : ""));
        cells.Add(relL2 is { } e ? F(e) : "");
        cells.Add(F(stepSize));
        cells.Add(string.Join(";", diagnostics.Select(kv => $"{Key(kv.Key, optimizer)}={F(kv.Value)}")));
        _writer.WriteLine(string.Join(",", cells));
    }

    /// <summary>A diagnostic key as the file can hold it: characters that would split a cell, a pair or a row
    /// (<c>, ; = "</c>, line breaks and other control characters) become <c>_</c>, said once per key.</summary>
    private string Key(string key, string optimizer)
    {
        if (key.Length > 0 && !key.Any(IsSeparator)) return key;
        var safe = key.Length == 0 ? "_" : new string(key.Select(c => IsSeparator(c) ? '_' : c).ToArray());
        if (_renamed.Add(key))
            _warn($"optimizer '{optimizer}' reports a diagnostic named \"{key.ReplaceLineEndings("\\n")}\", which would break metrics.csv's columns; it is written as \"{safe}\"");
        return safe;
    }

    private static bool IsSeparator(char c) => c is ',' or ';' or '=' or '"' || char.IsControl(c);

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
