using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pinn.Tests.Support;

/// <summary>
/// A checkpoint file taken apart byte by byte, written independently of the host's reader so that tests can craft
/// damaged variants: "PINNCKPT", format version (int32), JSON length (int64), UTF-8 JSON
/// (<c>{"header": …, "tensors": [{name, dtype, shape}…]}</c>), float64 values, and from format 2 a trailing SHA-256
/// of every byte before it. <see cref="ToBytes"/> rebuilds a file whose checksum matches whatever was changed, so
/// that the check a test aims at is the one that fires.
/// </summary>
internal sealed class CheckpointFile
{
    private const int PreambleLength = 20;

    private CheckpointFile(JsonObject document, byte[] values)
    {
        Document = document;
        Values = values;
    }

    /// <summary>The JSON part: <c>header</c> and <c>tensors</c>.</summary>
    public JsonObject Document { get; }

    /// <summary>The header: manifest, progress fields, generator states.</summary>
    public JsonObject Header => Document["header"]!.AsObject();

    /// <summary>The tensor index.</summary>
    public JsonArray Tensors => Document["tensors"]!.AsArray();

    /// <summary>Every tensor's values as little-endian float64, in index order.</summary>
    public byte[] Values { get; set; }

    /// <summary>Replaces the JSON part with these bytes as they are (e.g. text that is not JSON).</summary>
    public byte[]? RawJson { get; set; }

    /// <summary>Reads a file this host wrote (format 2).</summary>
    public static CheckpointFile Open(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var jsonLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        var document = JsonNode.Parse(bytes.AsSpan(PreambleLength, jsonLength))!.AsObject();
        var values = bytes[(PreambleLength + jsonLength)..^SHA256.HashSizeInBytes];
        return new CheckpointFile(document, values);
    }

    /// <summary>The index entry of <paramref name="tensor"/>.</summary>
    public JsonObject Entry(string tensor) => Tensors.Single(t => t!["name"]!.GetValue<string>() == tensor)!.AsObject();

    /// <summary>Byte offset of <paramref name="tensor"/>'s first value within <see cref="Values"/>.</summary>
    public int OffsetOf(string tensor)
    {
        var offset = 0;
        foreach (var t in Tensors)
        {
            if (t!["name"]!.GetValue<string>() == tensor) return offset;
            offset += 8 * (int)t["shape"]!.AsArray().Aggregate(1L, (n, s) => n * s!.GetValue<long>());
        }
        throw new ArgumentException($"no tensor {tensor}");
    }

    /// <summary>Sets value <paramref name="index"/> (row-major) of <paramref name="tensor"/>.</summary>
    public void SetValue(string tensor, int index, double value)
        => BinaryPrimitives.WriteDoubleLittleEndian(Values.AsSpan(OffsetOf(tensor) + 8 * index), value);

    /// <summary>The file: format <paramref name="version"/>, with a matching checksum from format 2 on.</summary>
    public byte[] ToBytes(int version = 2)
    {
        var json = RawJson ?? Encoding.UTF8.GetBytes(Document.ToJsonString());
        var bytes = new byte[PreambleLength + json.Length + Values.Length + (version >= 2 ? SHA256.HashSizeInBytes : 0)];
        Encoding.ASCII.GetBytes("PINNCKPT").CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), json.Length);
        json.CopyTo(bytes, PreambleLength);
        Values.CopyTo(bytes, PreambleLength + json.Length);
        if (version >= 2)
            SHA256.HashData(bytes.AsSpan(0, bytes.Length - SHA256.HashSizeInBytes)).CopyTo(bytes, bytes.Length - SHA256.HashSizeInBytes);
        return bytes;
    }

    /// <summary>Recomputes the trailing checksum of a format-2 file's bytes in place.</summary>
    public static byte[] Reseal(byte[] bytes)
    {
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - SHA256.HashSizeInBytes)).CopyTo(bytes, bytes.Length - SHA256.HashSizeInBytes);
        return bytes;
    }
}
