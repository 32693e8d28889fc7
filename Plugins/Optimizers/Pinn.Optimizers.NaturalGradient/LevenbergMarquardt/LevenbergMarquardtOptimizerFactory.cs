using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.LevenbergMarquardt;

/// <summary>Exports Levenberg–Marquardt.</summary>
[Plugin(PluginKind.Optimizer, "levenberg-marquardt", Description = "Damped Gauss–Newton from the SVD of J, damping adapted by actual/predicted reduction")]
public sealed class LevenbergMarquardtOptimizerFactory : OptimizerFactory<LevenbergMarquardtOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(LevenbergMarquardtOptions options, OptimizerContext context) => new LevenbergMarquardtOptimizer(options);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(LevenbergMarquardtOptions options) => new() { JacobianCopies = 3 };
}
