using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Embedding;
using Pinn.Abstractions.Models.Symmetry;

namespace Pinn.Host.Manifests;

/// <summary>
/// Reads a manifest file into a <see cref="Manifest"/>, checking its shape: required fields, types,
/// ranges and unknown keys, all reported at once. Plugin names and options are checked later by
/// <see cref="ManifestValidator"/>, once the plugins are loaded.
/// </summary>
internal static class ManifestReader
{
    public static readonly string[] Devices = ["auto", "cpu", "cuda"];
    public static readonly string[] DTypes = ["float64", "float32"];

    /// <summary>The largest seed: 2^53 − 1, the largest whole number every JSON reader reads exactly. The host derives
    /// the seeds of its random streams as seed × 1000 + stream, which stays within a long.</summary>
    public const long MaxSeed = (1L << 53) - 1;

    /// <summary>The longest run name (it becomes a folder name).</summary>
    public const int MaxNameLength = 100;

    private const string NameRule = "a run name names its folder runs/<name>/, so it must be 1 to 100 ASCII letters, digits, '-', '_' or '.', "
                                    + "starting with a letter or digit";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>Quotes a value for a message as JSON does, escaping control characters only.</summary>
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads <paramref name="file"/>; <see cref="ManifestException"/> lists every mistake.</summary>
    public static Manifest Read(string file)
    {
        var (manifest, errors) = ReadPartial(file);
        if (errors.Count > 0) throw new ManifestException(file, errors);
        return manifest;
    }

    /// <summary>Reads manifest text; <see cref="ManifestException"/> lists every mistake.</summary>
    public static Manifest Parse(string text, string file)
    {
        var (manifest, errors) = ParsePartial(text, file);
        if (errors.Count > 0) throw new ManifestException(file, errors);
        return manifest;
    }

    /// <summary>
    /// Reads <paramref name="file"/> as far as it can: the manifest with defaults where a field was
    /// wrong (a required section that is missing or wrong is null), and every mistake found. Throws
    /// <see cref="ManifestException"/> only when the file cannot be read or is not JSON.
    /// </summary>
    public static (Manifest Manifest, IReadOnlyList<ManifestError> Errors) ReadPartial(string file)
    {
        if (!File.Exists(file))
            throw new ManifestException(file, [new ManifestError("$", Directory.Exists(file) ? $"{file} is a folder, not a manifest file" : $"file not found: {file}")]);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException(file, [new ManifestError("$", $"cannot read the file: {e.Message}")]);
        }
        return ParsePartial(Decode(bytes, file), file);
    }

    /// <summary>The text of a manifest file: strict UTF-8 (a byte order mark is skipped), so that a file saved in
    /// another encoding is refused with the offset of its first bad byte rather than read with replacement characters.</summary>
    private static string Decode(byte[] bytes, string file)
    {
        var bom = bytes.AsSpan().StartsWith(Utf8.Preamble) ? Utf8.Preamble.Length : 0;
        try
        {
            return Utf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            var at = bom + FirstInvalidUtf8Byte(bytes.AsSpan(bom));
            throw new ManifestException(file, [new ManifestError("$", $"not valid UTF-8 at byte {at} (0x{bytes[at]:X2}, counting from 0): save the file as UTF-8")]);
        }
    }

    /// <summary>The offset of the first byte that does not belong to a valid UTF-8 sequence.</summary>
    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return bytes.Length - 1;
    }

    /// <summary>Reads manifest text as far as it can (see <see cref="ReadPartial"/>).</summary>
    public static (Manifest Manifest, IReadOnlyList<ManifestError> Errors) ParsePartial(string text, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ManifestException(file, [new ManifestError("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}")]);
        }
        var errors = new List<ManifestError>();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ManifestException(file, [new ManifestError("$", "must be a JSON object")]);
        ReportDuplicateKeys(document.RootElement, "$", errors);
        var root = new JsonSection(document.RootElement.Clone(), "$", errors);

        var name = RunName(root);
        var seed = root.Integer("seed", 0, 0, MaxSeed,
                                why: "2^53 − 1, so that every JSON reader reads it exactly and the derived seeds seed × 1000 + stream do not overflow") ?? 0;
        var device = root.String("device", "auto", Devices)!;
        var dtype = root.String("dtype", "float64", DTypes)!;
        var threads = (int?)root.Integer("threads", null, 1, 1024);

        var problemSection = root.Object("problem", required: true);
        var problem = Plugin(problemSection, null, extraKeys: ["weights"]);
        var weights = Weights(problemSection);
        var model = Model(root.Object("model", required: true));
        var engine = Plugin(root.Object("engine", required: false), "autodiff", "$.engine");
        var sampler = Sampler(root.Object("sampler", required: false), errors);
        var weighting = Plugin(root.Object("weighting", required: false), null);
        var stages = Stages(root, errors);
        var evaluation = Evaluation(root.Object("evaluation", required: false));
        var checkpointEvery = root.Integer("checkpointEvery", null, 1);
        var checkpointSeconds = root.Number("checkpointSeconds", Manifest.DefaultCheckpointSeconds);
        if (checkpointSeconds < 0)
        {
            root.Error("checkpointSeconds", "must be ≥ 0 (seconds of training between checkpoints; 0: none by time)");
            checkpointSeconds = Manifest.DefaultCheckpointSeconds;
        }
        root.RejectUnknownKeys();

        return (new Manifest(name, seed, device, dtype, threads, problem, weights, model, engine!, sampler, stages, evaluation, checkpointEvery,
                             checkpointSeconds ?? Manifest.DefaultCheckpointSeconds, weighting), errors);
    }

    /// <summary>Every key that an object of the document holds more than once, at any depth: System.Text.Json
    /// keeps the last, other readers the first, so the manifest would mean different things to different tools.</summary>
    private static void ReportDuplicateKeys(JsonElement element, string path, List<ManifestError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject()) counts[p.Name] = counts.GetValueOrDefault(p.Name) + 1;
                foreach (var (key, count) in counts.Where(kv => kv.Value > 1))
                    errors.Add(new ManifestError($"{path}.{key}", $"duplicate key (it appears {count} times; JSON readers disagree on which one wins)"));
                foreach (var p in element.EnumerateObject()) ReportDuplicateKeys(p.Value, $"{path}.{p.Name}", errors);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) ReportDuplicateKeys(item, $"{path}[{i++}]", errors);
                break;
        }
    }

    /// <summary>The manifest's <c>name</c>, which becomes a folder under runs/: an identifier, never a path.</summary>
    private static string RunName(JsonSection root)
    {
        if (!root.Has("name"))
        {
            root.Error("name", $"is required ({NameRule})");
            return "";
        }
        var v = root.Raw("name")!.Value;
        if (v.ValueKind != JsonValueKind.String)
        {
            root.Error("name", $"must be a string ({NameRule})");
            return "";
        }
        var name = v.GetString()!;
        if (!IsRunName(name))
        {
            root.Error("name", $"{JsonSerializer.Serialize(name, Quoting)} is not a valid run name: {NameRule}");
            return "";
        }
        return name;
    }

    /// <summary>Whether <paramref name="name"/> is 1 to <see cref="MaxNameLength"/> ASCII letters, digits, '-', '_'
    /// or '.', starting with a letter or digit (so never a path, ".", ".." or a hidden folder).</summary>
    public static bool IsRunName(string name)
        => name.Length is > 0 and <= MaxNameLength
           && char.IsAsciiLetterOrDigit(name[0])
           && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static PluginSelection? Plugin(JsonSection? s, string? defaultName, string? path = null, string[]? extraKeys = null)
    {
        if (s is null) return defaultName is null ? null : new PluginSelection(defaultName, null, null, path!);
        var name = s.String("name", defaultName, required: defaultName is null);
        var version = s.String("version");
        var folder = s.String("folder");
        var options = s.Raw("options");
        if (options is { ValueKind: not JsonValueKind.Object }) s.Error("options", "must be an object");
        foreach (var k in extraKeys ?? []) s.Has(k);
        s.RejectUnknownKeys();
        return name is null ? null : new PluginSelection(name, version, options, s.Path, folder);
    }

    private static IReadOnlyDictionary<string, double> Weights(JsonSection? problem)
    {
        var result = new Dictionary<string, double>();
        var w = problem?.Object("weights", required: false);
        if (w is null) return result;
        foreach (var p in problem!.Raw("weights")!.Value.EnumerateObject())
        {
            var value = w.Number(p.Name, null, 0);
            if (value is { } v) result[p.Name] = v;
        }
        return result;
    }

    private static ModelSection? Model(JsonSection? s)
    {
        if (s is null) return null;
        var hidden = new List<int>();
        if (!s.Has("hidden")) s.Error("hidden", "is required (e.g. [64])");
        else
        {
            var h = s.Raw("hidden")!.Value;
            if (h.ValueKind != JsonValueKind.Array) s.Error("hidden", "must be an array of widths, e.g. [64, 64]");
            else
            {
                var i = 0;
                foreach (var item in h.EnumerateArray())
                {
                    if (s.IntegerValue(item, $"{s.At("hidden")}[{i}]", 1, 1 << 20) is { } width) hidden.Add((int)width);
                    i++;
                }
            }
        }
        var activation = s.String("activation", "tanh", Activation.Names.ToArray())!;
        var init = s.String("init", Initialization.Normal.Name(), InitializationNames.All)!;
        var scale = s.Number("initScale", 1.0, 0)!.Value;
        var hard = s.Boolean("hardConstraints", false);
        var embedding = Embedding(s.Object("embedding", required: false));
        var adaptive = Adaptive(s.Object("adaptiveActivation", required: false));
        var symmetry = Symmetry(s);
        var weightsFrom = s.String("weightsFrom");
        s.RejectUnknownKeys();
        return new ModelSection(hidden.ToArray(), activation, InitializationNames.Parse(init)!.Value, scale)
        {
            HardConstraints = hard, Embedding = embedding, Adaptive = adaptive, Symmetry = symmetry, WeightsFrom = weightsFrom,
        };
    }

    /// <summary>What <c>adaptiveActivation.scope</c> allows: a slope per hidden layer (LAAF) or one for all (GAAF).</summary>
    internal static readonly string[] SlopeScopes = ["layer", "global"];

    private static AdaptiveActivation? Adaptive(JsonSection? s)
    {
        if (s is null) return null;
        var scope = s.String("scope", "layer", SlopeScopes);
        var factor = s.Number("factor", 10.0, 0);
        s.RejectUnknownKeys();
        return new AdaptiveActivation(scope == "global", factor ?? 10.0);
    }

    /// <summary>What a reflection's <c>parity</c> allows.</summary>
    internal static readonly string[] ParityNames = ["even", "odd"];

    /// <summary><c>model.symmetry</c>: [{axis, parity (one name, or one per output), center}]; the axes and the number of
    /// parities are checked against the problem later (<see cref="Training.NetworkBuilder.Reflections"/>).</summary>
    private static IReadOnlyList<ReflectionSection> Symmetry(JsonSection model)
    {
        var reflections = new List<ReflectionSection>();
        foreach (var r in model.Objects("symmetry"))
        {
            var axis = r.String("axis", required: true);
            var parities = new List<Parity>();
            var ok = true;
            switch (r.Raw("parity"))
            {
                case null:
                    r.Error("parity", $"is required: {string.Join(" or ", ParityNames)}, or a list with one per output");
                    ok = false;
                    break;
                case { ValueKind: JsonValueKind.Array } list:
                    var i = 0;
                    foreach (var item in list.EnumerateArray())
                    {
                        if (ParityOf(item) is { } parity) parities.Add(parity);
                        else
                        {
                            r.Error($"parity[{i}]", $"must be one of: {string.Join(", ", ParityNames)}");
                            ok = false;
                        }
                        i++;
                    }
                    if (i == 0)
                    {
                        r.Error("parity", "lists no parity: give one per output");
                        ok = false;
                    }
                    break;
                case { } single:
                    if (ParityOf(single) is { } one) parities.Add(one);
                    else
                    {
                        r.Error("parity", $"must be one of: {string.Join(", ", ParityNames)}, or a list with one per output");
                        ok = false;
                    }
                    break;
            }
            var center = r.Number("center", 0.0);
            r.RejectUnknownKeys();
            if (axis is not null && ok && center is { } c) reflections.Add(new ReflectionSection(axis, parities, c, r.Path));
        }
        return reflections;
    }

    private static Parity? ParityOf(JsonElement e)
        => e.ValueKind == JsonValueKind.String ? e.GetString() switch { "even" => Parity.Even, "odd" => Parity.Odd, _ => null } : null;

    /// <summary>Largest number of harmonics per periodic axis and of Fourier frequencies.</summary>
    internal const int MaxEmbeddingFeatures = 4096;

    private static EmbeddingSection? Embedding(JsonSection? s)
    {
        if (s is null) return null;
        var periodic = new List<PeriodicSection>();
        foreach (var axis in s.Objects("periodic"))
        {
            var name = axis.String("axis", required: true);
            if (!axis.Has("period")) axis.Error("period", "is required (the period L > 0, in the input's units)");
            var period = axis.Number("period", null, 0);
            var harmonics = axis.Integer("harmonics", 1, 1, MaxEmbeddingFeatures, why: "cos and sin of 2πk·x/L for k = 1 … harmonics");
            var even = axis.Boolean("even", false);
            axis.RejectUnknownKeys();
            // With a bad period or harmonics the axis is still checked against the problem (the run never starts).
            if (name is not null) periodic.Add(new PeriodicSection(name, period ?? 1.0, (int)(harmonics ?? 1), even, axis.Path));
        }
        FourierFeatures? fourier = null;
        if (s.Object("fourier", required: false) is { } f)
        {
            var count = f.Integer("features", null, 1, MaxEmbeddingFeatures, required: true, why: "the number of frequencies; an embedding needs at least one feature");
            var scale = f.Number("scale", 1.0, 0);
            f.RejectUnknownKeys();
            if (count is { } m && scale is { } sigma) fourier = new FourierFeatures((int)m, sigma);
        }
        var empty = !s.Has("fourier") && (s.Raw("periodic") is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0);
        if (empty) s.Error("periodic", "an embedding needs at least one feature: list periodic axes, or give fourier features");
        s.RejectUnknownKeys();
        return new EmbeddingSection(periodic, fourier);
    }

    private static SamplerSection Sampler(JsonSection? s, List<ManifestError> errors)
    {
        var plugin = new PluginSelection("lhs", null, null, "$.sampler");
        var points = new Dictionary<string, int>();
        var resample = new Dictionary<string, int> { ["*"] = 0 };
        if (s is null) return new SamplerSection(plugin, points, resample);
        var name = s.String("name", "lhs")!;
        var version = s.String("version");
        var folder = s.String("folder");
        var options = s.Raw("options");
        if (options is { ValueKind: not JsonValueKind.Object }) s.Error("options", "must be an object");
        if (s.Object("points", required: false) is { } p)
        {
            foreach (var entry in s.Raw("points")!.Value.EnumerateObject())
                if (p.Integer(entry.Name, null, 1, 100_000_000) is { } n) points[entry.Name] = (int)n;
        }
        if (s.Has("resampleEvery"))
        {
            var r = s.Raw("resampleEvery")!.Value;
            if (r.ValueKind == JsonValueKind.Number)
            {
                if (s.Integer("resampleEvery", 0, 0) is { } k) resample["*"] = (int)k;
            }
            else if (r.ValueKind == JsonValueKind.Object)
            {
                var section = new JsonSection(r, s.At("resampleEvery"), errors);
                foreach (var entry in r.EnumerateObject())
                    if (section.Integer(entry.Name, null, 0) is { } k) resample[entry.Name] = (int)k;
            }
            else s.Error("resampleEvery", "must be a whole number of steps (0: never) or an object of them by condition name");
        }
        s.RejectUnknownKeys();
        return new SamplerSection(new PluginSelection(name, version, options, s.Path, folder), points, resample);
    }

    private static IReadOnlyList<Stage> Stages(JsonSection root, List<ManifestError> errors)
    {
        var hasSingle = root.Has("optimizer") || root.Has("budget");
        if (root.Has("stages"))
        {
            if (hasSingle) root.Error("stages", "give either \"stages\" or \"optimizer\" with \"budget\", not both");
            var array = root.Raw("stages")!.Value;
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                root.Error("stages", "must be a non-empty array of {\"optimizer\": …, \"budget\": …}");
                return [];
            }
            var stages = new List<Stage>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"$.stages[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ManifestError(path, "must be an object with \"optimizer\" and \"budget\""));
                    continue;
                }
                var section = new JsonSection(item, path, errors);
                var stage = Stage(section);
                section.RejectUnknownKeys();
                if (stage is not null) stages.Add(stage);
            }
            return stages;
        }
        if (!hasSingle)
        {
            root.Error("optimizer", "is required (or give \"stages\")");
            return [];
        }
        var single = Stage(root);
        return single is null ? [] : [single];
    }

    private static Stage? Stage(JsonSection s)
    {
        var optimizer = Plugin(s.Object("optimizer", required: true), null);
        var budget = BudgetOf(s.Object("budget", required: true));
        // A stage with a wrong budget still has its optimizer checked, so that every mistake is reported.
        return optimizer is null ? null : new Stage(optimizer, budget ?? new Budget(null, null));
    }

    private static Budget? BudgetOf(JsonSection? s)
    {
        if (s is null) return null;
        var steps = s.Integer("steps", null, 1);
        var seconds = s.Number("seconds", null, 0);
        Dictionary<string, double>? discrepancy = null;
        if (s.Object("discrepancy", required: false) is { } d)
        {
            discrepancy = [];
            foreach (var entry in s.Raw("discrepancy")!.Value.EnumerateObject())
                if (d.Number(entry.Name, null, 0) is { } rms) discrepancy[entry.Name] = rms;
            if (discrepancy.Count == 0 && !s.Raw("discrepancy")!.Value.EnumerateObject().Any())
                s.Error("discrepancy", "must name at least one condition with the root-mean-square residual to stop at, e.g. { \"observations\": 0.1 }");
        }
        s.RejectUnknownKeys();
        if (!s.Has("steps") && !s.Has("seconds"))
        {
            // The discrepancy may never be reached: a stage always has a limit of steps or seconds as well.
            s.Error("steps", "give \"steps\" or \"seconds\" (or both)" + (discrepancy is null ? "" : "; \"discrepancy\" ends a stage early, never alone"));
            return null;
        }
        return new Budget(steps, seconds, discrepancy, s.Path);
    }

    private static EvaluationSection Evaluation(JsonSection? s)
    {
        if (s is null) return new EvaluationSection(100, 9000);
        var every = s.Integer("every", 100, 1)!.Value;
        var points = s.Integer("points", 9000, 1, 10_000_000)!.Value;
        s.RejectUnknownKeys();
        return new EvaluationSection((int)every, (int)points);
    }
}
