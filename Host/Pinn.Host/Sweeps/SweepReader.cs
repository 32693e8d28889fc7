using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Manifests;

namespace Pinn.Host.Sweeps;

/// <summary>
/// Reads a sweep file:
/// <c>{"base": "manifests/poisson2d-engd.json", "grid": {"seed": [0, 1, 2]}, "random": {"count": 20, "space":
/// {"optimizer.options.lr": {"log": [1e-4, 1e-2]}}}, "sobol": {"count": 16, "space": {…}}, "seed": 0}</c>.
/// Every mistake is reported at once with its place in the file (<see cref="ManifestException"/>).
/// </summary>
internal static class SweepReader
{
    private static readonly string[] Keys = ["base", "grid", "random", "sobol", "seed"];

    public static SweepSpec Read(string file)
    {
        var (spec, errors) = ReadPartial(file);
        if (errors.Count > 0) throw new ManifestException(file, errors);
        return spec!;
    }

    /// <summary>
    /// The sweep with its valid axes and every mistake of the file: the spec is null only when the base manifest cannot
    /// be read, so that the variants of the valid axes can still be checked and every mistake reported at once.
    /// </summary>
    public static (SweepSpec? Spec, IReadOnlyList<ManifestError> Errors) ReadPartial(string file)
    {
        if (!File.Exists(file)) return (null, [new ManifestError("$", $"file not found: {file}")]);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return (null, [new ManifestError("$", $"not valid JSON (line {e.LineNumber + 1}): {e.Message}")]);
        }
        if (root is not JsonObject o) return (null, [new ManifestError("$", "must be a JSON object")]);
        var errors = new List<ManifestError>();
        foreach (var (key, _) in o)
            if (!Keys.Contains(key)) errors.Add(new ManifestError($"$.{key}", $"unknown key (allowed: {string.Join(", ", Keys)})"));

        var (baseFile, baseManifest) = Base(o, file, errors);
        var grid = Grid(o["grid"], errors);
        var (randomCount, random) = Space(o, "random", errors);
        var (sobolCount, sobol) = Space(o, "sobol", errors);
        long seed = 0;
        if (o["seed"] is { } s && !(s is JsonValue v && v.TryGetValue(out seed) && seed >= 0))
            errors.Add(new ManifestError("$.seed", "must be a whole number ≥ 0 (the seed of the random and Sobol draws)"));
        if (grid.Count == 0 && randomCount == 0 && sobolCount == 0 && errors.Count == 0)
            errors.Add(new ManifestError("$", "nothing to sweep: give \"grid\", \"random\" or \"sobol\""));
        foreach (var twice in grid.Concat(random).Concat(sobol).GroupBy(a => a.Path).Where(g => g.Count() > 1))
            errors.Add(new ManifestError("$", $"\"{twice.Key}\" is swept more than once (in grid, random or sobol): give each field one axis"));
        if (baseManifest is null) return (null, errors);
        return (new SweepSpec(file, Path.GetFileNameWithoutExtension(file), baseFile!, baseManifest, grid, randomCount, random, sobolCount, sobol, seed), errors);
    }

    /// <summary>The base manifest: a path relative to the sweep file's folder (or absolute), read as JSON.</summary>
    private static (string? File, JsonObject? Manifest) Base(JsonObject o, string file, List<ManifestError> errors)
    {
        if (o["base"] is not JsonValue b || !b.TryGetValue<string>(out var relative) || relative.Length == 0)
        {
            errors.Add(new ManifestError("$.base", "is required: the manifest file the variants start from (relative to the sweep file's folder)"));
            return (null, null);
        }
        var candidates = new[] { Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, relative), Path.GetFullPath(relative) };
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            errors.Add(new ManifestError("$.base", $"file not found: {relative} (looked in {string.Join(" and ", candidates.Distinct())})"));
            return (null, null);
        }
        try
        {
            if (JsonNode.Parse(File.ReadAllText(found)) is JsonObject manifest) return (found, manifest);
            errors.Add(new ManifestError("$.base", $"{found} is not a JSON object"));
        }
        catch (JsonException e)
        {
            errors.Add(new ManifestError("$.base", $"{found} is not valid JSON (line {e.LineNumber + 1}): {e.Message}"));
        }
        return (null, null);
    }

    private static List<SweepAxis> Grid(JsonNode? node, List<ManifestError> errors)
    {
        var axes = new List<SweepAxis>();
        if (node is null) return axes;
        if (node is not JsonObject grid)
        {
            errors.Add(new ManifestError("$.grid", "must be an object of manifest paths and their values, e.g. {\"seed\": [0, 1, 2]}"));
            return axes;
        }
        foreach (var (path, values) in grid)
        {
            var at = $"$.grid[\"{path}\"]";
            if (ManifestPath.Parse(path, out var why) is null) errors.Add(new ManifestError(at, why!));
            else if (values is not JsonArray array || array.Count == 0) errors.Add(new ManifestError(at, "must be a non-empty array of the values to run"));
            else axes.Add(new SweepAxis(path, "values", array.Select(v => v?.DeepClone()).ToArray(), Where: at));
        }
        return axes;
    }

    private static (int Count, List<SweepAxis> Axes) Space(JsonObject o, string section, List<ManifestError> errors)
    {
        var axes = new List<SweepAxis>();
        if (o[section] is not { } node) return (0, axes);
        var at = "$." + section;
        if (node is not JsonObject s)
        {
            errors.Add(new ManifestError(at, $"must be {{\"count\": N, \"space\": {{path: {{kind: […]}}}}}}"));
            return (0, axes);
        }
        foreach (var (key, _) in s)
            if (key is not ("count" or "space")) errors.Add(new ManifestError($"{at}.{key}", "unknown key (allowed: count, space)"));
        var count = 0;
        if (s["count"] is not JsonValue c || !c.TryGetValue(out count) || count is < 1 or > 100_000)
        {
            errors.Add(new ManifestError($"{at}.count", "must be a whole number of variants, 1 … 100000"));
            count = 0;
        }
        if (s["space"] is not JsonObject space || space.Count == 0)
        {
            errors.Add(new ManifestError($"{at}.space", "must be a non-empty object of manifest paths and their ranges, e.g. {\"optimizer.options.lr\": {\"log\": [1e-4, 1e-2]}}"));
            return (count, axes);
        }
        foreach (var (path, range) in space)
        {
            var where = $"{at}.space[\"{path}\"]";
            if (ManifestPath.Parse(path, out var why) is null)
            {
                errors.Add(new ManifestError(where, why!));
                continue;
            }
            if (Axis(path, range, where, errors) is { } axis) axes.Add(axis);
        }
        return (count, axes);
    }

    private static SweepAxis? Axis(string path, JsonNode? range, string where, List<ManifestError> errors)
    {
        const string Allowed = "one of {\"uniform\": [a, b]}, {\"log\": [a, b]} with 0 < a < b, {\"int\": [a, b]}, {\"choice\": [v, …]}";
        if (range is not JsonObject r || r.Count != 1)
        {
            errors.Add(new ManifestError(where, $"must be {Allowed}"));
            return null;
        }
        var (kind, body) = r.First();
        if (!SweepAxis.SpaceKinds.Contains(kind))
        {
            errors.Add(new ManifestError(where, $"unknown kind \"{kind}\": must be {Allowed}"));
            return null;
        }
        if (body is not JsonArray array || array.Count == 0)
        {
            errors.Add(new ManifestError($"{where}.{kind}", kind == "choice" ? "must be a non-empty array of values" : "must be [low, high]"));
            return null;
        }
        if (kind == "choice") return new SweepAxis(path, kind, array.Select(v => v?.DeepClone()).ToArray(), Where: where);
        var numbers = array.Select(v => v is JsonValue n && n.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : (double?)null).ToArray();
        if (numbers.Length != 2 || numbers.Any(n => n is null))
        {
            errors.Add(new ManifestError($"{where}.{kind}", "must be [low, high], two finite numbers"));
            return null;
        }
        var (low, high) = (numbers[0]!.Value, numbers[1]!.Value);
        var problem = kind switch
        {
            _ when !(low < high) => "needs low < high",
            "log" when !(low > 0) => "needs 0 < low (a log range)",
            "int" when low != Math.Floor(low) || high != Math.Floor(high) => "needs whole numbers",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(new ManifestError($"{where}.{kind}", $"[{low}, {high}] {problem}"));
            return null;
        }
        return new SweepAxis(path, kind, [], low, high, where);
    }
}
