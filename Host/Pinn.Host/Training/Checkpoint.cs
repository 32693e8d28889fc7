using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// A checkpoint file: the resolved manifest and run state as JSON, then named tensors (network and
/// problem parameters, optimizer state). Layout: "PINNCKPT", a format version (int32), the JSON length
/// (int64) and UTF-8 JSON, then each tensor's values as float64 in the order the JSON lists them with
/// their dtype and shape. Written to a temporary file in the same folder and moved over the old one,
/// so a crash never leaves a half-written checkpoint.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "PINNCKPT";
    private const int FormatVersion = 1;

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="header"/> to <paramref name="path"/> atomically.</summary>
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
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write((long)json.Length);
            writer.Write(json);
            foreach (var a in arrays)
            foreach (var x in a)
                writer.Write(x);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a checkpoint: its header and tensors (CPU, in their saved dtype).</summary>
    public static (JsonObject Header, Dictionary<string, torch.Tensor> Tensors) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
        if (magic != Magic) throw new InvalidDataException($"{path}: not a Pinn.Plugins checkpoint");
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"{path}: checkpoint format {version}, this host reads {FormatVersion}");
        var length = reader.ReadInt64();
        var document = JsonNode.Parse(reader.ReadBytes((int)length))!.AsObject();
        var tensors = new Dictionary<string, torch.Tensor>();
        foreach (var entry in document["tensors"]!.AsArray())
        {
            var shape = entry!["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var values = new double[count];
            for (var i = 0; i < count; i++) values[i] = reader.ReadDouble();
            var dtype = Enum.Parse<torch.ScalarType>(entry["dtype"]!.GetValue<string>());
            tensors[entry["name"]!.GetValue<string>()] = torch.tensor(values, shape, torch.float64).to(dtype);
        }
        return (document["header"]!.AsObject(), tensors);
    }
}
