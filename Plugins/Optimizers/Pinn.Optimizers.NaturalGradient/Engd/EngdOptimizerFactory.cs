using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>Exports ENGD.</summary>
[Plugin(PluginKind.Optimizer, "engd", Description = "Energy natural gradient (Gauss–Newton) d = J⁺r by SVD or Gramian, logarithmic grid line search")]
public sealed class EngdOptimizerFactory : OptimizerFactory<EngdOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(EngdOptions options, OptimizerContext context) => new EngdOptimizer(options);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(EngdOptions options)
        => options.Solve == EngdSolve.Svd ? new() { JacobianCopies = 3 } : new() { JacobianCopies = 1, GramianCopies = 2 };
}
