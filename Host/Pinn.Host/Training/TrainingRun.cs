using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Weighting;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// Wires a validated run plan into a network, a residual model and optimizer stages, trains within the
/// budgets, and writes manifest.resolved.json, metrics.csv, summary.json and checkpoint.bin to the output
/// folder (checkpoint.bin also every <c>checkpointEvery</c> steps and every <c>checkpointSeconds</c> of training).
/// Cancelling the token stops after the current step; the summary and checkpoint are still written. Given a
/// <see cref="ResumePoint"/>, the run continues that checkpoint's trajectory: same parameters, points, generators
/// and optimizer state, step numbers and stage budgets counting on from it, metrics.csv continued.
/// <para>Nothing trained is lost to a failure: when a plugin throws, memory runs out or a file cannot be written,
/// the run writes its summary (<c>stoppedBecause</c> "failed: …") and keeps the last good checkpoint, then throws
/// <see cref="TrainingFailedException"/> naming the plugin, stage and step. A checkpoint is only ever written from
/// finite parameters, so a diverged run keeps its last finite state.</para>
/// </summary>
internal sealed class TrainingRun
{
    /// <summary>Seeds of the independent random streams, derived from the manifest's seed.</summary>
    internal const long InitStream = 0, SamplingStream = 1, EvaluationStream = 2;

    /// <summary>The stream of the weighting scheme's seed (<see cref="WeightingSetup.Seed"/>).</summary>
    internal const long WeightingStream = 3;

    private readonly RunPlan _plan;
    private readonly string _outputDirectory;
    private readonly ResumePoint? _resume;

    public TrainingRun(RunPlan plan, string outputDirectory, ResumePoint? resume = null)
    {
        _plan = plan;
        _outputDirectory = outputDirectory;
        _resume = resume;
    }

    /// <summary>What <c>stoppedBecause</c> says when the token is cancelled; the run command names the signal.</summary>
    public string InterruptedBecause { get; set; } = "interrupted";

    /// <summary>The step checkpoint.bin holds while the run goes on (null before it has one).</summary>
    public long? CheckpointStep => _checkpoints?.Step;

    private CheckpointKeeper? _checkpoints;

    /// <summary>Where warnings go (a checkpoint kept back because the parameters are not finite, a renamed diagnostic).</summary>
    public Action<string> Warn { get; init; } = text => Console.Error.WriteLine(text);

    /// <summary>Trains. With a resume point whose manifest differs in anything that shapes the trajectory, or
    /// whose contents do not fit the model, throws <see cref="ResumeMismatchException"/> or
    /// <see cref="InvalidDataException"/> before writing a file; any later failure is a
    /// <see cref="TrainingFailedException"/> thrown after the summary is written.</summary>
    public RunSummary Execute(CancellationToken cancel, Action<string> progress)
    {
        var m = _plan.Manifest;
        if (Threading.AdaptiveThreads.Fixed(m.Threads) is { } threads) torch.set_num_threads(threads);
        var sharedCores = Threading.AdaptiveThreads.For(m.Threads);                // null: the user fixed the threads
        torch.manual_seed(m.Seed);
        var spec = _plan.Spec;
        var problem = _plan.ProblemInstance;
        var plugins = new[] { _plan.Problem, _plan.Engine, _plan.Sampler }.Concat(_plan.Stages.Select(s => s.Optimizer))
                                                                       .Concat(_plan.Weighting is { } w ? [w] : []).ToArray();

        var phase = new RunPhase();
        void Doing(string what, ResolvedPlugin? plugin, bool stateConsistent = true) => phase.Enter(what, plugin, stateConsistent);

        Mlp? network = null;
        ResidualModel? model = null;
        torch.Generator? samplingGenerator = null;
        SolutionError? error = null;
        MetricsWriter? metrics = null;
        JsonObject? resolved = null;
        var restoring = false;
        var checkpoints = _checkpoints = new CheckpointKeeper(Path.Combine(_outputDirectory, ResumePoint.FileName), m.CheckpointEvery, m.CheckpointSeconds, Warn);
        var start = RunProgress.Start;
        var clock = new Stopwatch();
        double Seconds() => start.Seconds + clock.Elapsed.TotalSeconds;
        var stepTimes = new List<double>();
        var memory = new NativeMemoryGuard();
        long step = 0, atStep = 1; // atStep: the step being taken, for messages
        double? best = null, lastError = null;
        var lastLoss = double.NaN;
        var stopped = "no stage ran";
        IOptimizer? optimizer = null;
        ILossWeighting? weighting = null;
        var pointsChanged = true; // since the weighting scheme's last update
        var stageIndex = 0;
        long stageSteps = 0;
        double stageSecondsBefore = 0;
        string? stageStop = null;
        var stageClock = new Stopwatch();
        double StageSeconds() => stageSecondsBefore + stageClock.Elapsed.TotalSeconds;
        RunProgress Progress() => new(step, Math.Min(stageIndex, _plan.Stages.Count - 1), stageSteps, StageSeconds(), Seconds(), best, lastError, stageStop);

        void SaveCheckpoint(IOptimizer? stageOptimizer, double loss)
            => checkpoints.Save(resolved!, Progress(), model!, stageOptimizer, samplingGenerator!, loss, clock.Elapsed.TotalSeconds, weighting);

        try
        {
            Doing("while building the network", null);
            using (var initGenerator = Generator(InitStream)) network = NetworkBuilder.Build(m.Model!, problem, spec, initGenerator);
            if (_resume is null && m.Model!.WeightsFrom is { } weightsFrom)
            {
                // The checkpoint's network in place of the random one (a resumed run has its own in its checkpoint).
                Doing($"while loading the starting weights from {weightsFrom}", null);
                restoring = true; // a file that changed since the manifest was checked is the user's input: it propagates as it is
                StartingWeights.Apply(weightsFrom, m.Model!, network);
                restoring = false;
            }
            Doing("while creating the engine", _plan.Engine);
            var engine = ((IEngineFactory)_plan.Engine.Descriptor.Factory).Create(_plan.Engine.Options, new EngineContext(spec));
            Doing("while creating the sampler", _plan.Sampler);
            var sampler = ((ISamplerFactory)_plan.Sampler.Descriptor.Factory).Create(_plan.Sampler.Options, new SamplerContext(spec));
            Doing("while building the residual model", _plan.Problem);
            var hardConstraint = m.Model!.HardConstraints ? ((IHardConstrainedProblem)problem).HardConstraint : null;
            model = new ResidualModel(problem, network, engine, m.Weights, hardConstraint);
            samplingGenerator = Generator(SamplingStream);
            foreach (var c in model.Conditions)
            {
                Doing($"while drawing the points of '{c.Name}'", _plan.Sampler);
                Resample(model, sampler, c.Name, samplingGenerator, adaptive: false);
            }
            resolved = ResolvedManifest.Of(_plan, model.ParameterCount);
            // A resumed run descends from the starting weights its first part was given (or none), whatever the manifest
            // and the file say now.
            if (_resume?.Manifest["model"] is JsonObject first && resolved["model"] is JsonObject resolvedModel)
                foreach (var key in new[] { "weightsFrom", "weightsFromSha256" })
                    if (first[key] is { } recorded) resolvedModel[key] = recorded.DeepClone();
                    else resolvedModel.Remove(key);
            if (_plan.Weighting is { } weightingPlugin)
            {
                Doing("while creating the weighting scheme", weightingPlugin);
                weighting = ((IWeightingFactory)weightingPlugin.Descriptor.Factory).Create(weightingPlugin.Options,
                                                                                          new WeightingSetup(spec, TrainedConditions.Of(problem, m.Model!.HardConstraints), Seed(_plan.Manifest.Seed, WeightingStream)));
            }

            if (_resume is not null)
            {
                Doing("while restoring the checkpoint", null);
                restoring = true; // a mismatch or a damaged checkpoint is the user's input: it propagates as it is
                if (ResumeCompatibility.Differences(_resume.Manifest, resolved, _plan) is { Count: > 0 } differences)
                    throw new ResumeMismatchException(_resume.File, differences);
                if (_resume.Progress.Stage >= _plan.Stages.Count)
                    throw new InvalidDataException($"{_resume.File}: stage {_resume.Progress.Stage} does not exist in the manifest");
                _resume.Restore(model, samplingGenerator);
                if (weighting is not null)
                {
                    Doing("while loading its state from the checkpoint", _plan.Weighting, stateConsistent: false);
                    weighting.LoadStateDict(_resume.WeightingState);
                    pointsChanged = false; // the point weights came back with the points
                }
                restoring = false;
                start = _resume.Progress;
                (step, best, lastError, stageIndex) = (start.Step, start.BestRelL2, start.LastRelL2, start.Stage);
                if (Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(_resume.File))!) == Path.GetFullPath(_outputDirectory)) checkpoints.Adopt(start.Step);
            }

            // A problem whose residual has the wrong shape or dtype is caught here, once, and named.
            Doing("while evaluating its residuals at the first points", _plan.Problem);
            lastLoss = model.Loss().Total;
            Doing("while computing the solution to measure the error against", _plan.Problem);
            error = SolutionError.For(problem, m.Evaluation.Points, Seed(EvaluationStream), spec);
            if (error is not null) error.HardConstraint = model.HardConstraint;

            Doing($"while writing to {_outputDirectory}", null);
            Directory.CreateDirectory(_outputDirectory);
            AtomicFile.WriteAllText(Path.Combine(_outputDirectory, "manifest.resolved.json"), resolved.ToJsonString(ReadableJson.Options()));
            metrics = new MetricsWriter(Path.Combine(_outputDirectory, "metrics.csv"), model.Conditions.Select(c => c.Name).ToArray(),
                                        _resume is null ? null : start.Step,
                                        _resume is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_resume.File))!, "metrics.csv"), Warn,
                                        weighted: weighting is not null);

            // From the first step on there is always a checkpoint on disk, so a run that diverges keeps a finite one
            // (a run resumed into another folder has its checkpoint in the first until the next one is due).
            if (checkpoints.Step is null && _resume is null)
            {
                Doing("while writing checkpoint.bin", null);
                SaveCheckpoint(null, lastLoss);
            }

            clock.Start();
            for (; stageIndex < _plan.Stages.Count; stageIndex++)
            {
                var stage = _plan.Stages[stageIndex];
                var name = stage.Optimizer.Descriptor.Name;
                (stageSteps, stageSecondsBefore, stageStop) = (0, 0, null);
                optimizer = null;
                stageClock.Restart();
                atStep = step + 1;
                Doing("while creating the optimizer", stage.Optimizer);
                optimizer = ((IOptimizerFactory)stage.Optimizer.Descriptor.Factory).Create(stage.Optimizer.Options, new OptimizerContext(spec, model.ParameterCount) { Groups = model.ParameterGroups });
                if (_resume is not null && stageIndex == start.Stage)
                {
                    (stageSteps, stageSecondsBefore, stageStop) = (start.StageSteps, start.StageSeconds, start.StageStoppedBecause);
                    if (stageStop is not null) stopped = stageStop;
                    var saved = _resume.OptimizerState;
                    if (saved.Count > 0 || stageSteps > 0)
                    {
                        // The optimizer takes over the state it had; the state tensors become its own.
                        Doing("while loading its state from the checkpoint", stage.Optimizer, stateConsistent: false);
                        optimizer.LoadStateDict(saved.ToDictionary(kv => kv.Key, kv => torch.empty(kv.Value.shape, kv.Value.dtype, spec.Device).copy_(kv.Value)));
                    }
                }
                while (stageStop is null)
                {
                    atStep = step + 1;
                    if (cancel.IsCancellationRequested) { stopped = InterruptedBecause; break; }
                    if (stage.Budget.Steps is { } maxSteps && stageSteps >= maxSteps) { stopped = "budget: steps"; break; }
                    if (stage.Budget.Seconds is { } maxSeconds && StageSeconds() >= maxSeconds) { stopped = "budget: seconds"; break; }
                    foreach (var c in model.Conditions)
                        if (_plan.ResampleEvery[c.Name] is > 0 and var k && step > 0 && step % k == 0)
                        {
                            Doing($"while drawing the points of '{c.Name}'", _plan.Sampler);
                            Resample(model, sampler, c.Name, samplingGenerator, adaptive: true);
                            pointsChanged = true;
                        }

                    IReadOnlyDictionary<string, double>? weightingDiagnostics = null;
                    if (weighting is not null)
                    {
                        Doing("while updating the weights", _plan.Weighting);
                        if (weighting.Update(model.WeightingContext(step, pointsChanged)) is { } update)
                        {
                            model.Apply(update);
                            weightingDiagnostics = update.Diagnostics;
                        }
                        pointsChanged = false;
                    }

                    var evaluationStep = (step + 1) % m.Evaluation.Every == 0 || step == 0;
                    IReadOnlyDictionary<string, double>? lossesBefore = null;
                    if (evaluationStep || stage.Budget.Discrepancy is not null)
                    {
                        // At the parameters the step starts from, as StepReport.Loss is: optimizers that report only the
                        // total still get each condition's part at the evaluation steps (at every step under a discrepancy budget).
                        Doing("while measuring each condition's loss", _plan.Problem);
                        lossesBefore = model.Loss().ByCondition;
                    }
                    if (stage.Budget.Discrepancy is { } levels && DiscrepancyPrinciple.Reached(levels, lossesBefore!, model.Blocks) is { } met)
                    {
                        stopped = $"budget: {met}";
                        break;
                    }
                    sharedCores?.Tick();
                    Doing("in its step", stage.Optimizer, stateConsistent: false);
                    var stepStart = clock.Elapsed.TotalSeconds;
                    var report = optimizer.Step(model);
                    stepTimes.Add(clock.Elapsed.TotalSeconds - stepStart);
                    memory.AfterStep();
                    step++;
                    stageSteps++;
                    lastLoss = report.Loss;

                    double? relL2 = null;
                    if (error is not null && evaluationStep)
                    {
                        Doing("while measuring the error against the solution", _plan.Problem);
                        relL2 = lastError = error.RelativeL2(network);
                        if (double.IsFinite(relL2.Value)) best = best is null ? relL2 : Math.Min(best.Value, relL2.Value);
                    }
                    Doing("while writing metrics.csv", null);
                    metrics.Write(step, stageIndex, name, Seconds(), report.Loss, report.ConditionLosses ?? lossesBefore, relL2, report.StepSize,
                                  weightingDiagnostics is null ? report.Diagnostics
                                      : report.Diagnostics.Concat(weightingDiagnostics.Select(kv => KeyValuePair.Create("weighting." + kv.Key, kv.Value))).ToDictionary(),
                                  weighting is null ? null : model.Blocks.ToDictionary(b => b.Condition, b => b.Weight));
                    Doing("while reporting progress", null);
                    progress($"stage {stageIndex + 1}/{_plan.Stages.Count} {name}  step {step}  loss {report.Loss:E3}"
                             + (lastError is { } e ? $"  relL2 {e:E3}" : "") + $"  {Seconds():F1}s");
                    if (report.StopReason is { } reason) stageStop = $"{name}: {reason}";
                    else if (!double.IsFinite(report.Loss)) stageStop = $"{name}: non-finite loss";
                    if (stageStop is not null) stopped = stageStop;
                    if (checkpoints.Due(step, clock.Elapsed.TotalSeconds))
                    {
                        Doing("while writing checkpoint.bin", null);
                        SaveCheckpoint(optimizer, report.Loss);
                    }
                }
                if (stopped == InterruptedBecause) break;
            }
            var seconds = Seconds();

            Doing("while evaluating the trained network", _plan.Problem);
            var finalLoss = model.Loss().Total;
            var finalReport = error?.Measure(network);
            var finalError = finalReport?.RelL2;
            if (finalError is { } fe && double.IsFinite(fe)) best = best is null ? fe : Math.Min(best.Value, fe);
            // The header keeps the best and last errors of the evaluations during training, as a run that went on would have them.
            Doing("while writing checkpoint.bin", null);
            SaveCheckpoint(optimizer, finalLoss);
            var summary = Summary(finalError, best, finalLoss, step, seconds, stopped, stepTimes, model, checkpoints.Step) with
            {
                Fields = finalReport?.Fields,
                MaxError = finalReport?.MaxError,
                Reference = error?.Reference is { } reference
                    ? new ReferenceEvaluation(reference.Source, reference.Count, reference.DroppedRows, finalReport?.SolutionRelL2)
                    : null,
            };
            Doing("while writing summary.json", null);
            WriteSummary(summary);
            return summary;
        }
        catch (Exception e) when (!(restoring && e is ResumeMismatchException or InvalidDataException))
        {
            var cause = PluginBlame.Cause(e);
            var blamed = cause is ResidualContractException ? _plan.Problem : PluginBlame.Thrower(cause, plugins, phase.InCharge) ?? phase.InCharge;
            var stage = Math.Min(stageIndex, _plan.Stages.Count - 1);
            var where = clock.IsRunning
                ? $" at step {atStep} (stage {stage + 1}/{_plan.Stages.Count}, {_plan.Stages[stage].Optimizer.Descriptor.Name})"
                : " before the first step";
            var what = blamed is null ? $"the run failed {phase.What}{where}" : $"{blamed.Label} failed {phase.What}{where}";
            var message = $"{what}: {PluginError.Describe(cause)}";
            var notes = new List<string>();
            if (model is not null && samplingGenerator is not null && resolved is not null && phase.StateConsistent && step > (checkpoints.Step ?? 0))
            {
                try
                {
                    SaveCheckpoint(optimizer, lastLoss);
                }
                catch (Exception write)
                {
                    notes.Add($"checkpoint.bin could not be written: {PluginError.Message(write)}");
                }
            }
            var summary = Summary(lastError, best, lastLoss, step, Seconds(), "failed: " + message, stepTimes, model, checkpoints.Step);
            try
            {
                Directory.CreateDirectory(_outputDirectory);
                WriteSummary(summary);
            }
            catch (Exception write)
            {
                notes.Add($"summary.json could not be written: {PluginError.Message(write)}");
            }
            notes.Add(checkpoints.Step is { } k ? $"checkpoint.bin holds step {k}" : "no checkpoint was written");
            throw new TrainingFailedException($"{message}\n{string.Join("\n", notes)}", summary, cause);
        }
        finally
        {
            metrics?.Dispose();
            error?.Dispose();
            samplingGenerator?.Dispose();
            model?.Dispose();
            network?.Dispose();
        }
    }

    private RunSummary Summary(double? finalError, double? best, double loss, long steps, double seconds, string stopped, List<double> stepTimes,
                               ResidualModel? model, long? checkpointStep)
    {
        var sorted = stepTimes.Order().ToArray();
        var median = sorted.Length == 0 ? 0 : 1000 * sorted[sorted.Length / 2];
        var problemReport = model is not null && _plan.ProblemInstance is Abstractions.Problems.IReportingProblem reporting ? reporting.Report(model.ExtraParameters) : null;
        return new RunSummary(_plan.Manifest.Name, finalError, best, loss, steps, seconds, stopped, median, model?.ParameterCount ?? 0,
                              Path.GetFullPath(_outputDirectory), problemReport, checkpointStep);
    }

    private void WriteSummary(RunSummary summary)
        => AtomicFile.WriteAllText(Path.Combine(_outputDirectory, "summary.json"),
                                   JsonSerializer.Serialize(summary, ReadableJson.Options(JsonNamingPolicy.CamelCase)));

    /// <summary>Draws a condition's points. The first draw (<paramref name="adaptive"/> false) always comes from
    /// <see cref="IPointSampler.Sample"/>; later draws of an <see cref="IAdaptivePointSampler"/> see the current
    /// points and the condition's residual at the current θ, and may change the number of points. What the sampler
    /// returns is checked (<see cref="SampledPoints"/>) before it is used.</summary>
    private void Resample(ResidualModel model, IPointSampler sampler, string condition, torch.Generator generator, bool adaptive)
    {
        var c = _plan.ProblemInstance.Conditions.First(c => c.Name == condition);
        if (c.Domain is PointSet fixedPoints)
        {
            // Fixed points (a pinned value, observations) are the problem's, in its order: never sampled.
            if (adaptive) return;
            using var given = fixedPoints.Points(model.Spec.DType, model.Spec.Device);
            model.SetPoints(condition, given);
            return;
        }
        torch.Tensor points;
        var residualAdaptive = adaptive ? sampler as IAdaptivePointSampler : null;
        if (residualAdaptive is not null)
        {
            var current = model.Points(condition);
            points = residualAdaptive.Resample(c.Domain, _plan.Points[condition], current, x => model.ResidualNorms(condition, x), generator);
            if (ReferenceEquals(points, current))
                throw new InvalidOperationException($"it returned the current points of '{condition}' instead of a new tensor");
        }
        else points = sampler.Sample(c.Domain, _plan.Points[condition], generator);
        using (points)
        {
            if (SampledPoints.Problem(points, c.Domain, residualAdaptive is null ? _plan.Points[condition] : null) is { } wrong)
                throw new InvalidDataException($"for condition '{condition}' it {wrong}");
            model.SetPoints(condition, points);
        }
    }

    private long Seed(long stream) => Seed(_plan.Manifest.Seed, stream);

    /// <summary>The seed of one random stream of a run with seed <paramref name="manifestSeed"/>.</summary>
    internal static long Seed(long manifestSeed, long stream) => manifestSeed * 1000 + stream;

    private torch.Generator Generator(long stream) => new((ulong)Seed(stream), torch.CPU);

}
