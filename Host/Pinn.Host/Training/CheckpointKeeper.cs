using System.Text.Json.Nodes;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// checkpoint.bin of a run: due every <c>checkpointEvery</c> steps and every <c>checkpointSeconds</c> of training,
/// and written only from finite parameters and a finite loss, so that a run that diverges keeps its last finite
/// state (a warning says so, once).
/// </summary>
/// <param name="file">The checkpoint file.</param>
/// <param name="everySteps">Write every this many steps (null: not by steps).</param>
/// <param name="everySeconds">Write every this many seconds of training (0: not by time).</param>
/// <param name="warn">Where the warning goes.</param>
internal sealed class CheckpointKeeper(string file, long? everySteps, double everySeconds, Action<string> warn)
{
    private double _lastSeconds;
    private bool _warned;

    /// <summary>The step the file on disk holds, or null when this run has none.</summary>
    public long? Step { get; private set; }

    /// <summary>Counts the checkpoint a run resumes in place as its own.</summary>
    public void Adopt(long step) => Step = step;

    /// <summary>Whether a periodic checkpoint is due after <paramref name="step"/>, at <paramref name="trainingSeconds"/> of this process's training.</summary>
    public bool Due(long step, double trainingSeconds)
        => (everySteps is { } k && step % k == 0) || (everySeconds > 0 && trainingSeconds - _lastSeconds >= everySeconds);

    /// <summary>Writes the state unless the parameters or <paramref name="loss"/> are not finite.</summary>
    public void Save(JsonObject manifest, RunProgress at, ResidualModel model, IOptimizer? optimizer, torch.Generator samplingGenerator,
                     double loss, double trainingSeconds, Abstractions.Weighting.ILossWeighting? weighting = null)
    {
        if (!double.IsFinite(loss) || !ParametersFinite(model))
        {
            if (!_warned)
                warn($"warning: step {at.Step}: the parameters or the loss are not finite; checkpoint.bin is not overwritten and keeps "
                     + (Step is { } k ? $"step {k}, the last finite state" : "nothing (no finite state was saved before)"));
            _warned = true;
            return;
        }
        ResumePoint.Write(file, manifest, at, model, optimizer, samplingGenerator, weighting);
        Step = at.Step;
        _lastSeconds = trainingSeconds;
    }

    private static bool ParametersFinite(ResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return model.Trainable.All(p => torch.isfinite(p).all().item<bool>());
    }
}
