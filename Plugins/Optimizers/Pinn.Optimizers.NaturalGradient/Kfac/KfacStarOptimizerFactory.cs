using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>Exports <c>kfac-star</c>.</summary>
[Plugin(PluginKind.Optimizer, "kfac-star", Description = "KFAC*: the KFAC curvature with step size and momentum from the quadratic model of the exact damped Gramian")]
public sealed class KfacStarOptimizerFactory : OptimizerFactory<KfacStarOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(KfacStarOptions options, OptimizerContext context) => new KfacStarOptimizer(options, context);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(KfacStarOptions options) => new() { NeedsTapingEngine = true };
}
