using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace MyOptimizer;

/// <summary>
/// Exports the optimizer to the host under the manifest name <c>myoptimizer</c>:
/// <c>"optimizer": { "name": "myoptimizer", "options": { "lr": 0.01, "momentum": 0.9 } }</c>.
/// </summary>
[Plugin(PluginKind.Optimizer, "myoptimizer", Description = "Gradient descent with heavy-ball momentum")]
public sealed class MomentumDescentFactory : OptimizerFactory<MomentumDescentOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(MomentumDescentOptions options, OptimizerContext context)
        => new MomentumDescent(options, context);
}
