using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// folder (checkpoint.bin also every <c>checkpointEvery</c> steps). Cancelling the token stops after the
/// current step; the summary and checkpoint are still written. Given a <see cref="ResumePoint"/>, the run
/// continues that checkpoint's trajectory: same parameters, points, generators and optimizer state, step
/// numbers and stage budgets counting on from it, metrics.csv appended to.
/// </summary>
internal sealed class TrainingRun
{
    /// <summary>Seeds of the independent random streams, derived from the manifest's seed.</summary>
    private const long InitStream = 0, SamplingStream = 1, EvaluationStream = 2;

    private readonly RunPlan _plan;
    private readonly string _outputDirectory;
    private readonly ResumePoint? _resume;

    public TrainingRun(RunPlan plan, string outputDirectory, ResumePoint? resume = null)
    {
        _plan = plan;
        _outputDirectory = outputDirectory;
        _resume = resume;
    }

    /// <summary>Trains. With a resume point whose manifest differs in anything that shapes the trajectory,
    /// throws <see cref="ResumeMismatchException"/> before writing a file.</summary>
    public RunSummary Execute(CancellationToken cancel, Action<string> progress)
    {
        var m = _plan.Manifest;
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
        foreach (var c in problem.Conditions) Resample(model, sampler, c.Name, samplingGenerator, adaptive: false);

        var resolved = ResolvedManifest.Of(_plan, model.ParameterCount);
        var start = RunProgress.Start;
        if (_resume is not null)
        {
            if (ResumeCompatibility.Differences(_resume.Manifest, resolved, _plan) is { Count: > 0 } differences)
                throw new ResumeMismatchException(_resume.File, differences);
            if (_resume.Progress.Stage >= _plan.Stages.Count)
                throw new InvalidDataException($"{_resume.File}: stage {_resume.Progress.Stage} does not exist in the manifest");
            _resume.Restore(model, samplingGenerator);
            start = _resume.Progress;
        }
        using var error = problem.HasSolution ? new SolutionError(problem, m.Evaluation.Points, Seed(EvaluationStream), spec) : null;

        Directory.CreateDirectory(_outputDirectory);
        File.WriteAllText(Path.Combine(_outputDirectory, "manifest.resolved.json"), resolved.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        using var metrics = new MetricsWriter(Path.Combine(_outputDirectory, "metrics.csv"), problem.Conditions.Select(c => c.Name).ToArray(),
                                              _resume is null ? null : start.Step);
        var checkpointFile = Path.Combine(_outputDirectory, ResumePoint.FileName);

        var clock = Stopwatch.StartNew();
        double Seconds() => start.Seconds + clock.Elapsed.TotalSeconds;
        var stepTimes = new List<double>();
        var step = start.Step;
        var best = start.BestRelL2;
        var lastError = start.LastRelL2;
        var stopped = "no stage ran";
        IOptimizer? optimizer = null;
        var stageIndex = start.Stage;
        RunProgress Progress(long stageSteps, double stageSeconds, string? stageStop)
            => new(step, Math.Min(stageIndex, _plan.Stages.Count - 1), stageSteps, stageSeconds, Seconds(), best, lastError, stageStop);
        var current = start;
        for (; stageIndex < _plan.Stages.Count; stageIndex++)
        {
            var stage = _plan.Stages[stageIndex];
            var name = stage.Optimizer.Descriptor.Name;
            optimizer = ((IOptimizerFactory)stage.Optimizer.Descriptor.Factory).Create(stage.Optimizer.Options, new OptimizerContext(spec, model.ParameterCount) { Groups = model.ParameterGroups });
            long stageSteps = 0;
            double stageSecondsBefore = 0;
            string? stageStop = null;
            if (_resume is not null && stageIndex == start.Stage)
            {
                // The optimizer takes over the state it had; the state tensors become its own.
                optimizer.LoadStateDict(_resume.OptimizerState.ToDictionary(kv => kv.Key, kv => torch.empty(kv.Value.shape, kv.Value.dtype, spec.Device).copy_(kv.Value)));
                (stageSteps, stageSecondsBefore, stageStop) = (start.StageSteps, start.StageSeconds, start.StageStoppedBecause);
                if (stageStop is not null) stopped = stageStop;
            }
            var stageClock = Stopwatch.StartNew();
            double StageSeconds() => stageSecondsBefore + stageClock.Elapsed.TotalSeconds;
            while (stageStop is null)
            {
                if (cancel.IsCancellationRequested) { stopped = "interrupted"; break; }
                if (stage.Budget.Steps is { } maxSteps && stageSteps >= maxSteps) { stopped = "budget: steps"; break; }
                if (stage.Budget.Seconds is { } maxSeconds && StageSeconds() >= maxSeconds) { stopped = "budget: seconds"; break; }
                foreach (var c in problem.Conditions)
                    if (_plan.ResampleEvery[c.Name] is > 0 and var k && step > 0 && step % k == 0)
                        Resample(model, sampler, c.Name, samplingGenerator, adaptive: true);

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
                metrics.Write(step, stageIndex, name, Seconds(), report.Loss, report.ConditionLosses, relL2, report.StepSize, report.Diagnostics);
                progress($"stage {stageIndex + 1}/{_plan.Stages.Count} {name}  step {step}  loss {report.Loss:E3}"
                         + (lastError is { } e ? $"  relL2 {e:E3}" : "") + $"  {Seconds():F1}s");
                if (report.StopReason is { } reason) stageStop = $"{name}: {reason}";
                else if (!double.IsFinite(report.Loss)) stageStop = $"{name}: non-finite loss";
                if (stageStop is not null) stopped = stageStop;
                if (m.CheckpointEvery is { } every && step % every == 0)
                {
                    metrics.Flush();
                    ResumePoint.Write(checkpointFile, resolved, Progress(stageSteps, StageSeconds(), stageStop), model, optimizer, samplingGenerator);
                }
            }
            current = Progress(stageSteps, StageSeconds(), stageStop);
            if (stopped == "interrupted") break;
        }
        var seconds = Seconds();

        var finalLoss = model.Loss().Total;
        var finalError = error?.RelativeL2(network);
        if (finalError is { } fe) best = best is null ? fe : Math.Min(best.Value, fe);
        stepTimes.Sort();
        var median = stepTimes.Count == 0 ? 0 : 1000 * stepTimes[stepTimes.Count / 2];
        var problemReport = problem is Abstractions.Problems.IReportingProblem reporting ? reporting.Report(model.ExtraParameters) : null;
        var summary = new RunSummary(m.Name, finalError, best, finalLoss, step, seconds, stopped, median, model.ParameterCount,
                                     Path.GetFullPath(_outputDirectory), problemReport);
        File.WriteAllText(Path.Combine(_outputDirectory, "summary.json"),
                          JsonSerializer.Serialize(summary, new JsonSerializerOptions
                          {
                              WriteIndented = true,
                              PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                              NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // a diverged run's loss is NaN
                          }));
        metrics.Flush();
        // The header keeps the best and last errors of the evaluations during training, as a run that went on would have them.
        ResumePoint.Write(checkpointFile, resolved, current, model, optimizer, samplingGenerator);
        return summary;
    }

    /// <summary>Draws a condition's points. The first draw (<paramref name="adaptive"/> false) always comes from
    /// <see cref="IPointSampler.Sample"/>; later draws of an <see cref="IAdaptivePointSampler"/> see the current
    /// points and the condition's residual at the current θ, and may change the number of points.</summary>
    private void Resample(ResidualModel model, IPointSampler sampler, string condition, torch.Generator generator, bool adaptive)
    {
        var c = _plan.ProblemInstance.Conditions.First(c => c.Name == condition);
        torch.Tensor points;
        if (adaptive && sampler is IAdaptivePointSampler residualAdaptive)
        {
            var current = model.Points(condition);
            points = residualAdaptive.Resample(c.Domain, _plan.Points[condition], current, x => model.ResidualNorms(condition, x), generator);
            if (ReferenceEquals(points, current))
                throw new InvalidOperationException($"sampler '{_plan.Sampler.Descriptor.Name}' returned the current points of '{condition}' instead of a new tensor");
        }
        else points = sampler.Sample(c.Domain, _plan.Points[condition], generator);
        using (points) model.SetPoints(condition, points);
    }

    private long Seed(long stream) => _plan.Manifest.Seed * 1000 + stream;

    private torch.Generator Generator(long stream) => new((ulong)Seed(stream), torch.CPU);
}
