using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.HessianFree;

/// <summary>
/// Hessian-free optimisation with the Gauss–Newton matrix (Martens 2010): truncated CG on (G + λI) d = g
/// (in its least-squares form, see <see cref="ConjugateGradient"/>),
/// G v = Jᵀ(J v) from the linearisation (J never materialised), g = Jᵀr, started from a fraction of the
/// previous direction. CG backtracking picks, among the kept iterates from the last backwards, the one with
/// the lowest loss; λ follows the gain ratio ρ of actual to quadratic-model reduction (ρ &lt; ¼: λ·3/2,
/// ρ &gt; ¾: λ·2/3); then an Armijo backtracking line search on α. θ ← θ − α d.
/// </summary>
internal sealed class HessianFreeOptimizer(HessianFreeOptions options, OptimizerContext context) : IOptimizer
{
    private readonly torch.Tensor _previous = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);
    private double _damping = options.InitialDamping;

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (linearization, r, loss) = (at.Linearization, at.Residuals, at.Loss);
        var gradient = linearization.TransposeTimes(r);
        var lambda = _damping;
        var (iterates, iterations) = ConjugateGradient.Solve(linearization.Times, linearization.TransposeTimes, r, lambda,
                                                             _previous * options.WarmStart, options.MaxCgIterations, options.CgTolerance, options.Reorthogonalize);
        var diagnostics = new Dictionary<string, double> { ["damping"] = lambda, ["cgIterations"] = iterations };

        // CG backtracking: from the last iterate backwards while the loss keeps falling.
        var chosen = iterates.Count - 1;
        var chosenLoss = LossAt(model, iterates[chosen].X);
        for (var k = iterates.Count - 2; k >= 0; k--)
        {
            var candidate = LossAt(model, iterates[k].X);
            if (!(candidate < chosenLoss)) break;
            (chosen, chosenLoss) = (k, candidate);
        }
        var direction = iterates[chosen].X;
        diagnostics["cgIterate"] = iterates[chosen].Iteration;
        var slope = gradient.dot(direction).ToDouble();
        if (!torch.isfinite(direction).all().item<bool>() || !(slope > 0))
        {
            // Not a descent direction (non-finite or uphill): forget the warm start and damp harder.
            _previous.zero_();
            _damping = Math.Max(options.MinDamping, lambda) * 10;
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = Hopeless() };
        }

        // Reduction the Gauss–Newton model predicts, ½‖r‖² − ½‖r − J d‖², kept by CG. (No J product here: the
        // loss evaluations above moved θ, and an autograd linearisation must not be used after that.)
        var predicted = loss - iterates[chosen].ModelLoss;
        var rho = double.IsFinite(chosenLoss) && predicted > 0 ? (loss - chosenLoss) / predicted : double.NegativeInfinity;
        _damping = rho < 0.25 ? Math.Max(lambda, options.MinDamping) * 1.5 : rho > 0.75 ? Math.Max(options.MinDamping, lambda * 2.0 / 3) : lambda;
        diagnostics["rho"] = double.IsFinite(rho) ? rho : -1;
        _previous.copy_(direction);

        // Armijo backtracking on α from 1 (the loss at α = 1 is already known).
        var alpha = 1.0;
        var trialLoss = chosenLoss;
        var halvings = 0;
        while (!(double.IsFinite(trialLoss) && trialLoss <= loss - options.Armijo * alpha * slope))
        {
            if (halvings++ == options.MaxBacktracking) { alpha = 0; break; }
            alpha *= 0.5;
            trialLoss = model.LossesAlong(direction, [-alpha]).ToDouble();
        }
        diagnostics["alpha"] = alpha;
        if (alpha > 0) model.AddToParameters(direction, -alpha);
        else _damping = Math.Max(_damping, options.MinDamping) * 10;
        return new StepReport(loss, alpha) { Diagnostics = diagnostics, StopReason = alpha > 0 ? null : Hopeless() };
    }

    /// <summary>Rejected steps raise λ; past 1e16 the direction is a vanishing gradient step and nothing will change.</summary>
    private string? Hopeless() => _damping > 1e16 ? $"damping grew to {_damping:G3} without a step that lowers the loss" : null;

    private static double LossAt(IResidualModel model, torch.Tensor direction) => model.LossesAlong(direction, [-1.0]).ToDouble();

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>
    {
        ["previous"] = _previous.clone(),
        ["damping"] = torch.tensor(_damping, torch.float64),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        using var noGrad = torch.no_grad();
        _previous.copy_(state["previous"]);
        _damping = state["damping"].ToDouble();
    }
}
