using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.QuasiNewton.Clipping;
using Pinn.Optimizers.QuasiNewton.LineSearch;
using TorchSharp;

namespace Pinn.Optimizers.QuasiNewton.Lbfgs;

/// <summary>
/// L-BFGS over the flat parameter vector: p = −H∇L by the two-loop recursion, a step along p satisfying the
/// strong Wolfe conditions (which guarantees sᵀy &gt; 0, so H stays positive definite), then the new pair
/// (s, y). A failed line search clears the history and retries once along −∇L; if that fails too the run
/// stops with the reason. The loss and gradient the line search computed at the accepted point start the
/// next step (one gradient evaluation saved per step) unless θ or the points changed in between.
/// </summary>
internal sealed class LbfgsOptimizer(LbfgsOptions options) : IOptimizer
{
    private readonly CurvatureHistory _history = new(options.History);
    private readonly StrongWolfeLineSearch _lineSearch = new(options.C1, options.C2, options.MaxLineSearchEvaluations);
    private long _step;
    private (torch.Tensor Theta, torch.Tensor Gradient, LossReport Loss, IReadOnlyList<ResidualBlock> Blocks)? _accepted;

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        var theta = model.GetParameters();
        var (loss, gradient) = StartingPoint(model, theta);
        if (!double.IsFinite(loss.Total) || !torch.isfinite(gradient).all().item<bool>())
            return new StepReport(loss.Total, 0) { StopReason = "non-finite loss or gradient" };
        var gradientNorm = gradient.abs().max().ToDouble();
        var diagnostics = new Dictionary<string, double> { ["gradientNorm"] = gradientNorm };
        if (gradientNorm <= options.GradientTolerance)
            return new StepReport(loss.Total, 0) { Diagnostics = diagnostics, ConditionLosses = loss.ByCondition, StopReason = $"gradient below {options.GradientTolerance:G3}" };

        var evaluations = 0;
        var (accepted, direction, newGradient) = TryDirection(model, theta, loss.Total, gradient, -_history.Apply(gradient), ref evaluations);
        if (accepted is null && _history.Count > 0)
        {
            _history.Clear();
            (accepted, direction, newGradient) = TryDirection(model, theta, loss.Total, gradient, -gradient, ref evaluations);
        }
        diagnostics["lineSearchEvaluations"] = evaluations;
        if (accepted is not { } point)
        {
            model.SetParameters(theta);
            return new StepReport(loss.Total, 0) { Diagnostics = diagnostics, ConditionLosses = loss.ByCondition, StopReason = "the line search found no step that lowers the loss, even along −∇L" };
        }

        var s = direction * point.Alpha;
        var next = theta + s;
        model.SetParameters(next);
        var (newG, newLoss) = newGradient!.Value;
        _history.Add(s, newG - gradient);
        Remember(next, newG, newLoss, model.Blocks);
        _step++;
        diagnostics["alpha"] = point.Alpha;
        diagnostics["historySize"] = _history.Count;
        var tiny = s.abs().max().ToDouble() <= options.StepTolerance && Math.Abs(loss.Total - point.Value) <= options.StepTolerance * Math.Max(1, Math.Abs(loss.Total));
        return new StepReport(loss.Total, point.Alpha)
        {
            Diagnostics = diagnostics,
            ConditionLosses = loss.ByCondition,
            StopReason = tiny ? $"step and loss change below {options.StepTolerance:G3}" : null,
        };
    }

    /// <summary>L and ∇L at θ: those the last line search computed there, if the model has not moved since.</summary>
    private (LossReport Loss, torch.Tensor Gradient) StartingPoint(IResidualModel model, torch.Tensor theta)
    {
        // Blocks is replaced whenever the points change (IResidualModel.Blocks), so reference equality and
        // an identical θ mean the same loss function at the same point.
        if (_accepted is { } a && ReferenceEquals(a.Blocks, model.Blocks) && (a.Theta == theta).all().item<bool>())
            return (a.Loss, a.Gradient.clone());
        return Evaluate(model);
    }

    /// <summary>L and ∇L at the model's θ, the gradient clipped by <see cref="LbfgsOptions.ClipNorm"/> when it is set.</summary>
    private (LossReport Loss, torch.Tensor Gradient) Evaluate(IResidualModel model)
    {
        var (loss, gradient) = model.LossAndGradient();
        return (loss, GradientClipping.Clip(gradient, options.ClipNorm));
    }

    private void Remember(torch.Tensor theta, torch.Tensor gradient, LossReport loss, IReadOnlyList<ResidualBlock> blocks)
    {
        Forget();
        _accepted = (theta.detach().clone().DetachFromDisposeScope(), gradient.detach().clone().DetachFromDisposeScope(), loss, blocks);
    }

    private void Forget()
    {
        if (_accepted is not { } a) return;
        a.Theta.Dispose();
        a.Gradient.Dispose();
        _accepted = null;
    }

    private (LinePoint? Point, torch.Tensor Direction, (torch.Tensor Gradient, LossReport Loss)? Gradient) TryDirection(
        IResidualModel model, torch.Tensor theta, double loss, torch.Tensor gradient, torch.Tensor direction, ref int evaluations)
    {
        var slope = gradient.dot(direction).ToDouble();
        if (!(slope < 0) || !torch.isfinite(direction).all().item<bool>()) return (null, direction, null);
        // First step of all (or after a reset): a step of length ~1 in the ℓ1 sense; afterwards the quasi-Newton step.
        var initial = _history.Count == 0 ? Math.Min(1, 1 / gradient.abs().sum().ToDouble()) * options.Lr : options.Lr;
        var gradients = new Dictionary<double, (torch.Tensor, LossReport)>();
        LinePoint Phi(double alpha)
        {
            model.SetParameters(theta + alpha * direction);
            var (l, g) = Evaluate(model);
            gradients[alpha] = (g, l);
            return new LinePoint(alpha, l.Total, g.dot(direction).ToDouble());
        }
        var point = _lineSearch.Search(Phi, new LinePoint(0, loss, slope), initial, out var spent, out var fallback);
        evaluations += spent;
        point ??= fallback;
        return point is { } p && p.Value < loss ? (p, direction, gradients[p.Alpha]) : (null, direction, null);
    }

    /// <summary>The history and step count; the remembered gradient is not state (a resumed run recomputes it, to
    /// the same bits).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>(_history.State()) { ["step"] = torch.tensor(_step) };
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _step = state["step"].item<long>();
        Forget();
        if (state.TryGetValue("s", out var s) && state.TryGetValue("y", out var y)) _history.Load(s, y, s.dtype, s.device);
        else _history.Clear();
    }
}
