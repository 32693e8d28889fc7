using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.HessianFree;

/// <summary>Exports Hessian-free.</summary>
[Plugin(PluginKind.Optimizer, "hessian-free", Description = "Truncated CG on (JᵀJ + λI)d = Jᵀr with matrix-free Jᵀ(Jv), LM damping, CG backtracking, Armijo")]
public sealed class HessianFreeOptimizerFactory : OptimizerFactory<HessianFreeOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(HessianFreeOptions options, OptimizerContext context) => new HessianFreeOptimizer(options, context);
}
