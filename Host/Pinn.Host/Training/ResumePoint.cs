using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// The state of a run after a step, as checkpoint.bin holds it: the resolved manifest and the
/// <see cref="RunProgress"/> in the header with the states of the sampling and global random generators
/// (base64), and as tensors the network and problem parameters (<c>network.*</c>, <c>problem.*</c>), the
/// training points of each condition (<c>points.&lt;condition&gt;</c>) and the stage's optimizer state
/// (<c>optimizer.*</c>). Everything needed to continue the same trajectory.
/// </summary>
internal sealed class ResumePoint : IDisposable
{
    public const string FileName = "checkpoint.bin";
    private const string NetworkPrefix = "network.", ProblemPrefix = "problem.", PointsPrefix = "points.", OptimizerPrefix = "optimizer.";

    /// <summary>The weighting scheme's multipliers λ [m] (condition order), point weights (<c>weighting.points.&lt;condition&gt;</c> [N_c])
    /// and its own state (<c>weighting.state.&lt;name&gt;</c>).</summary>
    private const string MultipliersName = "weighting.multipliers", PointWeightsPrefix = "weighting.points.", WeightingStatePrefix = "weighting.state.";

    private readonly Dictionary<string, torch.Tensor> _tensors;

    private ResumePoint(string file, JsonObject manifest, RunProgress progress, byte[] samplingGenerator, byte[] globalGenerator,
                        Dictionary<string, torch.Tensor> tensors)
    {
        File = file;
        Manifest = manifest;
        Progress = progress;
        SamplingGenerator = samplingGenerator;
        GlobalGenerator = globalGenerator;
        _tensors = tensors;
    }

    /// <summary>The checkpoint file.</summary>
    public string File { get; }

    /// <summary>The resolved manifest of the run that wrote it.</summary>
    public JsonObject Manifest { get; }

    public RunProgress Progress { get; }

    /// <summary>State of the generator that draws training points.</summary>
    public byte[] SamplingGenerator { get; }

    /// <summary>State of torch's default generator (used by plugins that draw without a generator of their own).</summary>
    public byte[] GlobalGenerator { get; }

    /// <summary>The optimizer state of the stage <see cref="Progress"/> is in, by state-dict name (CPU, saved dtype).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> OptimizerState => _tensors
        .Where(kv => kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
        .ToDictionary(kv => kv.Key[OptimizerPrefix.Length..], kv => kv.Value);

    /// <summary>The network's tensors by their <see cref="Training.NetworkTensors"/> names (CPU, the run's dtype).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Network => _tensors
        .Where(kv => kv.Key.StartsWith(NetworkPrefix, StringComparison.Ordinal))
        .ToDictionary(kv => kv.Key[NetworkPrefix.Length..], kv => kv.Value);

    /// <summary>The weighting scheme's own state, by state-dict name (CPU, saved dtype); empty for a run without one.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> WeightingState => _tensors
        .Where(kv => kv.Key.StartsWith(WeightingStatePrefix, StringComparison.Ordinal))
        .ToDictionary(kv => kv.Key[WeightingStatePrefix.Length..], kv => kv.Value);

    /// <summary>
    /// Reads a checkpoint file, or the checkpoint.bin of a run folder, trusting nothing in it: besides the checks of
    /// <see cref="Checkpoint.Read"/> and <see cref="RunProgress.ReadFrom"/>, the generator states must be base64 and
    /// the network (<c>network.*</c>), problem (<c>problem.*</c>) and point (<c>points.*</c>) tensors must be stored in the
    /// run's dtype (the saved manifest's <c>dtype</c>) and hold finite values. Every refusal is an
    /// <see cref="InvalidDataException"/> naming the file and the field or tensor.
    /// </summary>
    public static ResumePoint Load(string fileOrDirectory)
    {
        var file = Directory.Exists(fileOrDirectory) ? Path.Combine(fileOrDirectory, FileName) : fileOrDirectory;
        if (!System.IO.File.Exists(file))
            throw new FileNotFoundException(Directory.Exists(fileOrDirectory) ? $"{fileOrDirectory} has no {FileName}" : $"no checkpoint at {file}", file);
        var (header, tensors) = Checkpoint.Read(file);
        try
        {
            var manifest = header["manifest"] as JsonObject ?? throw new InvalidDataException($"{file}: the checkpoint header has no manifest");
            CheckManifestShape(manifest, file);
            var progress = RunProgress.ReadFrom(header, file);
            var dtype = RunDType(manifest, file);
            foreach (var (name, t) in tensors)
            {
                if (!name.StartsWith(NetworkPrefix, StringComparison.Ordinal) && !name.StartsWith(ProblemPrefix, StringComparison.Ordinal)
                    && !name.StartsWith(PointsPrefix, StringComparison.Ordinal)) continue;
                if (t.dtype != dtype)
                    throw new InvalidDataException($"{file}: {name} is stored as {t.dtype}, the run's dtype is {DTypeName(dtype)}");
                using var finite = torch.isfinite(t);
                using var allFinite = finite.all();
                if (!allFinite.item<bool>())
                    throw new InvalidDataException($"{file}: {name} holds non-finite values");
            }
            return new ResumePoint(file, manifest, progress, Generator(header, "sampling", file), Generator(header, "global", file), tensors);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>The sections of the saved manifest that <see cref="ResumeCompatibility"/> compares must have the kinds a
    /// resolved manifest gives them (objects, and an array of stage objects), so that comparing them cannot fail.</summary>
    private static void CheckManifestShape(JsonObject manifest, string file)
    {
        foreach (var section in new[] { "problem", "model", "engine", "sampler" })
            if (manifest[section] is not (null or JsonObject))
                throw new InvalidDataException($"{file}: the checkpoint's manifest has a \"{section}\" that is not an object");
        if (manifest["stages"] is null) return;
        if (manifest["stages"] is not JsonArray stages)
            throw new InvalidDataException($"{file}: the checkpoint's manifest has \"stages\" that are not a list");
        for (var i = 0; i < stages.Count; i++)
            if (stages[i] is not JsonObject stage || stage["optimizer"] is not (null or JsonObject))
                throw new InvalidDataException($"{file}: stage {i} of the checkpoint's manifest is not an object with an \"optimizer\" object");
    }

    /// <summary>The floating dtype of the run that wrote the checkpoint, from its resolved manifest.</summary>
    private static torch.ScalarType RunDType(JsonObject manifest, string file) => manifest["dtype"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "float64" => torch.ScalarType.Float64,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "float32" => torch.ScalarType.Float32,
        var other => throw new InvalidDataException($"{file}: the checkpoint's manifest has the dtype {other?.ToJsonString() ?? "(none)"}, "
                                                    + "not \"float64\" or \"float32\""),
    };

    private static string DTypeName(torch.ScalarType dtype) => dtype == torch.ScalarType.Float32 ? "float32" : "float64";

    /// <summary>A generator state of the header, base64.</summary>
    private static byte[] Generator(JsonObject header, string name, string file)
    {
        var node = header["generators"] is JsonObject generators ? generators[name] : null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            throw new InvalidDataException($"{file}: the checkpoint header has no state of the {name} random generator");
        try
        {
            return Convert.FromBase64String(v.GetValue<string>());
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{file}: the state of the {name} random generator is not base64");
        }
    }

    /// <summary>Writes a checkpoint atomically. The optimizer's state-dict tensors are disposed afterwards.</summary>
    public static void Write(string file, JsonObject manifest, RunProgress progress, ResidualModel model, IOptimizer? optimizer,
                             torch.Generator samplingGenerator, ILossWeighting? weighting = null)
    {
        var tensors = NetworkTensors.Of(model.Network).ToDictionary(t => NetworkPrefix + t.Key, t => t.Tensor);
        foreach (var (name, t) in model.ExtraParameters) tensors[ProblemPrefix + name] = t;
        foreach (var c in model.Conditions) tensors[PointsPrefix + c.Name] = model.Points(c.Name);
        var state = optimizer?.StateDict() ?? new Dictionary<string, torch.Tensor>();
        foreach (var (name, t) in state) tensors[OptimizerPrefix + name] = t;
        var owned = new List<torch.Tensor>(state.Values);
        if (weighting is not null)
        {
            var multipliers = torch.tensor(model.Conditions.Select(c => model.Multipliers[c.Name]).ToArray(), torch.float64);
            owned.Add(tensors[MultipliersName] = multipliers);
            foreach (var c in model.Conditions)
                if (model.PointWeights(c.Name) is { } p) owned.Add(tensors[PointWeightsPrefix + c.Name] = p);
            foreach (var (name, t) in weighting.StateDict()) owned.Add(tensors[WeightingStatePrefix + name] = t);
        }

        var header = new JsonObject { ["manifest"] = manifest.DeepClone() };
        progress.WriteTo(header);
        header["generators"] = new JsonObject
        {
            ["sampling"] = Base64(samplingGenerator.get_state()),
            ["global"] = Base64(torch.random.get_rng_state()),
        };
        try
        {
            Checkpoint.Write(file, header, tensors);
        }
        finally
        {
            foreach (var t in owned) t.Dispose();
        }
    }

    /// <summary>
    /// Puts the parameters and points into <paramref name="model"/> and the generator states into
    /// <paramref name="samplingGenerator"/> and torch's default generator. Every shape and dtype is checked first,
    /// and the generator states' positions: a mismatch is an <see cref="InvalidDataException"/>, never a libtorch error.
    /// </summary>
    public void Restore(ResidualModel model, torch.Generator samplingGenerator)
    {
        var targets = NetworkTensors.Of(model.Network).Select(t => (Name: NetworkPrefix + t.Key, Target: t.Tensor)).ToList();
        targets.AddRange(model.ExtraParameters.Select(kv => (ProblemPrefix + kv.Key, kv.Value)));
        foreach (var (name, target) in targets)
        {
            var saved = Tensor(name);
            if (!saved.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{File}: {name} has shape [{string.Join(", ", saved.shape)}], the model's is [{string.Join(", ", target.shape)}]");
            if (saved.dtype != target.dtype)
                throw new InvalidDataException($"{File}: {name} is stored as {saved.dtype}, the model's is {target.dtype}");
        }
        foreach (var c in model.Conditions)
        {
            var name = PointsPrefix + c.Name;
            var points = Tensor(name);
            if (points.dim() != 2 || points.shape[0] < 1 || points.shape[1] != model.Problem.InputDimension)
                throw new InvalidDataException($"{File}: {name} has shape [{string.Join(", ", points.shape)}], expected [N, {model.Problem.InputDimension}] with N ≥ 1");
            if (points.dtype != model.Spec.DType)
                throw new InvalidDataException($"{File}: {name} is stored as {points.dtype}, the model's points are {model.Spec.DType}");
        }
        CheckGeneratorState(SamplingGenerator, samplingGenerator.get_state(), "sampling");
        CheckGeneratorState(GlobalGenerator, torch.random.get_rng_state(), "global");

        using (torch.no_grad())
        {
            foreach (var (name, target) in targets) target.copy_(Tensor(name));
        }
        foreach (var c in model.Conditions) model.SetPoints(c.Name, Tensor(PointsPrefix + c.Name));
        if (Weights(model) is { } weights) model.Apply(weights);
        using (var state = torch.tensor(SamplingGenerator)) samplingGenerator.set_state(state);
        using (var state = torch.tensor(GlobalGenerator)) torch.random.set_rng_state(state);
    }

    /// <summary>
    /// The trained parameters for a network shaped like <paramref name="network"/> and the extra parameters of
    /// <paramref name="problem"/>: <c>layers.{l}.weight</c>, <c>layers.{l}.bias</c> (and <c>slopes.*</c>, <c>embedding.*</c>,
    /// see <see cref="NetworkTensors"/>) and <c>problem.{name}</c>, each
    /// checked against the shape and dtype it must have (an <see cref="InvalidDataException"/> naming the tensor
    /// otherwise). The tensors stay owned by this checkpoint.
    /// </summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters(Abstractions.Models.Mlp network, Abstractions.Problems.IProblem problem)
    {
        var wanted = NetworkTensors.Of(network).Select(t => (Name: NetworkPrefix + t.Key, t.Key, Shape: t.Tensor.shape)).ToList();
        wanted.AddRange(problem.Parameters.Select(p => (ProblemPrefix + p.Name, ProblemPrefix + p.Name, new long[] { p.Initial.Length })));
        var found = new Dictionary<string, torch.Tensor>();
        foreach (var (name, key, shape) in wanted)
        {
            var saved = Tensor(name);
            if (!saved.shape.SequenceEqual(shape))
                throw new InvalidDataException($"{File}: {name} has shape [{string.Join(", ", saved.shape)}], the network's is [{string.Join(", ", shape)}]");
            if (saved.dtype != network.Spec.DType)
                throw new InvalidDataException($"{File}: {name} is stored as {saved.dtype}, the network's is {network.Spec.DType}");
            found[key] = saved;
        }
        return found;
    }

    /// <summary>The multipliers and point weights the checkpoint holds (null for a run without a weighting scheme), checked
    /// against the model: [m] and [N_c], finite and ≥ 0.</summary>
    private WeightUpdate? Weights(ResidualModel model)
    {
        if (!_tensors.TryGetValue(MultipliersName, out var saved)) return null;
        var conditions = model.Conditions;
        if (saved.dim() != 1 || saved.shape[0] != conditions.Count)
            throw new InvalidDataException($"{File}: {MultipliersName} has shape [{string.Join(", ", saved.shape)}], the problem has {conditions.Count} conditions");
        var lambda = saved.to(torch.float64).data<double>().ToArray();
        if (lambda.Any(l => !double.IsFinite(l) || l < 0)) throw new InvalidDataException($"{File}: {MultipliersName} holds a value that is not finite and ≥ 0");
        var points = new Dictionary<string, torch.Tensor>();
        foreach (var c in conditions)
        {
            if (!_tensors.TryGetValue(PointWeightsPrefix + c.Name, out var p)) continue;
            var n = model.Points(c.Name).shape[0];
            if (p.dim() != 1 || p.shape[0] != n)
                throw new InvalidDataException($"{File}: {PointWeightsPrefix}{c.Name} has shape [{string.Join(", ", p.shape)}], expected [{n}] (one per point)");
            using var noGrad = torch.no_grad();
            if (!torch.isfinite(p).all().item<bool>() || (p < 0).any().item<bool>())
                throw new InvalidDataException($"{File}: {PointWeightsPrefix}{c.Name} holds a value that is not finite and ≥ 0");
            points[c.Name] = p;
        }
        return new WeightUpdate(conditions.Select((c, i) => (c.Name, lambda[i])).ToDictionary(x => x.Name, x => x.Item2), points);
    }

    private torch.Tensor Tensor(string name)
        => _tensors.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{File}: the checkpoint has no tensor {name}");

    private void CheckGeneratorState(byte[] saved, torch.Tensor current, string name)
    {
        using (current)
        {
            if (saved.Length != current.numel())
                throw new InvalidDataException($"{File}: the {name} generator state has {saved.Length} bytes, this torch's has {current.numel()}");
        }
        if (CpuGeneratorState.Problem(saved) is { } why)
            throw new InvalidDataException($"{File}: the {name} generator state is not one torch accepts ({why})");
    }

    private static string Base64(torch.Tensor state)
    {
        using (state) return Convert.ToBase64String(state.to(torch.uint8).data<byte>().ToArray());
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }
}
