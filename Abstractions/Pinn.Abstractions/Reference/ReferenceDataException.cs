namespace Pinn.Abstractions.Reference;

/// <summary>
/// A reference-data file that cannot be used: missing, unreadable, or not in the format asked for. The message
/// names the file and, when one line is at fault, its line number and what was expected there, e.g.
/// <c>data/x.dat: line 12: 4 columns, expected 5 (x, y, u, v, p)</c>. An <see cref="IOException"/>: a fault of a file.
/// </summary>
public sealed class ReferenceDataException : IOException
{
    /// <param name="file">The file's path as it was given.</param>
    /// <param name="line">The 1-based line at fault, or null when the fault is the file's as a whole.</param>
    /// <param name="problem">What is wrong, without the file and line (they are prefixed).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public ReferenceDataException(string file, int? line, string problem, Exception? inner = null)
        : base(line is { } l ? $"{file}: line {l}: {problem}" : $"{file}: {problem}", inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file's path as it was given to the reader.</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault, or null when the fault is the file's as a whole (missing, no data rows).</summary>
    public int? Line { get; }
}
