using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.FirstOrder.Adam;

/// <summary>Exports Adam.</summary>
[Plugin(PluginKind.Optimizer, "adam", Description = "Adam on the flat parameter vector")]
public sealed class AdamOptimizerFactory : OptimizerFactory<AdamOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(AdamOptions options, OptimizerContext context) => new AdamOptimizer(options, context);
}
