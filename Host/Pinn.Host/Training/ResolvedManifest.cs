using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Models;
using Pinn.Host.Manifests;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// manifest.resolved.json: a run plan with every default filled in and each plugin's version, options,
/// assembly and SHA-256. Checkpoints carry it too, so that a resumed run can be checked against it.
/// </summary>
internal static class ResolvedManifest
{
    public static JsonObject Of(RunPlan plan, long parameterCount)
    {
        var m = plan.Manifest;
        var problem = Plugin(plan.Problem);
        problem["weights"] = new JsonObject(plan.ProblemInstance.Conditions.Select(c =>
            KeyValuePair.Create(c.Name, (JsonNode?)(m.Weights.TryGetValue(c.Name, out var w) ? w : c.Weight))));
        var sampler = Plugin(plan.Sampler);
        sampler["points"] = new JsonObject(plan.Points.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        sampler["resampleEvery"] = new JsonObject(plan.ResampleEvery.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var stages = new JsonArray(plan.Stages.Select(s => (JsonNode)new JsonObject
        {
            ["optimizer"] = Plugin(s.Optimizer),
            ["budget"] = Budget(s.Budget),
        }).ToArray());
        var resolved = new JsonObject
        {
            ["name"] = m.Name,
            ["seed"] = m.Seed,
            ["device"] = plan.Spec.Device.type.ToString().ToLowerInvariant(),
            ["dtype"] = m.DType,
            ["threads"] = m.Threads ?? torch.get_num_threads(),
            ["problem"] = problem,
            ["model"] = new JsonObject
            {
                ["hidden"] = new JsonArray(m.Model!.Hidden.Select(h => (JsonNode)h).ToArray()),
                ["activation"] = m.Model!.Activation,
                ["init"] = m.Model!.Init.Name(),
                ["initScale"] = m.Model!.InitScale,
                ["parameterCount"] = parameterCount,
            },
            ["engine"] = Plugin(plan.Engine),
            ["sampler"] = sampler,
            ["weighting"] = plan.Weighting is { } weighting ? Plugin(weighting) : FixedWeighting(),
            ["stages"] = stages,
            ["evaluation"] = new JsonObject { ["every"] = m.Evaluation.Every, ["points"] = m.Evaluation.Points },
            ["checkpointEvery"] = m.CheckpointEvery,
            ["checkpointSeconds"] = m.CheckpointSeconds,
            ["host"] = new JsonObject
            {
                ["version"] = typeof(ResolvedManifest).Assembly.GetName().Version!.ToString(3),
                ["abstractions"] = Plugins.AbstractionsCompatibility.HostVersion.ToString(3),
                ["manifestFile"] = Path.GetFullPath(plan.ManifestFile),
            },
        };
        // Only when on, so that a run without (and every run from before hard constraints existed) reads the same.
        if (m.Model.HardConstraints) resolved["model"]!["hardConstraints"] = true;
        if (m.Model.WeightsFrom is { } weightsFrom)
        {
            resolved["model"]!["weightsFrom"] = weightsFrom;
            resolved["model"]!["weightsFromSha256"] = File.Exists(weightsFrom) ? StartingWeights.Sha256(weightsFrom) : null;
        }
        if (m.Model.Embedding is { } embedding) resolved["model"]!["embedding"] = Embedding(embedding);
        if (m.Model.Adaptive is { } adaptive) resolved["model"]!["adaptiveActivation"] = Adaptive(adaptive);
        if (m.Model.Symmetry.Count > 0)
            resolved["model"]!["symmetry"] = new JsonArray(m.Model.Symmetry.Select(r => (JsonNode)new JsonObject
            {
                ["axis"] = r.Axis,
                ["parity"] = new JsonArray(r.Parities.Select(p => (JsonNode)(p == Abstractions.Models.Symmetry.Parity.Odd ? "odd" : "even")).ToArray()),
                ["center"] = r.Center,
            }).ToArray());
        return resolved;
    }

    /// <summary>The embedding with every default spelled out (harmonics, scale).</summary>
    /// <summary>The slopes' section with its defaults spelled out.</summary>
    internal static JsonObject Adaptive(Abstractions.Models.AdaptiveActivation adaptive)
        => new() { ["scope"] = adaptive.Global ? "global" : "layer", ["factor"] = adaptive.Factor };

    internal static JsonObject Embedding(EmbeddingSection e)
    {
        var result = new JsonObject
        {
            ["periodic"] = new JsonArray(e.Periodic.Select(p => (JsonNode)new JsonObject
            {
                ["axis"] = p.Axis, ["period"] = p.Period, ["harmonics"] = p.Harmonics, ["even"] = p.Even,
            }).ToArray()),
        };
        if (e.Fourier is { } f) result["fourier"] = new JsonObject { ["features"] = f.Count, ["scale"] = f.Scale };
        return result;
    }

    /// <summary>What a manifest without <c>weighting</c> gets: the fixed weights, as the <c>fixed</c> plugin would spell them.</summary>
    internal static JsonObject FixedWeighting() => new() { ["name"] = "fixed", ["options"] = new JsonObject() };

    private static JsonObject Budget(Budget b)
    {
        var budget = new JsonObject { ["steps"] = b.Steps, ["seconds"] = b.Seconds };
        if (b.Discrepancy is { } levels) budget["discrepancy"] = new JsonObject(levels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return budget;
    }

    private static JsonObject Plugin(ResolvedPlugin p) => new()
    {
        ["name"] = p.Descriptor.Name,
        ["version"] = p.Descriptor.Version.ToString(3),
        ["options"] = JsonSerializer.SerializeToNode(p.Options, p.Options.GetType(), Abstractions.Plugins.OptionsBinder.SerializerOptions),
        ["assembly"] = Path.GetFileName(p.Descriptor.AssemblyPath),
        ["sha256"] = Sha256(p.Descriptor.AssemblyPath),
        ["path"] = p.Descriptor.Path,
    };

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
