using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;

namespace Pinn.Host.Training;

/// <summary>
/// Whether a manifest may continue a checkpoint: everything that shapes the trajectory must be as it was
/// — seed, dtype, problem (name, options, weights), model (widths, activation, initialisation, hard constraints, embedding, slopes, symmetry), engine,
/// sampler (name, options, points, resampling), weighting (name and options; a checkpoint from before weighting
/// schemes existed had fixed weights) and each stage's optimizer (name and options) — compared on
/// the resolved manifests, so that a default spelled out and one left implicit are the same. Budgets,
/// evaluation, threads, device and checkpointEvery may change (a longer budget extends a run), and so may
/// plugin versions.
/// </summary>
internal static class ResumeCompatibility
{
    /// <summary>Every difference, as "path: value in the checkpoint, value in the manifest", with the
    /// manifest's JSON paths (e.g. <c>$.optimizer.options.lr</c>).</summary>
    public static IReadOnlyList<string> Differences(JsonObject saved, JsonObject current, RunPlan plan)
    {
        var differences = new List<string>();
        if (saved["weighting"] is null)
        {
            saved = (JsonObject)saved.DeepClone();
            saved["weighting"] = ResolvedManifest.FixedWeighting();
        }
        void Compare(string path, JsonNode? a, JsonNode? b, JsonObject? defaults = null)
        {
            if (JsonNode.DeepEquals(a, b)) return;
            if (a is JsonObject x && b is JsonObject y)
            {
                // Name the option that differs, not the whole options object.
                foreach (var key in x.Select(kv => kv.Key).Union(y.Select(kv => kv.Key)))
                {
                    // An option the checkpoint's plugin version did not have is no difference while it keeps its default.
                    if (defaults is not null && !x.ContainsKey(key) && defaults.TryGetPropertyValue(key, out var d) && JsonNode.DeepEquals(d, y[key])) continue;
                    Compare($"{path}.{key}", x[key], y[key]);
                }
                return;
            }
            differences.Add($"{path}: {Show(a)} in the checkpoint, {Show(b)} in the manifest");
        }
        Compare("$.seed", saved["seed"], current["seed"]);
        Compare("$.dtype", saved["dtype"], current["dtype"]);
        foreach (var (section, keys, path, plugin) in new[]
                 {
                     ("problem", new[] { "name", "options", "weights" }, plan.Problem.Selection.Path, plan.Problem),
                     ("model", new[] { "hidden", "activation", "init", "initScale", "hardConstraints", "embedding", "adaptiveActivation", "symmetry" }, "$.model", (ResolvedPlugin?)null),
                     ("engine", new[] { "name", "options" }, plan.Engine.Selection.Path, plan.Engine),
                     ("sampler", new[] { "name", "options", "points", "resampleEvery" }, plan.Sampler.Selection.Path, plan.Sampler),
                     ("weighting", new[] { "name", "options" }, plan.Weighting?.Selection.Path ?? "$.weighting", plan.Weighting),
                 })
        foreach (var key in keys)
        {
            // Another plugin's options are not a difference of their own: the name says it.
            if (key == "options" && plugin is not null && !JsonNode.DeepEquals(saved[section]?["name"], current[section]?["name"])) continue;
            Compare($"{path}.{key}", saved[section]?[key], current[section]?[key], key == "options" && plugin is not null ? Defaults(plugin) : null);
        }

        var savedStages = saved["stages"]?.AsArray() ?? [];
        var currentStages = current["stages"]!.AsArray();
        if (savedStages.Count != currentStages.Count)
        {
            differences.Add($"$.stages: {savedStages.Count} stage(s) in the checkpoint, {currentStages.Count} in the manifest");
            return differences;
        }
        for (var i = 0; i < currentStages.Count; i++)
        {
            var (before, now) = (savedStages[i]?["optimizer"], currentStages[i]?["optimizer"]);
            Compare($"{plan.Stages[i].Optimizer.Selection.Path}.name", before?["name"], now?["name"]);
            if (JsonNode.DeepEquals(before?["name"], now?["name"]))
                Compare($"{plan.Stages[i].Optimizer.Selection.Path}.options", before?["options"], now?["options"], Defaults(plan.Stages[i].Optimizer));
        }
        return differences;
    }

    /// <summary>The plugin's options with every default, as the resolved manifest spells them.</summary>
    private static JsonObject? Defaults(ResolvedPlugin plugin)
    {
        var factory = plugin.Descriptor.Factory;
        return factory.ParseOptions(null).Options is { } options
            ? JsonSerializer.SerializeToNode(options, factory.OptionsType, OptionsBinder.SerializerOptions) as JsonObject
            : null;
    }

    private static string Show(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();
}
