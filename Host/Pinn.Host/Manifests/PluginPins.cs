using System.Text.Json.Nodes;

namespace Pinn.Host.Manifests;

/// <summary>
/// The plugin versions a checkpoint was written with, which a resumed run uses unless its manifest asks for
/// a version or a folder: a newer plugin installed since (or a same-named plugin from another folder) does
/// not silently take over a run.
/// </summary>
/// <param name="Problem">The problem's name and version.</param>
/// <param name="Engine">The engine's.</param>
/// <param name="Sampler">The sampler's.</param>
/// <param name="Stages">Each stage's optimizer's.</param>
internal sealed record PluginPins((string Name, Version Version)? Problem, (string Name, Version Version)? Engine,
                                  (string Name, Version Version)? Sampler, IReadOnlyList<(string Name, Version Version)?> Stages)
{
    /// <summary>The weighting scheme's name and version.</summary>
    public (string Name, Version Version)? Weighting { get; init; }

    /// <summary>Reads the versions from a resolved manifest (manifest.resolved.json, a checkpoint's header).</summary>
    public static PluginPins From(JsonObject resolved)
    {
        static (string, Version)? Pin(JsonNode? plugin)
            => plugin?["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
               && plugin["version"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
               && Version.TryParse(plugin["version"]!.GetValue<string>(), out var v)
                ? (plugin["name"]!.GetValue<string>(), v)
                : null;
        var stages = resolved["stages"] is JsonArray array ? array.Select(s => Pin(s?["optimizer"])).ToArray() : [];
        return new PluginPins(Pin(resolved["problem"]), Pin(resolved["engine"]), Pin(resolved["sampler"]), stages) { Weighting = Pin(resolved["weighting"]) };
    }
}
