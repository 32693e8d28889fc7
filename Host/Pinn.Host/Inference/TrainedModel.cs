using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Inference;

/// <summary>
/// A trained network read back from a run folder: the problem, engine and network its checkpoint.bin was written
/// with (the plugin versions pinned to the checkpoint's), the parameters of the checkpoint, and the run's
/// summary.json when there is one. Everything the commands that look at a run (<c>predict</c>, <c>plot</c>,
/// <c>export</c>, <c>serve</c>) evaluate goes through here, always without autograd graphs to the parameters.
/// Evaluations are serialised: one model may be shared by concurrent callers.
/// </summary>
internal sealed class TrainedModel : IDisposable
{
    /// <summary>Points evaluated at once by <see cref="Predict"/>; larger requests are split.</summary>
    public const int ChunkRows = 16384;

    /// <summary>Points evaluated at once by <see cref="Evaluate"/>, whose derivative engines carry a column per direction
    /// (a Laplacian in 100 dimensions: 102 columns per point and layer).</summary>
    public const int DerivativeChunkRows = 2048;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, torch.Tensor> _extra;
    private readonly IDerivativeEngine _engine;

    private TrainedModel(string directory, JsonObject manifest, RunPlan plan, Mlp network, IDerivativeEngine engine,
                         Dictionary<string, torch.Tensor> extra, JsonObject? summary, long step)
    {
        Directory = directory;
        Manifest = manifest;
        Plan = plan;
        Network = network;
        _engine = engine;
        _extra = extra;
        Summary = summary;
        Step = step;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The run's name (the manifest's).</summary>
    public string Name => Plan.Manifest.Name;

    /// <summary>The resolved manifest the checkpoint holds.</summary>
    public JsonObject Manifest { get; }

    /// <summary>The run plan rebuilt from it.</summary>
    public RunPlan Plan { get; }

    /// <summary>The problem instance (same options and seed as the run's).</summary>
    public IProblem Problem => Plan.ProblemInstance;

    /// <summary>u_θ with the checkpoint's parameters (CPU, the run's dtype).</summary>
    public Mlp Network { get; }

    /// <summary>The run's summary.json, or null when the run has none (it was killed before writing one).</summary>
    public JsonObject? Summary { get; }

    /// <summary>The step the checkpoint was taken at.</summary>
    public long Step { get; }

    /// <summary>Names of the d inputs, in column order.</summary>
    public IReadOnlyList<string> InputNames => Problem.InputNames;

    /// <summary>Names of the m outputs, in column order.</summary>
    public IReadOnlyList<string> OutputNames => Problem.OutputNames;

    /// <summary>
    /// Reads the run folder <paramref name="directory"/> (its checkpoint.bin, and summary.json if present). A folder
    /// without a checkpoint, a damaged checkpoint or one whose plugins cannot be found is an
    /// <see cref="InvalidDataException"/> that names the folder and what is wrong.
    /// </summary>
    public static TrainedModel Load(string directory, PluginCatalog catalog, string cacheDirectory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new InvalidDataException($"{directory}: no such run folder");
        if (!File.Exists(Path.Combine(directory, ResumePoint.FileName)))
            throw new InvalidDataException($"{directory}: not a run folder (it has no {ResumePoint.FileName}; `pinn run` writes one)");
        using var checkpoint = ResumePoint.Load(directory);
        RunPlan plan;
        try
        {
            plan = ManifestValidator.ValidateText(ReplayManifest(checkpoint.Manifest), Path.Combine(directory, ResumePoint.FileName), catalog,
                                                  cacheDirectory, PluginPins.From(checkpoint.Manifest));
        }
        catch (ManifestException e)
        {
            throw new InvalidDataException($"{directory}: the run cannot be rebuilt from its checkpoint's manifest: {e.Message}");
        }
        var problem = plan.ProblemInstance;
        var model = plan.Manifest.Model!;
        Mlp network;
        using (var init = new torch.Generator((ulong)TrainingRun.Seed(plan.Manifest.Seed, TrainingRun.InitStream), torch.CPU))
            network = NetworkBuilder.Build(model, problem, plan.Spec, init);
        var tensors = checkpoint.Parameters(network, problem);
        using (torch.no_grad())
        {
            foreach (var (key, target) in NetworkTensors.Of(network)) target.copy_(tensors[key]);
        }
        // Never trained again: an engine that differentiates with autograd builds graphs to the inputs only.
        foreach (var p in network.Parameters.Concat(network.Slopes)) p.requires_grad_(false);
        var extra = problem.Parameters.ToDictionary(p => p.Name, p => tensors["problem." + p.Name].clone().DetachFromDisposeScope());
        var engine = ((IEngineFactory)plan.Engine.Descriptor.Factory).Create(plan.Engine.Options, new EngineContext(plan.Spec));
        engine = ReflectedTapingEngine.Wrap(engine, network);
        var constraint = model.HardConstraints ? ((IHardConstrainedProblem)problem).HardConstraint : null;
        if (constraint is not null) engine = ConstrainedTapingEngine.Wrap(engine, constraint);
        return new TrainedModel(Path.GetFullPath(directory), checkpoint.Manifest, plan, network, engine, extra, ReadSummary(directory),
                                checkpoint.Progress.Step) { HardConstraint = constraint };
    }

    /// <summary><see cref="Load"/> with the plugin folders and cache a <c>pinn</c> command uses (warnings about the plugin
    /// path go to <paramref name="warn"/>).</summary>
    public static TrainedModel Open(string directory, Action<string> warn)
    {
        var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
        foreach (var warning in warnings) warn(warning);
        return Load(directory, catalog, Commands.ValidateCommand.CacheDirectory());
    }

    /// <summary>The hard constraint u = g + φ·N_θ the run trained under, or null.</summary>
    public HardConstraint? HardConstraint { get; private init; }

    /// <summary>u_θ(x) [N, m] at points x [N, d] (any dtype and device; the result is float64 on the CPU).</summary>
    public torch.Tensor Predict(torch.Tensor x)
    {
        CheckPoints(x);
        lock (_gate)
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var points = x.to(Plan.Spec.DType, Plan.Spec.Device);
            var parts = new List<torch.Tensor>();
            for (long start = 0; start < points.shape[0]; start += ChunkRows)
            {
                var chunk = points.narrow(0, start, Math.Min(ChunkRows, points.shape[0] - start));
                var n = Network.Forward(chunk);
                parts.Add((HardConstraint is { } constraint ? constraint.Apply(chunk, n) : n).to(torch.float64, torch.CPU));
            }
            return torch.cat(parts, 0).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// The quantities <paramref name="quantities"/> at x [N, d], each [N] (float64, CPU), computed by the run's engine:
    /// one engine call per chunk for the quantities that share a request object (values and derivatives of
    /// <see cref="FieldQuantity.Parse"/>), and one per condition residual, each with the layout its request promises.
    /// </summary>
    public IReadOnlyList<torch.Tensor> Evaluate(torch.Tensor x, IReadOnlyList<FieldQuantity> quantities)
    {
        CheckPoints(x);
        if (quantities.Count == 0) return [];
        var groups = quantities.Select((q, i) => (q, i)).GroupBy(p => p.q.Request, ReferenceEqualityComparer.Instance).ToArray();
        lock (_gate)
        {
            using var scope = torch.NewDisposeScope();
            var points = x.to(Plan.Spec.DType, Plan.Spec.Device);
            var columns = quantities.Select(_ => new List<torch.Tensor>()).ToArray();
            for (long start = 0; start < points.shape[0]; start += DerivativeChunkRows)
            {
                using var inner = torch.NewDisposeScope();
                var part = points.narrow(0, start, Math.Min(DerivativeChunkRows, points.shape[0] - start));
                foreach (var group in groups)
                {
                    var request = (DerivativeRequest)group.Key!;
                    var derivatives = _engine.Evaluate(Network, part, request, differentiable: false).Conformed(request, Network.OutputDimension);
                    foreach (var (q, i) in group)
                        columns[i].Add(q.Compute(part, derivatives, _extra).detach().to(torch.float64, torch.CPU).MoveToOuterDisposeScope());
                }
            }
            return columns.Select(c => torch.cat(c, 0).MoveToOuterDisposeScope()).ToArray();
        }
    }

    /// <summary>
    /// The problem's exact solution u*(x) [N, m] (float64, CPU) at the rows of x [N, d] where <paramref name="inside"/> [N]
    /// is true, <paramref name="fill"/> elsewhere (a closed form need not hold outside the domain); null when the problem
    /// has none.
    /// </summary>
    public torch.Tensor? SolutionInside(torch.Tensor x, torch.Tensor inside, double fill)
    {
        if (!Problem.HasSolution) return null;
        using var scope = torch.NewDisposeScope();
        var rows = inside.to(torch.@bool).nonzero().reshape(-1);
        var exact = torch.full([x.shape[0], Problem.OutputDimension], fill, torch.float64);
        if (rows.numel() > 0)
            exact.index_copy_(0, rows, Problem.Solution(x.index_select(0, rows).to(Plan.Spec.DType, Plan.Spec.Device)).to(torch.float64, torch.CPU)
                                                .reshape(rows.numel(), Problem.OutputDimension));
        return exact.MoveToOuterDisposeScope();
    }

    /// <summary>Why the engine cannot compute <paramref name="key"/>, or null.</summary>
    public string? Unsupported(DerivativeKey key) => _engine.Unsupported(key);

    /// <summary>The problem's extra parameters as trained (e.g. an identified coefficient).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> ExtraParameters => _extra;

    private void CheckPoints(torch.Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != Problem.InputDimension)
            throw new ArgumentException($"points must be [N, {Problem.InputDimension}] ({string.Join(", ", InputNames)}), got [{string.Join(", ", x.shape)}]");
    }

    /// <summary>
    /// The manifest to rebuild the run from: the resolved manifest's problem, model, engine, sampler and optimizer
    /// choices with their options, without the versions (the checkpoint's pins choose them), point counts (not
    /// needed to evaluate) or budgets.
    /// </summary>
    private static string ReplayManifest(JsonObject resolved)
    {
        static JsonObject Plugin(JsonNode? node, params string[] keep)
        {
            var plugin = new JsonObject { ["name"] = node?["name"]?.DeepClone() };
            if (node?["options"] is JsonObject options) plugin["options"] = options.DeepClone();
            foreach (var key in keep)
                if (node?[key] is { } value) plugin[key] = value.DeepClone();
            return plugin;
        }
        var model = resolved["model"] as JsonObject;
        var stages = resolved["stages"] as JsonArray;
        var replay = new JsonObject
        {
            ["name"] = resolved["name"]?.DeepClone(),
            ["seed"] = resolved["seed"]?.DeepClone(),
            ["device"] = "cpu",
            ["dtype"] = resolved["dtype"]?.DeepClone(),
            ["problem"] = Plugin(resolved["problem"], "weights"),
            ["model"] = new JsonObject
            {
                ["hidden"] = model?["hidden"]?.DeepClone(),
                ["activation"] = model?["activation"]?.DeepClone(),
                ["init"] = model?["init"]?.DeepClone(),
                ["initScale"] = model?["initScale"]?.DeepClone(),
            },
            ["engine"] = Plugin(resolved["engine"]),
            ["sampler"] = Plugin(resolved["sampler"]),
            ["stages"] = new JsonArray((stages ?? []).Select(s => (JsonNode)new JsonObject
            {
                ["optimizer"] = Plugin(s?["optimizer"]),
                ["budget"] = new JsonObject { ["steps"] = 1 },
            }).ToArray()),
        };
        if (model?["hardConstraints"] is { } hard) replay["model"]!["hardConstraints"] = hard.DeepClone();
        if (model?["embedding"] is { } embedding) replay["model"]!["embedding"] = embedding.DeepClone();
        if (model?["adaptiveActivation"] is { } adaptive) replay["model"]!["adaptiveActivation"] = adaptive.DeepClone();
        if (model?["symmetry"] is { } symmetry) replay["model"]!["symmetry"] = symmetry.DeepClone();
        return replay.ToJsonString();
    }

    private static JsonObject? ReadSummary(string directory)
    {
        var file = Path.Combine(directory, "summary.json");
        if (!File.Exists(file)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // a damaged summary does not stop the model from being used; the checkpoint is what counts
        }
    }

    public void Dispose()
    {
        Network.Dispose();
        foreach (var t in _extra.Values) t.Dispose();
    }
}
