using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// KFAC* (Martens &amp; Grosse's automatic step size and momentum, as in Dangel, Müller &amp; Zeinhofer 2024): with
/// Δ = −P⁻¹∇L from the KFAC curvature and δ₀ the previous step, the step δ = αΔ + µδ₀ minimises the quadratic
/// model ½δᵀ(G + λI)δ + ∇Lᵀδ with the exact Gramian G = JᵀJ, through two products JΔ and Jδ₀ from the tapes:
/// [ΔᵀG̃Δ  ΔᵀG̃δ₀; δ₀ᵀG̃Δ  δ₀ᵀG̃δ₀] (α, µ)ᵀ = −(∇LᵀΔ, ∇Lᵀδ₀)ᵀ, G̃ = G + λI. The first step (δ₀ = 0) solves for α
/// alone. There is no line search: θ ← θ + δ.
/// </summary>
internal sealed class KfacStarOptimizer(KfacStarOptions options, OptimizerContext context) : IOptimizer, IDisposable
{
    private readonly KroneckerCurvature _curvature = new(options.Ema, options.Damping, options.FactorInit, options.RefreshEvery);
    private torch.Tensor _previous = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        double loss, alpha, mu;
        torch.Tensor step;
        using (var linearization = KfacLinearization.Of(model))
        {
            var r = linearization.Residuals;
            loss = 0.5 * r.dot(r).item<double>();
            if (!double.IsFinite(loss)) return new StepReport(loss, 0) { StopReason = "non-finite loss" };
            _curvature.Update(linearization);
            var gradient = linearization.TransposeTimes(r);
            var direction = -_curvature.Precondition(gradient);
                (alpha, mu) = QuadraticModel.Minimise(linearization, gradient, direction, _previous, options.Damping);
            step = alpha * direction + mu * _previous;
        }
        if (!torch.isfinite(step).all().item<bool>())
            return new StepReport(loss, 0) { StopReason = "non-finite step" };
        model.AddToParameters(step, 1);
        using (torch.no_grad()) _previous.copy_(step);
        return new StepReport(loss, alpha) { Diagnostics = new Dictionary<string, double> { ["alpha"] = alpha, ["mu"] = mu } };
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = _curvature.StateDict();
        state["previous"] = _previous.clone();
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _curvature.LoadStateDict(state);
        _previous.Dispose();
        _previous = state["previous"].clone().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        _curvature.Dispose();
        _previous.Dispose();
    }
}
