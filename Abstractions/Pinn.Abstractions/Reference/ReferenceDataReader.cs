using System.Globalization;
using System.Reflection;

namespace Pinn.Abstractions.Reference;

/// <summary>
/// Reads tabulated reference solutions into <see cref="ReferenceData"/>: CSV files with a header row, and the text
/// exports of COMSOL that PINNacle ships (steady and time-dependent). Rows holding NaN are left out and counted, as
/// PINNacle's metric leaves them out. Every other fault — a missing file, a row with the wrong number of columns, a
/// number that does not parse, an infinite value, a time header that does not parse, a file without usable rows —
/// is a <see cref="ReferenceDataException"/> naming the file and the line.
/// </summary>
public static class ReferenceDataReader
{
    /// <summary>The folder beside a plugin's assembly that holds the data files it ships.</summary>
    public const string ShippedDataFolder = "data";

    /// <summary>
    /// Reads a CSV file: the first line that is neither blank nor a <c>#</c> comment is the header of column names
    /// (surrounding spaces and double quotes are dropped); each following line is one node, every column a number.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="inputColumns">Names of the d ≥ 1 input columns, in the order the problem takes its inputs
    /// (time first for time-dependent problems), whatever their order in the file.</param>
    /// <param name="outputColumns">Names of the m field columns, in the problem's output order.</param>
    /// <param name="separator">The column separator.</param>
    /// <returns>Points [N, d] and values [N, m], named after the chosen columns.</returns>
    /// <exception cref="ReferenceDataException">The file is missing, a name is not (or more than once) in the
    /// header, or a row does not fit.</exception>
    public static ReferenceData ReadCsv(string path, IReadOnlyList<string> inputColumns, IReadOnlyList<string> outputColumns, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(outputColumns);
        return ReadCsv(path, separator, (header, line) => (Find(path, line, header, inputColumns), Find(path, line, header, outputColumns)));
    }

    /// <summary>
    /// Reads a CSV file as <see cref="ReadCsv(string, IReadOnlyList{string}, IReadOnlyList{string}, char)"/>, the
    /// columns chosen by their 0-based index.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="inputColumns">Indices of the d ≥ 1 input columns, in the problem's input order.</param>
    /// <param name="outputColumns">Indices of the m field columns, in the problem's output order.</param>
    /// <param name="separator">The column separator.</param>
    /// <returns>Points [N, d] and values [N, m], named after the chosen columns' headers.</returns>
    public static ReferenceData ReadCsv(string path, IReadOnlyList<int> inputColumns, IReadOnlyList<int> outputColumns, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(outputColumns);
        return ReadCsv(path, separator, (header, line) =>
        {
            foreach (var i in inputColumns.Concat(outputColumns))
                if (i < 0 || i >= header.Length)
                    throw new ReferenceDataException(path, line, $"no column {i}: the header has {header.Length} columns (0 … {header.Length - 1})");
            return (inputColumns.ToArray(), outputColumns.ToArray());
        });
    }

    /// <summary>
    /// Reads a COMSOL text export as PINNacle does. Lines starting with <c>%</c> are the header; data lines are
    /// numbers separated by white space.
    /// <list type="bullet">
    /// <item>Steady (<paramref name="timeDependent"/> false): each row is the coordinates, then the
    /// <paramref name="outputCount"/> fields.</item>
    /// <item>Time-dependent: each row is one spatial node, its coordinates, then for each time a block of
    /// <paramref name="outputCount"/> columns (u@t0, [v@t0, …,] u@t1, …). The times come from the <c>@ t=…</c>
    /// tokens of the last header line (one per column; the columns of a block must share their time). The node
    /// rows are expanded into one row per node and time, node by node, time by time, with the time as the first
    /// input (<paramref name="timeFirst"/>) or after the coordinates (PINNacle's own order).</item>
    /// </list>
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="inputColumns">Names of the coordinate columns, in file order (e.g. <c>["x", "y"]</c>); their
    /// number says how many leading columns are coordinates. They name the inputs (COMSOL's own header spells them
    /// variously, <c>X</c> or <c>x</c>); time-dependent data add the input <c>t</c>.</param>
    /// <param name="outputCount">m, the fields per node (and per time); 0 reads points only (steady files).</param>
    /// <param name="timeDependent">Whether the file holds one block of fields per time.</param>
    /// <param name="timeFirst">For time-dependent files: rows (t, x…, fields) when true, (x…, t, fields) when false.</param>
    /// <param name="outputNames">Names of the m fields (default <c>u</c>, or <c>u1</c> … <c>um</c>).</param>
    /// <returns>Points [N, d] and values [N, m]; d = the coordinates (+ 1 for time), N = nodes (× times) less the
    /// rows with NaN.</returns>
    /// <exception cref="ReferenceDataException">The file is missing or does not fit the format.</exception>
    public static ReferenceData ReadComsol(string path, IReadOnlyList<string> inputColumns, int outputCount, bool timeDependent,
                                           bool timeFirst = true, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        if (inputColumns.Count < 1) throw new ArgumentException("at least one coordinate column is needed", nameof(inputColumns));
        ArgumentOutOfRangeException.ThrowIfNegative(outputCount);
        if (timeDependent && outputCount < 1) throw new ArgumentOutOfRangeException(nameof(outputCount), outputCount, "a time-dependent file has ≥ 1 field per time");
        var names = outputNames ?? Problems.FieldNames.Default(outputCount);
        if (Problems.FieldNames.Problem(names, outputCount) is { } bad) throw new ArgumentException(bad, nameof(outputNames));
        if (timeDependent && inputColumns.Contains("t")) throw new ArgumentException("the time input is named t: the coordinates need other names", nameof(inputColumns));

        var space = inputColumns.Count;
        var lines = ReadLines(path);
        var headerLine = 0;
        string? header = null;
        var first = 0;
        for (; first < lines.Length; first++)
        {
            var trimmed = lines[first].TrimStart();
            if (trimmed.StartsWith('%')) (header, headerLine) = (trimmed, first + 1);
            else if (trimmed.Length > 0) break;
        }

        double[] times = [];
        string expected;
        int columns;
        if (timeDependent)
        {
            if (header is null)
                throw new ReferenceDataException(path, first < lines.Length ? first + 1 : null,
                                                 "a time-dependent export needs a '%' header line naming the columns with '@ t=…' before the data; there is none");
            times = Times(path, headerLine, header, outputCount);
            columns = space + times.Length * outputCount;
            expected = $"{string.Join(", ", inputColumns)}, then {string.Join(", ", names)} at {times.Length} times";
        }
        else
        {
            columns = space + outputCount;
            expected = string.Join(", ", inputColumns.Concat(names));
        }

        var slices = Math.Max(times.Length, 1);
        var points = new List<double>();
        var values = new List<double>();
        var dropped = 0;
        var rows = 0;
        var row = new double[columns];
        for (var i = first; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('%')) continue;
            var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != columns)
                throw new ReferenceDataException(path, i + 1, $"{tokens.Length} columns, expected {columns} ({expected})");
            for (var c = 0; c < columns; c++) row[c] = Number(path, i + 1, c, tokens[c]);
            for (var k = 0; k < slices; k++)
            {
                rows++;
                var block = row.AsSpan(space + k * outputCount, outputCount);
                if (HasNaN(row.AsSpan(0, space)) || HasNaN(block)) { dropped++; continue; }
                if (timeDependent && timeFirst) points.Add(times[k]);
                points.AddRange(row.AsSpan(0, space));
                if (timeDependent && !timeFirst) points.Add(times[k]);
                values.AddRange(block);
            }
        }
        string[] inputs = timeDependent ? timeFirst ? ["t", .. inputColumns] : [.. inputColumns, "t"] : [.. inputColumns];
        return Build(path, inputs, names, points, values, rows, dropped);
    }

    /// <summary>
    /// The full path of a data file a plugin ships beside its assembly, <c>&lt;assembly folder&gt;/data/&lt;relativePath&gt;</c>
    /// (a plugin project puts it there with <c>&lt;PinnacleData&gt;</c> or a <c>&lt;PinnData&gt;</c> item; see
    /// Directory.Build.targets).
    /// </summary>
    /// <param name="assembly">The plugin's assembly, e.g. <c>typeof(MyProblem).Assembly</c>.</param>
    /// <param name="relativePath">The path below <c>data/</c>, e.g. <c>pinnacle/burgers1d.dat</c>.</param>
    /// <exception cref="ReferenceDataException">The file is not there (the message names the full path), or the
    /// assembly was not loaded from a file.</exception>
    /// <exception cref="ArgumentException"><paramref name="relativePath"/> is rooted or leads out of the data folder.</exception>
    public static string ShippedFile(Assembly assembly, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath)) throw new ArgumentException($"'{relativePath}' must be relative to the {ShippedDataFolder} folder", nameof(relativePath));
        var name = assembly.GetName().Name;
        if (string.IsNullOrEmpty(assembly.Location))
            throw new ReferenceDataException(relativePath, null, $"{name} was not loaded from a file, so the data it ships beside it cannot be found");
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(assembly.Location)!, ShippedDataFolder));
        var full = Path.GetFullPath(Path.Combine(folder, relativePath));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' leads out of the {ShippedDataFolder} folder", nameof(relativePath));
        if (!File.Exists(full))
            throw new ReferenceDataException(full, null, $"no such file: {name} should ship {ShippedDataFolder}/{relativePath.Replace('\\', '/')} beside its assembly "
                                                         + "(its project names it in <PinnacleData> or a <PinnData> item)");
        return full;
    }

    private static ReferenceData ReadCsv(string path, char separator, Func<string[], int, (int[] Inputs, int[] Outputs)> choose)
    {
        var lines = ReadLines(path);
        var headerIndex = 0;
        while (headerIndex < lines.Length && (lines[headerIndex].Trim().Length == 0 || lines[headerIndex].TrimStart().StartsWith('#'))) headerIndex++;
        if (headerIndex == lines.Length) throw new ReferenceDataException(path, null, "no header row of column names");
        var header = lines[headerIndex].Split(separator).Select(h => h.Trim().Trim('"').Trim()).ToArray();
        var (inputs, outputs) = choose(header, headerIndex + 1);
        if (inputs.Length < 1) throw new ArgumentException("at least one input column is needed", "inputColumns");
        if (inputs.Concat(outputs).GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"column '{header[twice.Key]}' is chosen twice");
        var expected = string.Join(", ", header);

        var points = new List<double>();
        var values = new List<double>();
        int rows = 0, dropped = 0;
        var row = new double[header.Length];
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var cells = text.Split(separator);
            if (cells.Length != header.Length)
                throw new ReferenceDataException(path, i + 1, $"{cells.Length} columns, expected {header.Length} ({expected})");
            rows++;
            // Only the chosen columns must be numbers: the others may hold anything.
            foreach (var c in inputs.Concat(outputs)) row[c] = Number(path, i + 1, c, cells[c].Trim().Trim('"'), header[c]);
            if (inputs.Concat(outputs).Any(c => double.IsNaN(row[c]))) { dropped++; continue; }
            foreach (var c in inputs) points.Add(row[c]);
            foreach (var c in outputs) values.Add(row[c]);
        }
        return Build(path, [.. inputs.Select(c => header[c])], [.. outputs.Select(c => header[c])], points, values, rows, dropped);
    }

    private static int[] Find(string path, int line, string[] header, IReadOnlyList<string> names)
        => names.Select(name =>
        {
            var at = Enumerable.Range(0, header.Length).Where(c => header[c] == name).ToArray();
            return at.Length switch
            {
                1 => at[0],
                0 => throw new ReferenceDataException(path, line, $"no column '{name}' in the header (columns: {string.Join(", ", header)})"),
                _ => throw new ReferenceDataException(path, line, $"the header names '{name}' {at.Length} times"),
            };
        }).ToArray();

    /// <summary>The times of the blocks, from the <c>@ t=…</c> tokens of the header line: one per column after the
    /// coordinates, <paramref name="outputs"/> columns (with one time) per block.</summary>
    private static double[] Times(string path, int line, string header, int outputs)
    {
        var segments = header.Split('@')[1..];
        if (segments.Length == 0)
            throw new ReferenceDataException(path, line, "expected the column header of a time-dependent export, one '@ t=…' per field column; found no '@'");
        var times = new double[segments.Length];
        for (var k = 0; k < segments.Length; k++)
        {
            var segment = segments[k].Trim();
            if (!segment.StartsWith("t=", StringComparison.Ordinal))
                throw new ReferenceDataException(path, line, $"column {k + 1} after the coordinates is '@ {Shorten(segment)}', expected '@ t=<time>'");
            var token = segment[2..].Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out times[k]) || !double.IsFinite(times[k]))
                throw new ReferenceDataException(path, line, $"'t={token}' in column {k + 1} after the coordinates is not a time");
        }
        if (times.Length % outputs != 0)
            throw new ReferenceDataException(path, line, $"{times.Length} columns with a time do not make blocks of {outputs} fields");
        var blocks = new double[times.Length / outputs];
        for (var b = 0; b < blocks.Length; b++)
        {
            blocks[b] = times[b * outputs];
            for (var j = 1; j < outputs; j++)
                if (times[b * outputs + j] != blocks[b])
                    throw new ReferenceDataException(path, line, $"the {outputs} columns of time block {b + 1} are at different times "
                                                                 + $"({string.Join(", ", times.AsSpan(b * outputs, outputs).ToArray().Select(Format))})");
        }
        return blocks;
    }

    private static string[] ReadLines(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new ReferenceDataException(path, null, $"no such file ({Path.GetFullPath(path)})");
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReferenceDataException(path, null, $"cannot be read: {e.Message}", e);
        }
    }

    private static double Number(string path, int line, int column, string token, string? name = null)
    {
        var what = name is null ? $"column {column + 1}" : $"column {column + 1} ({name})";
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new ReferenceDataException(path, line, $"{what}: '{Shorten(token)}' is not a number");
        if (double.IsInfinity(value)) throw new ReferenceDataException(path, line, $"{what}: {token} is not finite");
        return value;
    }

    private static ReferenceData Build(string path, string[] inputs, IReadOnlyList<string> outputs, List<double> points, List<double> values, int rows, int dropped)
    {
        if (rows == 0) throw new ReferenceDataException(path, null, "no data rows");
        if (dropped == rows) throw new ReferenceDataException(path, null, $"every one of its {rows} rows holds NaN");
        return new ReferenceData(Path.GetFileName(path), inputs, outputs, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points),
                                 System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), dropped);
    }

    private static bool HasNaN(ReadOnlySpan<double> numbers)
    {
        foreach (var x in numbers)
            if (double.IsNaN(x)) return true;
        return false;
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
