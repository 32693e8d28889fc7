using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// The JSON part of a <see cref="Checkpoint"/> file (<c>{"header": …, "tensors": [{name, dtype, shape}…]}</c>), checked
/// without touching torch: unique names, dtypes among those a checkpoint stores, shapes of whole numbers ≥ 0 with at
/// most 64 dimensions and a product that fits a long. A mistake is kept in <see cref="Error"/> rather than thrown, so
/// that the reader can consult the checksum first.
/// </summary>
internal sealed class CheckpointLayout
{
    /// <summary>One tensor as the header lists it.</summary>
    public sealed record Entry(string Name, torch.ScalarType DType, long[] Shape, long Count);

    /// <summary>Most dimensions a saved tensor may have (libtorch's own limit is of this order).</summary>
    private const int MaxDimensions = 64;

    /// <summary>The dtypes a checkpoint stores (as float64 values, converted back on reading).</summary>
    private static readonly torch.ScalarType[] StoredTypes =
    [
        torch.ScalarType.Float64, torch.ScalarType.Float32, torch.ScalarType.Float16, torch.ScalarType.BFloat16,
        torch.ScalarType.Int64, torch.ScalarType.Int32, torch.ScalarType.Int16, torch.ScalarType.Int8, torch.ScalarType.Byte,
        torch.ScalarType.Bool,
    ];

    /// <summary>The header object (manifest, progress, generators); null when <see cref="Error"/> is set.</summary>
    public JsonObject? Header { get; private init; }

    /// <summary>The tensors in file order.</summary>
    public List<Entry> Entries { get; } = [];

    /// <summary>Bytes of values the index describes (it may exceed any file).</summary>
    public Int128 ValueBytes { get; private set; }

    /// <summary>What is wrong with the header, or null.</summary>
    public string? Error { get; private init; }

    /// <summary>The first tensor whose values lie beyond the file, as a message, when <see cref="ValueBytes"/> exceeds the file.</summary>
    public string? Oversized { get; private set; }

    /// <summary>Reads the JSON part; <paramref name="valueBytes"/> is what the file holds after it (for <see cref="Oversized"/>).</summary>
    public static CheckpointLayout Parse(byte[] json, long valueBytes)
    {
        JsonObject document;
        try
        {
            var options = new JsonDocumentOptions { AllowDuplicateProperties = false };
            if (JsonNode.Parse(json, documentOptions: options) is not JsonObject parsed)
                return new CheckpointLayout { Error = "the checkpoint header is not a JSON object" };
            document = parsed;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return new CheckpointLayout { Error = $"the checkpoint header is not valid JSON: {e.Message}" };
        }
        if (document["header"] is not JsonObject header) return new CheckpointLayout { Error = "the checkpoint header has no \"header\" object" };
        if (document["tensors"] is not JsonArray index) return new CheckpointLayout { Error = "the checkpoint header has no \"tensors\" list" };
        var layout = new CheckpointLayout { Header = header };
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < index.Count; i++)
        {
            var (entry, error) = ParseEntry(index[i], i);
            if (error is not null) return new CheckpointLayout { Error = error };
            if (!names.Add(entry!.Name)) return new CheckpointLayout { Error = $"the checkpoint lists the tensor {entry.Name} twice" };
            layout.Entries.Add(entry);
            if (layout.ValueBytes + entry.Count * (Int128)sizeof(double) > valueBytes && layout.Oversized is null)
                layout.Oversized = $"{entry.Name} has shape [{string.Join(", ", entry.Shape)}] ({entry.Count} values of 8 bytes), "
                                   + $"more than the file holds ({valueBytes} bytes of values in all)";
            layout.ValueBytes += entry.Count * (Int128)sizeof(double);
        }
        return layout;
    }

    private static (Entry? Entry, string? Error) ParseEntry(JsonNode? node, int i)
    {
        if (node is not JsonObject entry) return (null, $"tensor {i} of the checkpoint is not an object");
        if (!TryString(entry["name"], out var name) || name.Length == 0) return (null, $"tensor {i} of the checkpoint has no name");
        if (!TryString(entry["dtype"], out var dtypeName)) return (null, $"{name} has no dtype");
        var dtype = StoredTypes.Cast<torch.ScalarType?>().FirstOrDefault(t => t.ToString() == dtypeName);
        if (dtype is null)
            return (null, $"{name} has the unknown dtype {JsonSerializer.Serialize(dtypeName)} (known: {string.Join(", ", StoredTypes)})");
        if (entry["shape"] is not JsonArray shapeNode) return (null, $"{name} has no shape");
        if (shapeNode.Count > MaxDimensions) return (null, $"{name} has {shapeNode.Count} dimensions, more than {MaxDimensions}");
        var shape = new long[shapeNode.Count];
        Int128 nonZero = 1; // the product of the sizes other than 0, saturating at long.MaxValue
        for (var d = 0; d < shape.Length; d++)
        {
            if (shapeNode[d] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out long size) || size < 0)
                return (null, $"{name} has the shape {shapeNode.ToJsonString()}: every size must be a whole number ≥ 0");
            shape[d] = size;
            nonZero = Int128.Min(nonZero * Math.Max(size, 1), long.MaxValue);
        }
        // Sizes whose product overflows are refused even beside a zero size: torch's stride arithmetic would overflow.
        if (nonZero == long.MaxValue)
            return (null, $"{name} has shape [{string.Join(", ", shape)}]: more values than any file holds");
        var count = shape.Contains(0) ? 0 : (long)nonZero;
        return (new Entry(name, dtype.Value, shape, count), null);
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }
}
