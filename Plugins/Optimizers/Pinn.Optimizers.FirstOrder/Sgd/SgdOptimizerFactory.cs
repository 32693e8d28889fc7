using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.FirstOrder.Sgd;

/// <summary>Exports SGD.</summary>
[Plugin(PluginKind.Optimizer, "sgd", Description = "Gradient descent with (Nesterov) momentum")]
public sealed class SgdOptimizerFactory : OptimizerFactory<SgdOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(SgdOptions options, OptimizerContext context) => new SgdOptimizer(options, context);
}
