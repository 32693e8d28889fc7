using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Sampling;
using Pinn.Host.Manifests;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// Wires a validated run plan into a network, a residual model and optimizer stages, trains within the
/// budgets, and writes manifest.resolved.json, metrics.csv, summary.json and checkpoint.bin to the output
/// folder. Cancelling the token stops after the current step; the summary and checkpoint are still written.
/// </summary>
internal sealed class TrainingRun
{
    /// <summary>Seeds of the independent random streams, derived from the manifest's seed.</summary>
    private const long InitStream = 0, SamplingStream = 1, EvaluationStream = 2;

    private readonly RunPlan _plan;
    private readonly string _outputDirectory;

    public TrainingRun(RunPlan plan, string outputDirectory)
    {
        _plan = plan;
        _outputDirectory = outputDirectory;
    }

    public RunSummary Execute(CancellationToken cancel, Action<string> progress)
    {
        var m = _plan.Manifest;
        Directory.CreateDirectory(_outputDirectory);
        if (m.Threads is { } threads) torch.set_num_threads(threads);
        torch.manual_seed(m.Seed);
        var spec = _plan.Spec;
        var problem = _plan.ProblemInstance;

        using var network = new Mlp(problem.InputDimension, m.Model!.Hidden, problem.OutputDimension, Activation.FromName(m.Model!.Activation), spec);
        using (var initGenerator = Generator(InitStream)) network.Initialize(m.Model!.Init, m.Model!.InitScale, initGenerator);
        var engine = ((IEngineFactory)_plan.Engine.Descriptor.Factory).Create(_plan.Engine.Options, new EngineContext(spec));
        var sampler = ((ISamplerFactory)_plan.Sampler.Descriptor.Factory).Create(_plan.Sampler.Options, new SamplerContext(spec));
        using var model = new ResidualModel(problem, network, engine, m.Weights);
        using var samplingGenerator = Generator(SamplingStream);
        foreach (var c in problem.Conditions) Resample(model, sampler, c.Name, samplingGenerator);
        using var error = problem.HasSolution ? new SolutionError(problem, m.Evaluation.Points, Seed(EvaluationStream), spec) : null;

        var resolved = ResolvedManifest(model.ParameterCount);
        File.WriteAllText(Path.Combine(_outputDirectory, "manifest.resolved.json"), resolved.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        using var metrics = new MetricsWriter(Path.Combine(_outputDirectory, "metrics.csv"), problem.Conditions.Select(c => c.Name).ToArray());

        var clock = Stopwatch.StartNew();
        var stepTimes = new List<double>();
        long step = 0;
        double? best = null;
        double? lastError = null;
        var stopped = "no stage ran";
        IOptimizer? optimizer = null;
        var stageIndex = 0;
        for (; stageIndex < _plan.Stages.Count; stageIndex++)
        {
            var stage = _plan.Stages[stageIndex];
            var name = stage.Optimizer.Descriptor.Name;
            optimizer = ((IOptimizerFactory)stage.Optimizer.Descriptor.Factory).Create(stage.Optimizer.Options, new OptimizerContext(spec, model.ParameterCount) { Groups = model.ParameterGroups });
            var stageClock = Stopwatch.StartNew();
            long stageSteps = 0;
            while (true)
            {
                if (cancel.IsCancellationRequested) { stopped = "interrupted"; break; }
                if (stage.Budget.Steps is { } maxSteps && stageSteps >= maxSteps) { stopped = "budget: steps"; break; }
                if (stage.Budget.Seconds is { } maxSeconds && stageClock.Elapsed.TotalSeconds >= maxSeconds) { stopped = "budget: seconds"; break; }
                foreach (var c in problem.Conditions)
                    if (_plan.ResampleEvery[c.Name] is > 0 and var k && step > 0 && step % k == 0)
                        Resample(model, sampler, c.Name, samplingGenerator);

                var stepStart = clock.Elapsed.TotalSeconds;
                var report = optimizer.Step(model);
                stepTimes.Add(clock.Elapsed.TotalSeconds - stepStart);
                step++;
                stageSteps++;

                double? relL2 = null;
                var evaluate = step % m.Evaluation.Every == 0 || step == 1;
                if (evaluate && error is not null)
                {
                    relL2 = lastError = error.RelativeL2(network);
                    best = best is null ? relL2 : Math.Min(best.Value, relL2.Value);
                }
                metrics.Write(step, stageIndex, name, clock.Elapsed.TotalSeconds, report.Loss, report.ConditionLosses, relL2, report.StepSize, report.Diagnostics);
                progress($"stage {stageIndex + 1}/{_plan.Stages.Count} {name}  step {step}  loss {report.Loss:E3}"
                         + (lastError is { } e ? $"  relL2 {e:E3}" : "") + $"  {clock.Elapsed.TotalSeconds:F1}s");
                if (report.StopReason is { } reason) { stopped = $"{name}: {reason}"; break; }
                if (!double.IsFinite(report.Loss)) { stopped = $"{name}: non-finite loss"; break; }
            }
            if (stopped == "interrupted") break;
        }
        var seconds = clock.Elapsed.TotalSeconds;

        var finalLoss = model.Loss().Total;
        var finalError = error?.RelativeL2(network);
        if (finalError is { } fe) best = best is null ? fe : Math.Min(best.Value, fe);
        stepTimes.Sort();
        var median = stepTimes.Count == 0 ? 0 : 1000 * stepTimes[stepTimes.Count / 2];
        var summary = new RunSummary(m.Name, finalError, best, finalLoss, step, seconds, stopped, median, model.ParameterCount,
                                     Path.GetFullPath(_outputDirectory));
        File.WriteAllText(Path.Combine(_outputDirectory, "summary.json"),
                          JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        WriteCheckpoint(model, optimizer, resolved, step, Math.Min(stageIndex, _plan.Stages.Count - 1));
        return summary;
    }

    private void WriteCheckpoint(ResidualModel model, IOptimizer? optimizer, JsonObject resolved, long step, int stage)
    {
        var tensors = new Dictionary<string, torch.Tensor>();
        for (var l = 0; l < model.Network.Layers.Count; l++)
        {
            tensors[$"network.layers.{l}.weight"] = model.Network.Layers[l].Weight;
            tensors[$"network.layers.{l}.bias"] = model.Network.Layers[l].Bias;
        }
        foreach (var (name, t) in model.ExtraParameters) tensors[$"problem.{name}"] = t;
        var state = optimizer?.StateDict() ?? new Dictionary<string, torch.Tensor>();
        foreach (var (name, t) in state) tensors[$"optimizer.{name}"] = t;
        var header = new JsonObject { ["manifest"] = resolved.DeepClone(), ["step"] = step, ["stage"] = stage };
        Checkpoint.Write(Path.Combine(_outputDirectory, "checkpoint.bin"), header, tensors);
        foreach (var t in state.Values) t.Dispose();
    }

    private void Resample(ResidualModel model, IPointSampler sampler, string condition, torch.Generator generator)
    {
        var c = _plan.ProblemInstance.Conditions.First(c => c.Name == condition);
        using var points = sampler.Sample(c.Domain, _plan.Points[condition], generator);
        model.SetPoints(condition, points);
    }

    private long Seed(long stream) => _plan.Manifest.Seed * 1000 + stream;

    private torch.Generator Generator(long stream) => new((ulong)Seed(stream), torch.CPU);

    private JsonObject ResolvedManifest(long parameterCount)
    {
        var m = _plan.Manifest;
        JsonObject Plugin(ResolvedPlugin p) => new()
        {
            ["name"] = p.Descriptor.Name,
            ["version"] = p.Descriptor.Version.ToString(3),
            ["options"] = JsonSerializer.SerializeToNode(p.Options, p.Options.GetType(), Abstractions.Plugins.OptionsBinder.SerializerOptions),
            ["assembly"] = Path.GetFileName(p.Descriptor.AssemblyPath),
            ["sha256"] = Sha256(p.Descriptor.AssemblyPath),
            ["path"] = p.Descriptor.Path,
        };
        var problem = Plugin(_plan.Problem);
        problem["weights"] = new JsonObject(_plan.ProblemInstance.Conditions.Select(c =>
            KeyValuePair.Create(c.Name, (JsonNode?)(m.Weights.TryGetValue(c.Name, out var w) ? w : c.Weight))));
        var sampler = Plugin(_plan.Sampler);
        sampler["points"] = new JsonObject(_plan.Points.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        sampler["resampleEvery"] = new JsonObject(_plan.ResampleEvery.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var stages = new JsonArray(_plan.Stages.Select(s => (JsonNode)new JsonObject
        {
            ["optimizer"] = Plugin(s.Optimizer),
            ["budget"] = new JsonObject { ["steps"] = s.Budget.Steps, ["seconds"] = s.Budget.Seconds },
        }).ToArray());
        return new JsonObject
        {
            ["name"] = m.Name,
            ["seed"] = m.Seed,
            ["device"] = _plan.Spec.Device.type.ToString().ToLowerInvariant(),
            ["dtype"] = m.DType,
            ["threads"] = m.Threads ?? torch.get_num_threads(),
            ["problem"] = problem,
            ["model"] = new JsonObject
            {
                ["hidden"] = new JsonArray(m.Model!.Hidden.Select(h => (JsonNode)h).ToArray()),
                ["activation"] = m.Model!.Activation,
                ["init"] = m.Model!.Init.Name(),
                ["initScale"] = m.Model!.InitScale,
                ["parameterCount"] = parameterCount,
            },
            ["engine"] = Plugin(_plan.Engine),
            ["sampler"] = sampler,
            ["stages"] = stages,
            ["evaluation"] = new JsonObject { ["every"] = m.Evaluation.Every, ["points"] = m.Evaluation.Points },
            ["host"] = new JsonObject
            {
                ["version"] = typeof(TrainingRun).Assembly.GetName().Version!.ToString(3),
                ["abstractions"] = Plugins.AbstractionsCompatibility.HostVersion.ToString(3),
                ["manifestFile"] = Path.GetFullPath(_plan.ManifestFile),
            },
        };
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
