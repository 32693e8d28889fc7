using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>
/// The Rosenbrock function as a two-residual least-squares problem, r(θ) = (10(θ₁ − θ₀²), 1 − θ₀), so
/// L = ½‖r‖² = ½·[100(θ₁ − θ₀²)² + (1 − θ₀)²] with its minimum at (1, 1). Only what optimizers that use
/// losses, gradients and a dense linearisation need is implemented.
/// </summary>
internal sealed class RosenbrockResiduals(double x, double y) : IResidualModel
{
    private double _x = x, _y = y;

    public TensorSpec Spec => TensorSpec.Float64Cpu;
    public long ParameterCount => 2;
    public long ResidualCount => 2;
    public IReadOnlyList<ResidualBlock> Blocks { get; } = [new("rosenbrock", 0, 2, 2, 1)];

    /// <summary>Distance to the minimiser (1, 1).</summary>
    public double DistanceToMinimum => Math.Sqrt((_x - 1) * (_x - 1) + (_y - 1) * (_y - 1));

    public torch.Tensor GetParameters() => torch.tensor(new[] { _x, _y }, torch.float64);

    public void SetParameters(torch.Tensor theta)
    {
        var v = theta.data<double>().ToArray();
        (_x, _y) = (v[0], v[1]);
    }

    public void AddToParameters(torch.Tensor direction, double alpha)
    {
        var v = direction.data<double>().ToArray();
        (_x, _y) = (_x + alpha * v[0], _y + alpha * v[1]);
    }

    private double[] R => [10 * (_y - _x * _x), 1 - _x];

    public torch.Tensor Residuals(bool differentiable) => torch.tensor(R, torch.float64);

    public LossReport Loss()
    {
        var r = R;
        var total = 0.5 * (r[0] * r[0] + r[1] * r[1]);
        return new LossReport(total, new Dictionary<string, double> { ["rosenbrock"] = total });
    }

    public (LossReport Loss, torch.Tensor Gradient) LossAndGradient()
    {
        var r = R;
        // J = [[−20x, 10], [−1, 0]]; ∇L = Jᵀr.
        var gradient = torch.tensor(new[] { -20 * _x * r[0] - r[1], 10 * r[0] }, torch.float64);
        return (Loss(), gradient);
    }

    public torch.Tensor LossesAlong(torch.Tensor direction, IReadOnlyList<double> stepSizes)
    {
        var (x0, y0) = (_x, _y);
        var losses = stepSizes.Select(s => { AddToParameters(direction, s); var l = Loss().Total; (_x, _y) = (x0, y0); return l; }).ToArray();
        return torch.tensor(losses, torch.float64);
    }

    /// <summary>r and J = [[−20x, 10], [−1, 0]] at the current point.</summary>
    public ILinearization Linearize() => new DenseLinearization(torch.tensor(R, torch.float64), Jacobian());

    public torch.Tensor Jacobian() => torch.tensor(new[,] { { -20 * _x, 10 }, { -1, 0.0 } }, torch.float64);
    public torch.Tensor JacobianTimes(torch.Tensor v) => throw new NotSupportedException();
    public torch.Tensor JacobianTransposeTimes(torch.Tensor u) => throw new NotSupportedException();

    private sealed class DenseLinearization(torch.Tensor residuals, torch.Tensor jacobian) : ILinearization
    {
        public torch.Tensor Residuals => residuals;
        public torch.Tensor Times(torch.Tensor v) => jacobian.matmul(v);
        public torch.Tensor TransposeTimes(torch.Tensor u) => jacobian.t().matmul(u);
        public torch.Tensor Dense() => jacobian;

        public void Dispose()
        {
            residuals.Dispose();
            jacobian.Dispose();
        }
    }
}
