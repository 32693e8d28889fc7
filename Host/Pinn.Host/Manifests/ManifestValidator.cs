using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models.Embedding;
using Pinn.Abstractions.Models.Symmetry;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Weighting;
using Pinn.Host.Plugins;
using TorchSharp;

namespace Pinn.Host.Manifests;

/// <summary>
/// Checks a manifest against the loaded plugins: names and version ranges, each plugin's options,
/// point counts and weights against the problem's conditions, each condition's output components against the
/// problem's outputs, the engine against every derivative the problem needs, and the device. Reports every mistake at once; allocates no tensor.
/// </summary>
internal static class ManifestValidator
{
    /// <summary>Reads and checks <paramref name="file"/>; <see cref="ManifestException"/> lists every mistake.</summary>
    /// <param name="pins">With <c>--resume</c>: the plugin versions the checkpoint was written with, used where the
    /// manifest names no version or folder (and then <c>model.weightsFrom</c> is not checked: the run's weights are in
    /// its checkpoint).</param>
    public static RunPlan Validate(string file, PluginCatalog catalog, string cacheDirectory, PluginPins? pins = null)
    {
        var (manifest, errors) = ManifestReader.ReadPartial(file);
        return Validate(manifest, errors, file, catalog, cacheDirectory, pins);
    }

    /// <summary>Checks manifest text; <paramref name="file"/> names it in messages.</summary>
    public static RunPlan ValidateText(string text, string file, PluginCatalog catalog, string cacheDirectory, PluginPins? pins = null)
    {
        var (manifest, errors) = ManifestReader.ParsePartial(text, file);
        return Validate(manifest, errors, file, catalog, cacheDirectory, pins);
    }

    /// <summary>Checks a manifest read partially, adding to the mistakes the reader found.</summary>
    private static RunPlan Validate(Manifest m, IReadOnlyList<ManifestError> shapeErrors, string file, PluginCatalog catalog, string cacheDirectory,
                                    PluginPins? pins)
    {
        var errors = new List<ManifestError>(shapeErrors);
        var notes = new List<string>();
        var (spec, deviceNote) = ResolveDevice(m, errors);
        var problem = m.Problem is null ? null : Resolve(catalog, PluginKind.Problem, m.Problem, errors, pins?.Problem, notes);
        var engine = Resolve(catalog, PluginKind.Engine, m.Engine, errors, pins?.Engine, notes);
        var sampler = Resolve(catalog, PluginKind.Sampler, m.Sampler.Plugin, errors, pins?.Sampler, notes);
        var weighting = m.Weighting is null ? null : Resolve(catalog, PluginKind.Weighting, m.Weighting, errors, pins?.Weighting, notes);
        var stages = new List<ResolvedStage>();
        for (var i = 0; i < m.Stages.Count; i++)
            if (Resolve(catalog, PluginKind.Optimizer, m.Stages[i].Optimizer, errors, pins is not null && i < pins.Stages.Count ? pins.Stages[i] : null, notes) is { } optimizer)
                stages.Add(new ResolvedStage(optimizer, m.Stages[i].Budget));

        IProblem? instance = null;
        (IReadOnlyList<PeriodicAxis> Axes, IReadOnlyList<ManifestError> Errors)? axes = null;
        IReadOnlyList<string> replaced = [];   // the conditions a hard constraint in force replaces
        if (problem is not null)
        {
            try
            {
                instance = ((IProblemFactory)problem.Descriptor.Factory).Create(problem.Options, new ProblemContext(spec, cacheDirectory) { Seed = m.Seed });
            }
            catch (ArgumentException e)
            {
                errors.Add(new ManifestError($"{m.Problem!.Path}.options", e.Message));
            }
            catch (Exception e)
            {
                errors.Add(new ManifestError($"{m.Problem!.Path}.name", $"{problem.Label} failed to create the problem: {PluginError.Describe(e)}"));
            }
            if (instance is not null && ConditionNameProblem(instance) is { } wrong)
            {
                errors.Add(new ManifestError($"{m.Problem!.Path}.name", $"{problem.Label} {wrong}"));
                instance = null;
            }
            if (instance is not null && m.Model is { HardConstraints: true })
            {
                if (instance is IHardConstrainedProblem constrained)
                {
                    replaced = constrained.HardConstraint.Replaces;
                    var unused = m.Weights.Keys.Where(replaced.Contains).Select(k => $"$.problem.weights.{k}")
                        .Concat(m.Sampler.Points.Keys.Where(replaced.Contains).Select(k => $"$.sampler.points.{k}")).ToArray();
                    if (unused.Length > 0)
                        notes.Add($"note: {string.Join(", ", unused)} not used: the hard constraint makes {string.Join(", ", replaced)} hold exactly");
                }
                else
                    errors.Add(new ManifestError("$.model.hardConstraints", $"{problem.Label} declares no hard constraint (problems that do: "
                                                                            + $"{string.Join(", ", HardConstrainedProblems(catalog, spec, cacheDirectory))})"));
            }
            if (instance is not null && m.Model?.Embedding is { } embedding)
            {
                axes = Training.NetworkBuilder.Axes(embedding, instance);
                errors.AddRange(axes.Value.Errors);
            }
            if (instance is not null && m.Model is { Symmetry.Count: > 0 } symmetric)
            {
                var (reflections, mistakes) = Training.NetworkBuilder.Reflections(symmetric.Symmetry, instance);
                errors.AddRange(mistakes);
                foreach (var c in instance.Conditions)
                foreach (var key in c.Request.Keys)
                    if (Reflections.Unsupported(reflections, key) is { } why)
                        errors.Add(new ManifestError("$.model.symmetry", $"condition '{c.Name}' needs {key}, which the symmetric network cannot give: {why}"));
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
            foreach (var budget in m.Stages.Select(st => st.Budget).Where(b => b.Discrepancy is not null))
            foreach (var key in budget.Discrepancy!.Keys)
            {
                var at = $"{budget.Path}.discrepancy.{key}";
                if (!names.Contains(key))
                    errors.Add(new ManifestError(at, $"the problem has no condition '{key}' (its conditions: {allowed})"));
                else if (replaced.Contains(key))
                    errors.Add(new ManifestError(at, $"condition '{key}' holds exactly under the hard constraint: it has no residual to stop at"));
            }
            foreach (var c in instance.Conditions.Where(c => c.Domain is PointSet && m.Sampler.Points.ContainsKey(c.Name)))
                errors.Add(new ManifestError($"$.sampler.points.{c.Name}",
                                             $"condition '{c.Name}' sits at {((PointSet)c.Domain).Count} fixed points given by the problem; its point count cannot be set"));
            foreach (var c in instance.Conditions)
            {
                if (c.Request.OutputsBeyond(instance.OutputDimension) is { } beyond)
                    errors.Add(new ManifestError($"{m.Problem!.Path}.name", $"{problem!.Label}: condition '{c.Name}' names an output the problem does not have: {beyond}"));
                points[c.Name] = c.Domain is PointSet fixedPoints ? fixedPoints.Count
                                 : m.Sampler.Points.TryGetValue(c.Name, out var n) ? n : c.DefaultPoints;
                resample[c.Name] = m.Sampler.ResampleEvery.TryGetValue(c.Name, out var k) ? k : m.Sampler.ResampleEvery["*"];
            }
            if (weighting is not null)
                _ = CreateWeighting(weighting, new WeightingSetup(spec, TrainedConditions.Of(instance, m.Model is { HardConstraints: true }),
                                                                  Training.TrainingRun.Seed(m.Seed, Training.TrainingRun.WeightingStream)), errors);
            if (engine is not null && CreateEngine(engine, spec, errors) is { } engineInstance)
            {
                foreach (var c in instance.Conditions)
                foreach (var key in c.Request.Keys)
                    if (engineInstance.Unsupported(key) is { } why)
                        errors.Add(new ManifestError($"{m.Engine.Path}.name",
                            $"engine '{engine.Descriptor.Name}' cannot serve condition '{c.Name}' of problem '{problem!.Descriptor.Name}', which needs {key}: {why}"));
                // An engine of another author may not serve an embedding or slopes: ask it about a one-unit network of this shape.
                if (m.Model is { } model && (model.Embedding is not null || model.Adaptive is not null)
                    && (model.Embedding is not { } e || axes is { Errors.Count: 0 } resolved && InputEmbedding.Problems(instance.InputDimension, resolved.Axes, e.Fourier).Count == 0))
                {
                    using var generator = new torch.Generator(0, torch.CPU);
                    using var probe = Training.NetworkBuilder.Build(model with { Hidden = [1] }, instance, spec, generator);
                    if (engineInstance.UnsupportedNetwork(probe) is { } why)
                        errors.Add(new ManifestError($"{m.Engine.Path}.name",
                                                     $"engine '{engine.Descriptor.Name}' cannot serve the network $.model describes (embedding, slopes): {why}"));
                }
                var requirements = stages.Select(s => Requirements(s.Optimizer, errors)).ToArray();
                for (var i = 0; i < stages.Count; i++)
                    if (requirements[i].NeedsTapingEngine && engineInstance is not ITapingDerivativeEngine)
                        errors.Add(new ManifestError($"{m.Engine.Path}.name",
                            $"optimizer '{stages[i].Optimizer.Descriptor.Name}' reads layer tapes, which engine '{engine.Descriptor.Name}' does not record; "
                            + $"use an engine that does ({string.Join(", ", TapingEngines(catalog, spec))})"));
                if (errors.Count == 0 && m.Model is not null)
                {
                    var memory = MemoryEstimate.Of(spec.DType == torch.ScalarType.Float32 ? 4 : 8, instance.InputDimension, m.Model.Hidden, instance.OutputDimension,
                                                   instance.Parameters.Sum(p => (long)p.Initial.Length), points.Values,
                                                   instance.Conditions.Any(c => c.Request.Keys.Any(k => k.Order > 0)), requirements);
                    if (memory.Bytes > MemoryEstimate.MachineBytes)
                        errors.Add(new ManifestError(memory.Culprit(stages.Select(s => s.Optimizer.Selection.Path).ToArray()),
                                                     memory.Explain(stages.Select(s => s.Optimizer.Descriptor.Name).ToArray(), MemoryEstimate.MachineBytes)));
                }
            }
        }
        // A resumed run (pins from its checkpoint) has its weights in its own checkpoint: the starting weights' file may
        // have changed or gone since, and is neither read nor checked.
        if (pins is null && m.Model?.WeightsFrom is { } weightsFrom && StartingWeightsOf(m.Model, weightsFrom, file, instance, spec, errors) is { } located)
            m = m with { Model = m.Model with { WeightsFrom = located } };
        if (errors.Count > 0) throw new ManifestException(file, errors);
        return new RunPlan(m, file, spec, deviceNote, problem!, instance!, engine!, sampler!, stages, points, resample) { Notes = notes, Weighting = weighting };
    }

    /// <summary><c>model.weightsFrom</c>: the checkpoint file it names (null when there is none), with every reason it cannot
    /// start this network added to <paramref name="errors"/>. The network is built to compare its tensors only when the
    /// rest of the model is sound and of a size that is quick to build.</summary>
    private static string? StartingWeightsOf(ModelSection model, string given, string file, IProblem? instance, TensorSpec spec, List<ManifestError> errors)
    {
        const string at = "$.model.weightsFrom";
        var (located, missing) = Training.StartingWeights.Locate(given, file);
        if (located is null)
        {
            errors.Add(new ManifestError(at, missing!));
            return null;
        }
        var weights = model.Hidden.Zip(model.Hidden.Skip(1), (a, b) => (long)a * b).Sum();
        if (instance is null || errors.Any(e => e.Path.StartsWith("$.model", StringComparison.Ordinal)) || weights > 50_000_000) return located;
        using var generator = new torch.Generator(0, torch.CPU);
        using var network = Training.NetworkBuilder.Build(model, instance, spec, generator);
        errors.AddRange(Training.StartingWeights.Mismatches(located, model, network).Select(why => new ManifestError(at, why)));
        return located;
    }

    /// <summary>Condition names key the manifest's points, weights and metrics.csv's columns: identifiers, each once.</summary>
    private static string? ConditionNameProblem(IProblem problem)
    {
        var names = problem.Conditions.Select(c => c.Name).ToArray();
        if (names.Length == 0) return "has no conditions";
        if (names.FirstOrDefault(n => !PluginCatalog.IsValidName(n)) is { } bad)
            return $"has a condition named \"{bad}\", which is not allowed (a letter or digit, then letters, digits, '-', '_' or '.')";
        return names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice ? $"has two conditions named '{twice.Key}'" : null;
    }

    /// <summary>The problems whose default instance declares a hard constraint, by name.</summary>
    private static IEnumerable<string> HardConstrainedProblems(PluginCatalog catalog, TensorSpec spec, string cacheDirectory)
        => catalog.Names(PluginKind.Problem).Where(name =>
        {
            var factory = (IProblemFactory)catalog.Find(PluginKind.Problem, name)[0].Factory;
            try
            {
                return factory.ParseOptions(null).Options is { } options && factory.Create(options, new ProblemContext(spec, cacheDirectory)) is IHardConstrainedProblem;
            }
            catch (Exception)
            {
                return false;
            }
        });

    /// <summary>Creates the weighting scheme for the problem, as the run will: a scheme that cannot weigh this problem (say
    /// causal weights without time) says so with an <see cref="ArgumentException"/>, reported against its options.</summary>
    internal static ILossWeighting? CreateWeighting(ResolvedPlugin weighting, WeightingSetup setup, List<ManifestError> errors)
    {
        try
        {
            return ((IWeightingFactory)weighting.Descriptor.Factory).Create(weighting.Options, setup);
        }
        catch (ArgumentException e)
        {
            errors.Add(new ManifestError($"{weighting.Selection.Path}.options", $"{e.Message} ({weighting.Descriptor.KindName} '{weighting.Descriptor.Name}')"));
        }
        catch (Exception e)
        {
            errors.Add(new ManifestError($"{weighting.Selection.Path}.name", $"{weighting.Label} failed to create the weighting: {PluginError.Describe(e)}"));
        }
        return null;
    }

    private static IDerivativeEngine? CreateEngine(ResolvedPlugin engine, TensorSpec spec, List<ManifestError> errors)
    {
        try
        {
            return ((IEngineFactory)engine.Descriptor.Factory).Create(engine.Options, new EngineContext(spec));
        }
        catch (Exception e)
        {
            errors.Add(new ManifestError($"{engine.Selection.Path}.name", $"{engine.Label} failed to create the engine: {PluginError.Describe(e)}"));
            return null;
        }
    }

    private static OptimizerRequirements Requirements(ResolvedPlugin optimizer, List<ManifestError> errors)
    {
        try
        {
            return ((IOptimizerFactory)optimizer.Descriptor.Factory).Requirements(optimizer.Options);
        }
        catch (Exception e)
        {
            errors.Add(new ManifestError($"{optimizer.Selection.Path}.name", $"{optimizer.Label} failed to state its requirements: {PluginError.Describe(e)}"));
            return OptimizerRequirements.None;
        }
    }

    /// <summary>The engines that record layer tapes, by name.</summary>
    private static IEnumerable<string> TapingEngines(PluginCatalog catalog, TensorSpec spec)
        => catalog.Names(PluginKind.Engine).Where(name =>
        {
            var factory = (IEngineFactory)catalog.Find(PluginKind.Engine, name)[0].Factory;
            try
            {
                return factory.ParseOptions(null).Options is { } options && factory.Create(options, new EngineContext(spec)) is ITapingDerivativeEngine;
            }
            catch (Exception)
            {
                return false;
            }
        });

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

    private static ResolvedPlugin? Resolve(PluginCatalog catalog, PluginKind kind, PluginSelection selection, List<ManifestError> errors,
                                           (string Name, Version Version)? pin, List<string> notes)
    {
        var kindName = kind.ToString().ToLowerInvariant();
        IReadOnlyList<PluginDescriptor> candidates = catalog.Find(kind, selection.Name);
        if (candidates.Count == 0)
        {
            var available = catalog.Names(kind);
            errors.Add(new ManifestError($"{selection.Path}.name",
                $"no {kindName} plugin named '{selection.Name}' (available: {(available.Count == 0 ? "none" : string.Join(", ", available))})"));
            return null;
        }
        if (selection.Folder is { } folder)
        {
            var inFolder = candidates.Where(c => SameFolder(c.Path, folder)).ToArray();
            if (inFolder.Length == 0)
            {
                errors.Add(new ManifestError($"{selection.Path}.folder",
                    $"no {kindName} '{selection.Name}' in a folder '{folder}' (it is in: {string.Join(", ", candidates.Select(c => c.Path))})"));
                return null;
            }
            candidates = inFolder;
        }
        // Built-ins first: a same-named plugin from another folder never takes over silently, whatever its version.
        var ordered = candidates.OrderByDescending(c => c.BuiltIn).ThenByDescending(c => c.Version).ToArray();
        var chosen = ordered[0];
        if (selection.Version is { } text)
        {
            var range = VersionRange.Parse(text, out var why);
            if (range is null)
            {
                errors.Add(new ManifestError($"{selection.Path}.version", why!));
                return null;
            }
            chosen = candidates.Where(c => range.Contains(c.Version)).OrderByDescending(c => c.Version).ThenByDescending(c => c.BuiltIn).FirstOrDefault()!;
            if (chosen is null)
            {
                errors.Add(new ManifestError($"{selection.Path}.version",
                    $"no version of {kindName} '{selection.Name}' satisfies '{text}' (found: {string.Join(", ", candidates.Select(c => c.Version.ToString(3)))})"));
                return null;
            }
        }
        else if (pin is { } p && p.Name == selection.Name && selection.Folder is null)
        {
            if (ordered.FirstOrDefault(c => c.Version == p.Version) is { } recorded) chosen = recorded;
            else notes.Add($"note: the checkpoint was written with {kindName} '{p.Name}' {p.Version.ToString(3)}, which is not installed; using {chosen.Version.ToString(3)} ({chosen.Path})");
        }
        else if (chosen.BuiltIn && candidates.FirstOrDefault(c => !c.BuiltIn && c.Version > chosen.Version) is { } other)
            notes.Add($"note: {kindName} '{selection.Name}' {other.Version.ToString(3)} in {other.Path} is not used: the built-in {chosen.Version.ToString(3)} is "
                      + $"(ask for the other with \"version\": \"{other.Version.ToString(3)}\" or \"folder\": \"{other.Path}\")");
        var twins = candidates.Where(c => c.Version == chosen.Version && c.Path != chosen.Path).ToArray();
        if (twins.Length > 0)
            notes.Add($"note: {kindName} '{selection.Name}' {chosen.Version.ToString(3)} is in {twins.Length + 1} folders; using {chosen.Path} ("
                      + (chosen.BuiltIn ? "the built-in one" : "the first in search order: artifacts/plugins, ./plugins, then PINN_PLUGIN_PATH")
                      + $"), not {string.Join(", ", twins.Select(t => t.Path))}; name one with \"folder\"");
        var parsed = chosen.Factory.ParseOptions(selection.Options);
        foreach (var e in parsed.Errors)
            errors.Add(new ManifestError(e.Field.Length == 0 ? $"{selection.Path}.options" : $"{selection.Path}.options.{e.Field}",
                                         $"{e.Message} ({kindName} '{chosen.Name}')"));
        return parsed.Options is null ? null : new ResolvedPlugin(chosen, parsed.Options, selection);
    }

    /// <summary>Whether a plugin folder is the one named: by its path, or by its folder name.</summary>
    private static bool SameFolder(string pluginFolder, string named)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginFolder));
        return full == Path.TrimEndingDirectorySeparator(Path.GetFullPath(named)) || Path.GetFileName(full) == named;
    }
}
