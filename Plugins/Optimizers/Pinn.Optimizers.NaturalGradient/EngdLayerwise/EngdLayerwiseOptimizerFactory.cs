using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.EngdLayerwise;

/// <summary>Exports layer-wise ENGD.</summary>
[Plugin(PluginKind.Optimizer, "engd-layerwise", Description = "ENGD with the block-diagonal (per-layer) Gramian, logarithmic grid line search")]
public sealed class EngdLayerwiseOptimizerFactory : OptimizerFactory<EngdLayerwiseOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(EngdLayerwiseOptions options, OptimizerContext context) => new EngdLayerwiseOptimizer(options, context.Groups);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(EngdLayerwiseOptions options) => new() { JacobianCopies = 2 };
}
