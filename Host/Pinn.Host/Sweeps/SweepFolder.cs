using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Training;

namespace Pinn.Host.Sweeps;

/// <summary>
/// The folder of a sweep, the same for local and Slurm runs: <c>sweep.json</c> (the sweep file, its axes and every
/// variant's values), <c>manifests/&lt;id&gt;.json</c> (each variant's whole manifest), <c>runs/&lt;id&gt;/</c> (each
/// variant's run folder), <c>logs/&lt;id&gt;.log</c>, and the results: <c>results.csv</c>, <c>results.json</c>,
/// <c>relL2-vs-&lt;path&gt;.png</c>.
/// </summary>
internal sealed class SweepFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Description => Path.Combine(Root, "sweep.json");
    public string Manifest(string id) => Path.Combine(Root, "manifests", id + ".json");
    public string Run(string id) => Path.Combine(Root, "runs", id);
    public string Log(string id) => Path.Combine(Root, "logs", id + ".log");
    public string ResultsCsv => Path.Combine(Root, "results.csv");
    public string ResultsJson => Path.Combine(Root, "results.json");

    private static readonly JsonSerializerOptions Indented = Training.ReadableJson.Options();

    /// <summary>
    /// Writes sweep.json and every variant's manifest. A folder that holds another sweep (other variants) is refused,
    /// so that a resumed sweep never mixes runs of two sweeps.
    /// </summary>
    public void Write(SweepSpec spec, IReadOnlyList<SweepVariant> variants)
    {
        var description = new JsonObject
        {
            ["sweep"] = Path.GetFullPath(spec.File),
            ["base"] = spec.BaseFile,
            ["axes"] = new JsonArray(spec.Axes.Select(a => (JsonNode)new JsonObject
            {
                ["path"] = a.Path, ["kind"] = a.Kind, ["numeric"] = a.IsNumeric, ["log"] = a.IsLogarithmic,
            }).ToArray()),
            ["variants"] = new JsonArray(variants.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Id,
                ["values"] = new JsonObject(v.Values.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone()))),
            }).ToArray()),
        };
        if (File.Exists(Description) && JsonNode.Parse(File.ReadAllText(Description)) is JsonObject existing
            && existing["variants"]?.ToJsonString() != description["variants"]!.ToJsonString())
            throw new IOException($"{Root} holds another sweep (its sweep.json lists other variants); give another --out");
        Directory.CreateDirectory(Path.Combine(Root, "manifests"));
        Directory.CreateDirectory(Path.Combine(Root, "runs"));
        Directory.CreateDirectory(Path.Combine(Root, "logs"));
        foreach (var v in variants) AtomicFile.WriteAllText(Manifest(v.Id), v.Manifest.ToJsonString(Indented) + "\n");
        AtomicFile.WriteAllText(Description, description.ToJsonString(Indented) + "\n");
    }

    /// <summary>The axes and variants sweep.json lists.</summary>
    public (IReadOnlyList<SweepAxis> Axes, IReadOnlyList<SweepVariant> Variants) Read()
    {
        if (!File.Exists(Description)) throw new IOException($"{Root} is not a sweep folder: it has no sweep.json");
        var json = JsonNode.Parse(File.ReadAllText(Description))!.AsObject();
        var axes = json["axes"]!.AsArray().Select(a => new SweepAxis(a!["path"]!.GetValue<string>(), a["log"]!.GetValue<bool>() ? "log" : a["kind"]!.GetValue<string>(),
                                                                        a["numeric"]!.GetValue<bool>() ? [] : [JsonValue.Create("categorical")])).ToArray();
        var variants = json["variants"]!.AsArray().Select(v => new SweepVariant(v!["id"]!.GetValue<string>(),
            v["values"]!.AsObject().Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone())).ToArray(), new JsonObject())).ToArray();
        return (axes, variants);
    }
}
