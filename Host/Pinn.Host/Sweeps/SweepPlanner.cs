using System.Text.Json.Nodes;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using TorchSharp;

namespace Pinn.Host.Sweeps;

/// <summary>
/// Expands a sweep into its variants — every combination of the grid, each with every point of the random and Sobol
/// spaces — and validates every variant's manifest against the plugins before anything runs.
/// </summary>
internal static class SweepPlanner
{
    /// <summary>The variants, each with <c>threads</c> set to <paramref name="threads"/> unless the base sets it.</summary>
    /// <exception cref="ManifestException">Every mistake of every variant, each with the variant and its values.</exception>
    /// <param name="earlier">Mistakes already found in the sweep file: reported together with the variants'.</param>
    public static IReadOnlyList<SweepVariant> Plan(SweepSpec spec, PluginCatalog catalog, string cacheDirectory, int? threads,
                                                   IReadOnlyList<ManifestError>? earlier = null)
    {
        earlier ??= [];
        // A path is set the same way in every variant: one that cannot be set is one mistake, at its axis; the variants
        // are then checked without it, so that their own mistakes are reported too.
        var unset = new List<ManifestError>();
        foreach (var axis in spec.Axes)
        {
            var probe = (JsonObject)spec.Base.DeepClone();
            if (ManifestPath.Parse(axis.Path, out _)!.Set(probe, axis.Kind is "values" or "choice" ? axis.Values[0] : axis.At(0)) is { } why)
                unset.Add(new ManifestError(axis.Where, why));
        }
        if (unset.Count > 0)
        {
            var bad = unset.Select(e => e.Path).ToHashSet();
            spec = spec with
            {
                Grid = spec.Grid.Where(a => !bad.Contains(a.Where)).ToArray(),
                Random = spec.Random.Where(a => !bad.Contains(a.Where)).ToArray(),
                Sobol = spec.Sobol.Where(a => !bad.Contains(a.Where)).ToArray(),
            };
            earlier = [.. earlier, .. unset];
        }
        var points = SpacePoints(spec, catalog);
        var combinations = spec.Grid.Aggregate((IEnumerable<IReadOnlyList<KeyValuePair<string, JsonNode?>>>)[[]],
            (acc, axis) => acc.SelectMany(prefix => axis.Values.Select(v => (IReadOnlyList<KeyValuePair<string, JsonNode?>>)[.. prefix, new(axis.Path, v)])))
            .ToList();
        var all = points.Count == 0 ? combinations : combinations.SelectMany(c => points.Select(p => (IReadOnlyList<KeyValuePair<string, JsonNode?>>)[.. c, .. p])).ToList();

        var digits = Math.Max(3, (all.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var baseName = spec.Base["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : spec.Name;
        var variants = new List<SweepVariant>();
        var problems = new List<(string Id, string Values, ManifestError Error)>();
        for (var i = 0; i < all.Count; i++)
        {
            var id = "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var manifest = (JsonObject)spec.Base.DeepClone();
            var variant = new SweepVariant(id, all[i], manifest);
            foreach (var (path, value) in all[i])
                if (ManifestPath.Parse(path, out _)!.Set(manifest, value) is { } why)
                    problems.Add((id, variant.Describe(), new ManifestError(path, why)));
            // The variant's manifest lives in the sweep folder: a relative weightsFrom would point elsewhere there.
            AnchorStartingWeights(manifest, all[i].Any(v => v.Key == WeightsFromPath) ? spec.File : spec.BaseFile);
            manifest["name"] = $"{baseName}-{id}";
            if (threads is { } t && manifest["threads"] is null) manifest["threads"] = t;
            variants.Add(variant);
        }
        // A path that cannot be set is the same mistake in every variant: report it once per path before validating.
        if (problems.Count > 0) throw new ManifestException(spec.File, [.. earlier, .. Grouped(problems)]);

        foreach (var variant in variants)
        {
            try
            {
                ManifestValidator.ValidateText(variant.Manifest.ToJsonString(), $"{spec.File} variant {variant.Id}", catalog, cacheDirectory);
            }
            catch (ManifestException e)
            {
                problems.AddRange(e.Errors.Select(error => (variant.Id, variant.Describe(), error)));
            }
        }
        if (problems.Count > 0 || earlier.Count > 0) throw new ManifestException(spec.File, [.. earlier, .. Grouped(problems)]);
        return variants;
    }

    private const string WeightsFromPath = "model.weightsFrom";

    /// <summary>Makes a relative <c>model.weightsFrom</c> absolute: found beside <paramref name="anchorFile"/> (the base
    /// manifest, or the sweep file when an axis sets it) or in the working directory, as a run would look for it.</summary>
    private static void AnchorStartingWeights(JsonObject manifest, string anchorFile)
    {
        if (manifest["model"] is not JsonObject model || model["weightsFrom"] is not JsonValue value || !value.TryGetValue<string>(out var given)
            || given.Length == 0 || Path.IsPathRooted(given))
            return;
        var (located, _) = Training.StartingWeights.Locate(given, anchorFile);
        model["weightsFrom"] = located ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(anchorFile))!, given);
    }

    /// <summary>Each distinct mistake once, with the variants (and their values) that make it.</summary>
    private static IReadOnlyList<ManifestError> Grouped(List<(string Id, string Values, ManifestError Error)> problems)
        => problems.GroupBy(p => (p.Error.Path, p.Error.Message))
                   .Select(g =>
                   {
                       var listed = g.Take(4).Select(p => $"{p.Id} ({p.Values})");
                       var more = g.Count() > 4 ? $" and {g.Count() - 4} more" : "";
                       return new ManifestError(g.Key.Path, $"{g.Key.Message} — in variant{(g.Count() == 1 ? "" : "s")} {string.Join("; ", listed)}{more}");
                   }).ToArray();

    /// <summary>The points of the random and Sobol spaces, each a list of (path, value).</summary>
    private static List<IReadOnlyList<KeyValuePair<string, JsonNode?>>> SpacePoints(SweepSpec spec, PluginCatalog catalog)
    {
        var result = new List<IReadOnlyList<KeyValuePair<string, JsonNode?>>>();
        if (spec.RandomCount > 0)
        {
            var random = new Random(unchecked((int)spec.Seed));
            for (var i = 0; i < spec.RandomCount; i++)
                result.Add(spec.Random.Select(a => new KeyValuePair<string, JsonNode?>(a.Path, a.At(random.NextDouble()))).ToArray());
        }
        if (spec.SobolCount > 0)
        {
            var unit = SobolPoints(catalog, spec.SobolCount, spec.Sobol.Count, spec.Seed);
            for (var i = 0; i < spec.SobolCount; i++)
                result.Add(spec.Sobol.Select((a, k) => new KeyValuePair<string, JsonNode?>(a.Path, a.At(unit[i, k]))).ToArray());
        }
        return result;
    }

    /// <summary>[count, k] points of [0,1)^k from the Sobol sampler plugin (scrambled by the seed).</summary>
    private static double[,] SobolPoints(PluginCatalog catalog, int count, int dimension, long seed)
    {
        var plugin = catalog.Find(PluginKind.Sampler, "sobol").FirstOrDefault()
                     ?? throw new ManifestException("sobol", [new ManifestError("$.sobol", "the sobol sampler plugin is not installed")]);
        var factory = (ISamplerFactory)plugin.Factory;
        var sampler = factory.Create(factory.ParseOptions(null).Options!, new SamplerContext(TensorSpec.Float64Cpu));
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed);
        var points = sampler.Sample(Box.Unit(dimension), count, generator).cpu().to(torch.float64);
        var data = points.data<double>().ToArray();
        var result = new double[count, dimension];
        for (var i = 0; i < count; i++)
        for (var k = 0; k < dimension; k++)
            result[i, k] = Math.Clamp(data[i * dimension + k], 0.0, Math.BitDecrement(1.0));
        return result;
    }
}
