using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Plugins;
using TorchSharp;

namespace Pinn.Host.Manifests;

/// <summary>
/// Checks a manifest against the loaded plugins: names and version ranges, each plugin's options,
/// point counts and weights against the problem's conditions, the engine against every derivative the
/// problem needs, and the device. Reports every mistake at once; allocates no tensor.
/// </summary>
internal static class ManifestValidator
{
    /// <summary>Reads and checks <paramref name="file"/>; <see cref="ManifestException"/> lists every mistake.</summary>
    public static RunPlan Validate(string file, PluginCatalog catalog, string cacheDirectory)
    {
        var (manifest, errors) = ManifestReader.ReadPartial(file);
        return Validate(manifest, errors, file, catalog, cacheDirectory);
    }

    /// <summary>Checks manifest text; <paramref name="file"/> names it in messages.</summary>
    public static RunPlan ValidateText(string text, string file, PluginCatalog catalog, string cacheDirectory)
    {
        var (manifest, errors) = ManifestReader.ParsePartial(text, file);
        return Validate(manifest, errors, file, catalog, cacheDirectory);
    }

    /// <summary>Checks a manifest read partially, adding to the mistakes the reader found.</summary>
    private static RunPlan Validate(Manifest m, IReadOnlyList<ManifestError> shapeErrors, string file, PluginCatalog catalog, string cacheDirectory)
    {
        var errors = new List<ManifestError>(shapeErrors);
        var (spec, deviceNote) = ResolveDevice(m, errors);
        var problem = m.Problem is null ? null : Resolve(catalog, PluginKind.Problem, m.Problem, errors);
        var engine = Resolve(catalog, PluginKind.Engine, m.Engine, errors);
        var sampler = Resolve(catalog, PluginKind.Sampler, m.Sampler.Plugin, errors);
        var stages = new List<ResolvedStage>();
        foreach (var stage in m.Stages)
            if (Resolve(catalog, PluginKind.Optimizer, stage.Optimizer, errors) is { } optimizer)
                stages.Add(new ResolvedStage(optimizer, stage.Budget));

        IProblem? instance = null;
        if (problem is not null)
        {
            try
            {
                instance = ((IProblemFactory)problem.Descriptor.Factory).Create(problem.Options, new ProblemContext(spec, cacheDirectory));
            }
            catch (ArgumentException e)
            {
                errors.Add(new ManifestError($"{m.Problem!.Path}.options", e.Message));
            }
        }
        var points = new Dictionary<string, int>();
        var resample = new Dictionary<string, int>();
        if (instance is not null)
        {
            var names = instance.Conditions.Select(c => c.Name).ToArray();
            var allowed = string.Join(", ", names);
            foreach (var key in m.Sampler.Points.Keys.Where(k => !names.Contains(k)))
                errors.Add(new ManifestError($"$.sampler.points.{key}", $"the problem has no condition '{key}' (its conditions: {allowed})"));
            foreach (var key in m.Sampler.ResampleEvery.Keys.Where(k => k != "*" && !names.Contains(k)))
                errors.Add(new ManifestError($"$.sampler.resampleEvery.{key}", $"the problem has no condition '{key}' (its conditions: {allowed})"));
            foreach (var key in m.Weights.Keys.Where(k => !names.Contains(k)))
                errors.Add(new ManifestError($"$.problem.weights.{key}", $"the problem has no condition '{key}' (its conditions: {allowed})"));
            foreach (var c in instance.Conditions)
            {
                points[c.Name] = m.Sampler.Points.TryGetValue(c.Name, out var n) ? n : c.DefaultPoints;
                resample[c.Name] = m.Sampler.ResampleEvery.TryGetValue(c.Name, out var k) ? k : m.Sampler.ResampleEvery["*"];
            }
            if (engine is not null)
            {
                var engineInstance = ((IEngineFactory)engine.Descriptor.Factory).Create(engine.Options, new EngineContext(spec));
                foreach (var c in instance.Conditions)
                foreach (var key in c.Request.Keys)
                    if (engineInstance.Unsupported(key) is { } why)
                        errors.Add(new ManifestError($"{m.Engine.Path}.name",
                            $"engine '{engine.Descriptor.Name}' cannot serve condition '{c.Name}' of problem '{problem!.Descriptor.Name}', which needs {key}: {why}"));
            }
        }
        if (errors.Count > 0) throw new ManifestException(file, errors);
        return new RunPlan(m, file, spec, deviceNote, problem!, instance!, engine!, sampler!, stages, points, resample);
    }

    private static (TensorSpec Spec, string Note) ResolveDevice(Manifest m, List<ManifestError> errors)
    {
        var dtype = m.DType == "float32" ? torch.ScalarType.Float32 : torch.ScalarType.Float64;
        var cuda = torch.cuda.is_available();
        switch (m.Device)
        {
            case "cuda" when !cuda:
                errors.Add(new ManifestError("$.device", "cuda is not available here (no CUDA device, or a build with the CPU backend; "
                                                         + "build with -p:TorchBackend=cuda on a machine with a GPU); use \"cpu\" or \"auto\""));
                return (new TensorSpec(dtype, torch.CPU), "");
            case "cuda":
                return (new TensorSpec(dtype, torch.CUDA), "device: cuda");
            case "auto":
                return cuda ? (new TensorSpec(dtype, torch.CUDA), "device auto: using cuda")
                            : (new TensorSpec(dtype, torch.CPU), "device auto: no CUDA device, using cpu");
            default:
                return (new TensorSpec(dtype, torch.CPU), "device: cpu");
        }
    }

    private static ResolvedPlugin? Resolve(PluginCatalog catalog, PluginKind kind, PluginSelection selection, List<ManifestError> errors)
    {
        var kindName = kind.ToString().ToLowerInvariant();
        var candidates = catalog.Find(kind, selection.Name);
        if (candidates.Count == 0)
        {
            var available = catalog.Names(kind);
            errors.Add(new ManifestError($"{selection.Path}.name",
                $"no {kindName} plugin named '{selection.Name}' (available: {(available.Count == 0 ? "none" : string.Join(", ", available))})"));
            return null;
        }
        var chosen = candidates[0];
        if (selection.Version is { } text)
        {
            var range = VersionRange.Parse(text, out var why);
            if (range is null)
            {
                errors.Add(new ManifestError($"{selection.Path}.version", why!));
                return null;
            }
            chosen = candidates.FirstOrDefault(c => range.Contains(c.Version))!;
            if (chosen is null)
            {
                errors.Add(new ManifestError($"{selection.Path}.version",
                    $"no version of {kindName} '{selection.Name}' satisfies '{text}' (found: {string.Join(", ", candidates.Select(c => c.Version.ToString(3)))})"));
                return null;
            }
        }
        var parsed = chosen.Factory.ParseOptions(selection.Options);
        foreach (var e in parsed.Errors)
            errors.Add(new ManifestError(e.Field.Length == 0 ? $"{selection.Path}.options" : $"{selection.Path}.options.{e.Field}",
                                         $"{e.Message} ({kindName} '{chosen.Name}')"));
        return parsed.Options is null ? null : new ResolvedPlugin(chosen, parsed.Options, selection);
    }
}
