using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// The damped system on the Gramian G = JᵀJ [D, D] and g = Jᵀr [D]: d(λ) by Cholesky of G + (λ + ε)I
/// (least squares when that fails). Scale is the largest diagonal entry of G, a lower bound of σ_max² that costs
/// nothing. Owns its tensors.
/// </summary>
internal sealed class GramianSolver : IDampedSolver, IDisposable
{
    private readonly torch.Tensor _gramian;
    private readonly torch.Tensor _gradient;
    private readonly double _floor;

    /// <summary>Forms G and g from <paramref name="jacobian"/> [M, D] and <paramref name="residuals"/> [M];
    /// <paramref name="floor"/> is the absolute damping ε always added (the <c>damping</c> option).</summary>
    public GramianSolver(torch.Tensor jacobian, torch.Tensor residuals, double floor)
    {
        using var scope = torch.NewDisposeScope();
        _gramian = SymmetricGram.Of(jacobian).MoveToOuterDisposeScope();
        _gradient = jacobian.t().matmul(residuals).MoveToOuterDisposeScope();
        _floor = floor;
        Scale = _gramian.diagonal().max().ToDouble();
    }

    /// <inheritdoc />
    public double Scale { get; }

    /// <summary>Whether the last <see cref="Solve"/> fell back to least squares (G + λI not positive definite).</summary>
    public bool CholeskyFailed { get; private set; }

    /// <inheritdoc />
    public (torch.Tensor Direction, double PredictedReduction) Solve(double lambda)
    {
        using var scope = torch.NewDisposeScope();
        var damped = _gramian + (lambda + _floor) * torch.eye(_gramian.shape[0], dtype: _gramian.dtype, device: _gramian.device);
        var (factor, info) = torch.linalg.cholesky_ex(damped);
        CholeskyFailed = info.item<int>() != 0;
        var rhs = _gradient.unsqueeze(1);
        var d = (CholeskyFailed ? torch.linalg.lstsq(damped, rhs).Solution : torch.cholesky_solve(rhs, factor)).squeeze(1);
        // ½‖r‖² − ½‖r − J d‖² = gᵀd − ½ dᵀG d.
        var predicted = (_gradient.dot(d) - 0.5 * d.dot(_gramian.matmul(d))).ToDouble();
        return (d.MoveToOuterDisposeScope(), predicted);
    }

    public void Dispose()
    {
        _gramian.Dispose();
        _gradient.Dispose();
    }
}
