using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Models;
using Pinn.Host.Manifests;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// The weights a run starts from when its manifest gives <c>model.weightsFrom</c>: the network of another run's checkpoint
/// in place of the random initialisation — to fine-tune with another optimizer, more points or another weighting, or to
/// go on with data or a geometry that changed a little. Every network tensor
/// (<see cref="NetworkTensors"/>: weights, biases, activation slopes, the embedding's constants) is taken over, converted
/// to the run's dtype; the checkpoint's network must have the same tensors with the same shapes, the same activation,
/// slopes and input embedding. The points, the optimizer and the problem's own parameters start afresh.
/// </summary>
internal static class StartingWeights
{
    /// <summary>The checkpoint <paramref name="given"/> names — a run folder (its checkpoint.bin) or a checkpoint file —
    /// relative to the manifest's folder or, when it is not there, the working directory; or why there is none.</summary>
    public static (string? File, string? Error) Locate(string given, string manifestFile)
    {
        var manifestFolder = Path.GetDirectoryName(Path.GetFullPath(manifestFile))!;
        var candidates = Path.IsPathRooted(given) ? [given] : new[] { Path.Combine(manifestFolder, given), Path.GetFullPath(given) }.Distinct().ToArray();
        foreach (var candidate in candidates.Select(Path.GetFullPath))
        {
            if (Directory.Exists(candidate))
            {
                var file = Path.Combine(candidate, ResumePoint.FileName);
                return File.Exists(file) ? (file, null) : (null, $"{candidate} is a folder without {ResumePoint.FileName} (give a run folder or a checkpoint file)");
            }
            if (File.Exists(candidate)) return (candidate, null);
        }
        return (null, $"no run folder or checkpoint file '{given}' (looked for {string.Join(" and ", candidates.Select(Path.GetFullPath))})");
    }

    /// <summary>Every reason the checkpoint <paramref name="file"/> cannot start <paramref name="network"/>, built from
    /// <paramref name="model"/>: a file that is not a sound checkpoint, another activation, other slopes or another input
    /// embedding, a network tensor it lacks, one this network lacks, one of another shape. Empty when it fits.</summary>
    public static IReadOnlyList<string> Mismatches(string file, ModelSection model, Mlp network)
    {
        ResumePoint checkpoint;
        try
        {
            checkpoint = ResumePoint.Load(file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return [$"not a checkpoint this host can read: {e.Message}"];
        }
        using (checkpoint) return Mismatches(checkpoint, model, network);
    }

    private static List<string> Mismatches(ResumePoint checkpoint, ModelSection model, Mlp network)
    {
        var mistakes = new List<string>();
        var theirs = checkpoint.Manifest["model"] as JsonObject;
        void Compare(string key, JsonNode? ours, string what)
        {
            var saved = theirs?[key];
            if (!JsonNode.DeepEquals(saved, ours))
                mistakes.Add($"the checkpoint's network has {what} {saved?.ToJsonString() ?? "(none)"}, this one {ours?.ToJsonString() ?? "(none)"}; "
                             + "its weights would not mean the same");
        }
        Compare("activation", JsonValue.Create(model.Activation), "the activation");
        Compare("adaptiveActivation", model.Adaptive is { } a ? ResolvedManifest.Adaptive(a) : null, "the activation slopes");
        Compare("embedding", model.Embedding is { } e ? ResolvedManifest.Embedding(e) : null, "the input embedding");

        var saved = checkpoint.Network.ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var wanted = NetworkTensors.Of(network).ToDictionary(t => t.Key, t => t.Tensor.shape);
        var (theirWidths, ourWidths) = (Widths(saved), Widths(wanted));
        var sameLayers = theirWidths == ourWidths;
        if (!sameLayers)
            mistakes.Add($"the checkpoint's network is {theirWidths}, this one {ourWidths} (features read by the first layer → hidden widths → outputs: "
                         + "model.hidden, the problem's inputs and outputs and the embedding must match)");
        bool Compared(string key) => sameLayers || !key.StartsWith("layers.", StringComparison.Ordinal);
        foreach (var (key, shape) in wanted.Where(kv => Compared(kv.Key)))
        {
            if (!saved.TryGetValue(key, out var stored)) mistakes.Add($"the checkpoint's network has no {key}, which this one has ([{Shape(shape)}])");
            else if (!stored.SequenceEqual(shape)) mistakes.Add($"{key} is [{Shape(stored)}] in the checkpoint, [{Shape(shape)}] in this network");
        }
        foreach (var key in saved.Keys.Where(k => !wanted.ContainsKey(k) && Compared(k)))
            mistakes.Add($"the checkpoint's network has {key} ([{Shape(saved[key])}]), which this one has not");
        return mistakes;
    }

    /// <summary>"2 → 20 → 20 → 1": the width each <c>layers.{l}.weight</c> [out, in] reads, then each one's output.</summary>
    private static string Widths(IReadOnlyDictionary<string, long[]> tensors)
    {
        var layers = new List<long[]>();
        while (tensors.TryGetValue($"layers.{layers.Count}.weight", out var shape)) layers.Add(shape);
        return layers.Count == 0 || layers.Any(l => l.Length != 2) ? "without dense layers"
            : string.Join(" → ", layers.Select(l => l[1]).Take(1).Concat(layers.Select(l => l[0])));
    }

    /// <summary>Copies the checkpoint's network tensors into <paramref name="network"/>, converted to its dtype and device;
    /// an <see cref="InvalidDataException"/> when they do not fit (the file changed since the manifest was checked).</summary>
    public static void Apply(string file, ModelSection model, Mlp network)
    {
        using var checkpoint = ResumePoint.Load(file);
        if (Mismatches(checkpoint, model, network) is { Count: > 0 } mistakes)
            throw new InvalidDataException($"{file}: cannot start the network from it: {string.Join("; ", mistakes)}");
        var saved = checkpoint.Network;
        using var noGrad = torch.no_grad();
        foreach (var (key, target) in NetworkTensors.Of(network)) target.copy_(saved[key]);
    }

    /// <summary>The SHA-256 of the file, lower-case hex, which the resolved manifest records beside its path.</summary>
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Shape(long[] shape) => string.Join(", ", shape);
}
