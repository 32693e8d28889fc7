using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// Reference values computed once and kept on disk: problems without a closed form (a numerical
/// reference solver) store the values at a set of points under
/// <c>{cacheDirectory}/references/{problem}-{key}.bin</c>, where the key hashes the problem name,
/// its options and the points bit for bit. Files are written atomically (a temporary file, then a
/// rename); a file that is truncated or does not match is recomputed and replaced.
/// </summary>
public sealed class ReferenceCache
{
    private const uint Magic = 0x52454643; // "REFC"

    /// <param name="cacheDirectory">The run's cache folder (<see cref="ProblemContext.CacheDirectory"/>); created on first write.</param>
    public ReferenceCache(string cacheDirectory) => Directory = Path.Combine(cacheDirectory, "references");

    /// <summary>The folder the reference files live in.</summary>
    public string Directory { get; }

    /// <summary>
    /// The reference values at <paramref name="points"/>: read from disk when this problem, these
    /// options and these points were computed before, otherwise computed and stored.
    /// </summary>
    /// <param name="problem">The problem's plugin name (part of the file name).</param>
    /// <param name="options">A canonical text of every option the values depend on (e.g. the options record's ToString()).</param>
    /// <param name="points">Points, row-major [N, d].</param>
    /// <param name="dimension">d.</param>
    /// <param name="outputs">m, the values per point.</param>
    /// <param name="compute">Computes the values, row-major [N, m], from the points.</param>
    /// <returns>Values, row-major [N, m].</returns>
    public double[] GetOrCompute(string problem, string options, double[] points, int dimension, int outputs, Func<double[], double[]> compute)
    {
        if (dimension < 1 || points.Length % dimension != 0)
            throw new ArgumentException($"{points.Length} coordinates do not make points of dimension {dimension}", nameof(points));
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "must be ≥ 1");
        var count = points.Length / dimension;
        var path = PathFor(problem, options, points, dimension);
        if (TryRead(path, count, outputs) is { } cached) return cached;

        var values = compute(points);
        if (values.Length != count * outputs)
            throw new InvalidOperationException($"{problem}: the reference solver returned {values.Length} values for {count} points × {outputs} outputs");
        Write(path, values, count, outputs);
        return values;
    }

    /// <summary>The file the values for these inputs are kept in.</summary>
    public string PathFor(string problem, string options, double[] points, int dimension)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{problem}\n{options}\n{dimension}\n"));
        var bytes = new byte[points.Length * sizeof(double)];
        Buffer.BlockCopy(points, 0, bytes, 0, bytes.Length);
        hash.AppendData(bytes);
        var key = Convert.ToHexString(hash.GetHashAndReset())[..24].ToLowerInvariant();
        var safe = string.Concat(problem.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
        return Path.Combine(Directory, $"{safe}-{key}.bin");
    }

    private static double[]? TryRead(string path, int count, int outputs)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length != 12 + (long)count * outputs * sizeof(double)) return null;
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic) return null;
            if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != count) return null;
            if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != outputs) return null;
            var values = new double[count * outputs];
            Buffer.BlockCopy(bytes, 12, values, 0, values.Length * sizeof(double));
            return values;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Write(string path, double[] values, int count, int outputs)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var bytes = new byte[12 + values.Length * sizeof(double)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), outputs);
        Buffer.BlockCopy(values, 0, bytes, 12, values.Length * sizeof(double));
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
