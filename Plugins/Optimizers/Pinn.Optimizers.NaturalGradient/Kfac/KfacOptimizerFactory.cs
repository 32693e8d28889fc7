using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>Exports <c>kfac</c>.</summary>
[Plugin(PluginKind.Optimizer, "kfac", Description = "KFAC for PINN losses: Kronecker-factored Gramian from the layer tapes, momentum and the logarithmic grid line search")]
public sealed class KfacOptimizerFactory : OptimizerFactory<KfacOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(KfacOptions options, OptimizerContext context) => new KfacOptimizer(options, context);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(KfacOptions options) => new() { NeedsTapingEngine = true };
}
