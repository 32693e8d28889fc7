using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Abstractions.Optimization;

/// <summary>
/// Updates the flat parameter vector of a residual model, one step per call. Optimizers keep their own
/// state and expose it as a state dict for checkpoints.
/// <para>An exception thrown from <see cref="Step"/> (including libtorch's, say for a saved tensor changed in place)
/// ends the run with a message naming the plugin, and the last good checkpoint is kept. An exception thrown from a
/// custom autograd function's backward cannot be caught: it crosses libtorch's native frames and ends the process.
/// Change parameters only through <see cref="IResidualModel.SetParameters"/> or
/// <see cref="IResidualModel.AddToParameters"/>, and never in place on a tensor a graph still holds.</para>
/// </summary>
public interface IOptimizer
{
    /// <summary>Takes one step on <paramref name="model"/>'s parameters, in place.</summary>
    StepReport Step(IResidualModel model);

    /// <summary>The state needed to continue the same trajectory (moments, history, step count), by name.
    /// Tensors are copies the caller owns.</summary>
    IReadOnlyDictionary<string, torch.Tensor> StateDict();

    /// <summary>Restores a state written by <see cref="StateDict"/>.</summary>
    void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state);
}
