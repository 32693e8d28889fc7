using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.QuasiNewton.Lbfgs;

/// <summary>Exports L-BFGS.</summary>
[Plugin(PluginKind.Optimizer, "lbfgs", Description = "L-BFGS on the flat parameter vector with a strong-Wolfe line search")]
public sealed class LbfgsOptimizerFactory : OptimizerFactory<LbfgsOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(LbfgsOptions options, OptimizerContext context) => new LbfgsOptimizer(options);
}
