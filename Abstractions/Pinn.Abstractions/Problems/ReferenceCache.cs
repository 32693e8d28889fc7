using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// Reference values computed once and kept on disk: problems without a closed form (a numerical
/// reference solver) store the values at a set of points under
/// <c>{cacheDirectory}/references/{problem}-{key}.bin</c>, where the key hashes the problem name,
/// its options and the points bit for bit. A file holds its point and output counts and the SHA-256 of
/// the full key and the values: a file that is truncated, of the old format (no hash), or whose values or
/// key do not match the hash is recomputed and replaced. Files are written atomically (a temporary file,
/// then a rename).
/// </summary>
public sealed class ReferenceCache
{
    private const uint Magic = 0x32464552; // "REF2" (format 1, "REFC", had no hash)

    /// <summary>Magic, point count, output count, SHA-256.</summary>
    private const int HeaderLength = 4 + 4 + 4 + 32;

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
        var key = Key(problem, options, points, dimension);
        var path = PathOf(problem, key);
        if (TryRead(path, key, count, outputs) is { } cached) return cached;

        var values = compute(points);
        if (values.Length != count * outputs)
            throw new InvalidOperationException($"{problem}: the reference solver returned {values.Length} values for {count} points × {outputs} outputs");
        Write(path, key, values, count, outputs);
        return values;
    }

    /// <summary>The file the values for these inputs are kept in.</summary>
    public string PathFor(string problem, string options, double[] points, int dimension)
        => PathOf(problem, Key(problem, options, points, dimension));

    /// <summary>SHA-256 of the problem, its options, the dimension and the points bit for bit.</summary>
    private static byte[] Key(string problem, string options, double[] points, int dimension)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{problem}\n{options}\n{dimension}\n"));
        hash.AppendData(LittleEndian(points));
        return hash.GetHashAndReset();
    }

    private string PathOf(string problem, byte[] key)
    {
        var safe = string.Concat(problem.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
        return Path.Combine(Directory, $"{safe}-{Convert.ToHexString(key)[..24].ToLowerInvariant()}.bin");
    }

    /// <summary>SHA-256 of the key, the counts and the values: what the file's header must hold.</summary>
    private static byte[] Seal(byte[] key, int count, int outputs, ReadOnlySpan<byte> values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(key);
        Span<byte> counts = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(counts, count);
        BinaryPrimitives.WriteInt32LittleEndian(counts[4..], outputs);
        hash.AppendData(counts);
        hash.AppendData(values);
        return hash.GetHashAndReset();
    }

    private static double[]? TryRead(string path, byte[] key, int count, int outputs)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length != HeaderLength + (long)count * outputs * sizeof(double)) return null;
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic) return null;
            if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != count) return null;
            if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != outputs) return null;
            var stored = bytes.AsSpan(12, 32);
            var payload = bytes.AsSpan(HeaderLength);
            if (!CryptographicOperations.FixedTimeEquals(stored, Seal(key, count, outputs, payload))) return null;
            var values = new double[count * outputs];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(payload[(8 * i)..]);
            return values;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Write(string path, byte[] key, double[] values, int count, int outputs)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var payload = LittleEndian(values);
        var bytes = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), outputs);
        Seal(key, count, outputs, payload).CopyTo(bytes.AsSpan(12));
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static byte[] LittleEndian(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }
}
