using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// A checkpoint file: the resolved manifest and run state as JSON, then named tensors (network and
/// problem parameters, optimizer state). Layout: "PINNCKPT", a format version (int32), the JSON length
/// (int64) and UTF-8 JSON, then each tensor's values as float64 in the order the JSON lists them with
/// their dtype and shape, then (format 2) the SHA-256 of every byte before it. Numbers are little-endian.
/// Written to a temporary file in the same folder and moved over the old one, so a crash never leaves a
/// half-written checkpoint. Reading checks the layout, the checksum and every shape against the file's
/// length before it allocates anything: a file that is not a whole, unchanged checkpoint is an
/// <see cref="InvalidDataException"/> saying what is wrong, never another exception. Format 1 (no checksum)
/// is still read.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "PINNCKPT";
    private const int FormatVersion = 2;
    private const int FirstFormatVersion = 1;

    /// <summary>Magic, version and JSON length.</summary>
    private const int PreambleLength = 8 + 4 + 8;

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="header"/> to <paramref name="path"/> atomically
    /// (format 2, with its checksum). A failed write leaves the previous file as it was and no temporary file.</summary>
    public static void Write(string path, JsonObject header, IReadOnlyDictionary<string, torch.Tensor> tensors)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var index = new JsonArray();
        var arrays = new List<double[]>();
        foreach (var (name, tensor) in tensors)
        {
            using var values = tensor.detach().to(torch.float64, torch.CPU).contiguous();
            arrays.Add(values.data<double>().ToArray());
            index.Add(new JsonObject
            {
                ["name"] = name,
                ["dtype"] = tensor.dtype.ToString(),
                ["shape"] = new JsonArray(tensor.shape.Select(s => (JsonNode)s).ToArray()),
            });
        }
        var document = new JsonObject { ["header"] = header.DeepClone(), ["tensors"] = index };
        var json = Encoding.UTF8.GetBytes(document.ToJsonString());
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                void Put(ReadOnlySpan<byte> bytes)
                {
                    stream.Write(bytes);
                    hash.AppendData(bytes);
                }
                Span<byte> number = stackalloc byte[8];
                Put(Encoding.ASCII.GetBytes(Magic));
                BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
                Put(number[..4]);
                BinaryPrimitives.WriteInt64LittleEndian(number, json.Length);
                Put(number);
                Put(json);
                foreach (var a in arrays) Put(LittleEndian(a));
                stream.Write(hash.GetHashAndReset());
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        DirectorySync.TryFlush(directory);
    }

    /// <summary>Reads a checkpoint: its header and tensors (CPU, in their saved dtype). Anything but a whole,
    /// unchanged checkpoint is an <see cref="InvalidDataException"/> whose message starts with <paramref name="path"/>.</summary>
    public static (JsonObject Header, Dictionary<string, torch.Tensor> Tensors) Read(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot read: {e.Message}", e);
        }
        using (stream)
        {
            var length = stream.Length;
            InvalidDataException Bad(string why) => new($"{path}: {why}");

            Span<byte> preamble = stackalloc byte[PreambleLength];
            var got = stream.ReadAtLeast(preamble, PreambleLength, throwOnEndOfStream: false);
            if (length == 0) throw Bad("not a Pinn.Plugins checkpoint (the file is empty)");
            if (got < Magic.Length || Encoding.ASCII.GetString(preamble[..Magic.Length]) != Magic)
                throw Bad("not a Pinn.Plugins checkpoint (it does not start with \"PINNCKPT\")");
            if (got < PreambleLength)
                throw Bad($"truncated: {length} bytes, the header describes at least {PreambleLength}");
            var version = BinaryPrimitives.ReadInt32LittleEndian(preamble[8..]);
            if (version is not (FirstFormatVersion or FormatVersion))
                throw Bad($"checkpoint format {version}, this host reads formats {FirstFormatVersion} and {FormatVersion}");
            var trailer = version >= 2 ? SHA256.HashSizeInBytes : 0;
            var jsonLength = BinaryPrimitives.ReadInt64LittleEndian(preamble[12..]);
            if (jsonLength < 0) throw Bad($"damaged: the header length is {jsonLength}");
            if (jsonLength > Array.MaxLength) throw Bad($"damaged: the header length {jsonLength} is more than a header can have");
            var valuesStart = PreambleLength + (Int128)jsonLength;
            if (valuesStart + trailer > length)
                throw Bad($"truncated: {length} bytes, the header describes at least {valuesStart + trailer}");

            var json = new byte[jsonLength];
            stream.ReadExactly(json);
            var valueBytes = length - (long)valuesStart - trailer;
            var layout = CheckpointLayout.Parse(json, valueBytes);
            var described = valuesStart + layout.ValueBytes + trailer;

            if (version >= 2)
            {
                // A damaged file says so first: a changed byte can make the header say anything.
                var intact = ChecksumMatches(stream, length);
                if (!intact)
                {
                    if (layout.Error is null && described > length)
                        throw Bad($"truncated: {length} bytes, the header describes {described}");
                    if (layout.Error is null && described < length)
                        throw Bad($"{length - described} bytes of trailing garbage after the {described} bytes the header describes");
                    throw Bad("damaged: its checksum does not match (a byte changed after it was written)");
                }
            }
            if (layout.Error is { } error) throw Bad(error);
            if (described > length)
            {
                if (version >= 2) throw Bad(layout.Oversized!); // intact, so the header itself asks for more values than it holds
                throw Bad($"truncated: {length} bytes, the header describes {described}");
            }
            if (described < length)
                throw Bad($"{length - described} bytes of trailing garbage after the {described} bytes the header describes");

            stream.Position = (long)valuesStart;
            var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
            try
            {
                foreach (var entry in layout.Entries)
                {
                    if (entry.Count > Array.MaxLength)
                        throw Bad($"{entry.Name} has shape [{string.Join(", ", entry.Shape)}]: more values than one tensor of this host holds");
                    var values = new double[entry.Count];
                    stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                    if (!BitConverter.IsLittleEndian)
                        for (var i = 0; i < values.Length; i++)
                            values[i] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(values[i])));
                    using var stored = torch.tensor(values, entry.Shape, torch.float64);
                    tensors[entry.Name] = stored.to(entry.DType);
                }
            }
            catch
            {
                foreach (var t in tensors.Values) t.Dispose();
                throw;
            }
            return (layout.Header!, tensors);
        }
    }

    /// <summary>Whether the trailing SHA-256 is that of every byte before it.</summary>
    private static bool ChecksumMatches(FileStream stream, long length)
    {
        var position = stream.Position;
        stream.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (var left = length - SHA256.HashSizeInBytes; left > 0;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) return false;
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        var stored = new byte[SHA256.HashSizeInBytes];
        stream.ReadExactly(stored);
        stream.Position = position;
        return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), stored);
    }

    private static ReadOnlySpan<byte> LittleEndian(double[] values)
    {
        if (BitConverter.IsLittleEndian) return MemoryMarshal.AsBytes(values.AsSpan());
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }
}
