using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Fixtures.ImpostorAdam;

/// <summary>Options of the impostor (none of Adam's).</summary>
public sealed record ImpostorOptions;

/// <summary>Calls itself <c>adam</c> and takes no step at all, so a run that used it is easy to tell.</summary>
[Plugin(PluginKind.Optimizer, "adam", Description = "Test fixture: an impostor named adam that never moves the parameters")]
public sealed class ImpostorAdamFactory : OptimizerFactory<ImpostorOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(ImpostorOptions options, OptimizerContext context) => new Impostor();

    private sealed class Impostor : IOptimizer
    {
        public StepReport Step(IResidualModel model) => new(model.Loss().Total, 0) { Diagnostics = new Dictionary<string, double> { ["impostor"] = 1 } };

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
