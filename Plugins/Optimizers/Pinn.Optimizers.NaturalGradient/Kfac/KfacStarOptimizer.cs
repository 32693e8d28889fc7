using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// KFAC* (Martens &amp; Grosse's automatic step size and momentum, as in Dangel, Müller &amp; Zeinhofer 2024): with
/// Δ = −P⁻¹∇L from the KFAC curvature and δ₀ the previous step, the step δ = αΔ + µδ₀ minimises the quadratic
/// model ½δᵀ(G + λI)δ + ∇Lᵀδ with the exact Gramian G = JᵀJ, through two products JΔ and Jδ₀ from the tapes
/// (<see cref="QuadraticModel"/>). The first step (δ₀ = 0) solves for α alone. There is no line search: θ ← θ + δ.
/// </summary>
internal sealed class KfacStarOptimizer(KfacStarOptions options, OptimizerContext context)
    : KroneckerOptimizer(new KroneckerCurvature(options.Ema, options.Damping, options.FactorInit, options.RefreshEvery), context)
{
    public override StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        double loss, alpha, mu;
        torch.Tensor step;
        using (var linearization = KfacLinearization.Of(model))
        {
            var r = linearization.Residuals;
            loss = 0.5 * r.dot(r).item<double>();
            if (!double.IsFinite(loss)) return new StepReport(loss, 0) { StopReason = "non-finite loss" };
            Curvature.Update(linearization);
            var gradient = linearization.TransposeTimes(r);
            var direction = -Curvature.Precondition(gradient);
            (alpha, mu) = QuadraticModel.Minimise(linearization, gradient, direction, Previous, options.Damping);
            step = alpha * direction + mu * Previous;
        }
        if (!torch.isfinite(step).all().item<bool>())
            return new StepReport(loss, 0) { StopReason = "non-finite step" };
        model.AddToParameters(step, 1);
        using (torch.no_grad()) Previous.copy_(step);
        return new StepReport(loss, alpha) { Diagnostics = new Dictionary<string, double> { ["alpha"] = alpha, ["mu"] = mu } };
    }
}
