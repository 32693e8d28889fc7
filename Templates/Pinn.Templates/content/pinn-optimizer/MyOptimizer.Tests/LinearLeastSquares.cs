using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace MyOptimizer.Tests;

/// <summary>
/// A residual model with a closed-form minimiser for testing optimizers: r(θ) = Aθ − b with A [M, D], b [M],
/// L = ½‖r‖², minimised by the least-squares solution θ*.
/// </summary>
internal sealed class LinearLeastSquares(torch.Tensor a, torch.Tensor b) : IResidualModel
{
    private torch.Tensor _theta = torch.zeros(a.shape[1], dtype: a.dtype);

    /// <summary>θ* = argmin ½‖Aθ − b‖² [D].</summary>
    public torch.Tensor Minimiser => torch.linalg.lstsq(a, b.unsqueeze(1)).Solution.squeeze(1);

    public TensorSpec Spec => TensorSpec.Float64Cpu;
    public long ParameterCount => a.shape[1];
    public long ResidualCount => a.shape[0];
    public IReadOnlyList<ResidualBlock> Blocks { get; } = [new("data", 0, a.shape[0], (int)a.shape[0], 1.0)];

    public torch.Tensor GetParameters() => _theta.clone();
    public void SetParameters(torch.Tensor theta) => Replace(theta.detach().clone());
    public void AddToParameters(torch.Tensor direction, double alpha) => Replace(_theta + alpha * direction);
    public torch.Tensor Residuals(bool differentiable) => a.matmul(_theta) - b;

    public LossReport Loss()
    {
        var loss = 0.5 * Residuals(false).square().sum().item<double>();
        return new LossReport(loss, new Dictionary<string, double> { ["data"] = loss });
    }

    public (LossReport Loss, torch.Tensor Gradient) LossAndGradient() => (Loss(), a.T.matmul(Residuals(false)));

    public torch.Tensor LossesAlong(torch.Tensor direction, IReadOnlyList<double> stepSizes)
        => torch.tensor(stepSizes.Select(s => 0.5 * (a.matmul(_theta + s * direction) - b).square().sum().item<double>()).ToArray());

    public ILinearization Linearize() => throw new NotSupportedException("not needed by first-order optimizers");
    public torch.Tensor Jacobian() => a.clone();
    public torch.Tensor JacobianTimes(torch.Tensor v) => a.matmul(v);
    public torch.Tensor JacobianTransposeTimes(torch.Tensor u) => a.T.matmul(u);

    /// <summary>θ outlives the caller's dispose scope, as the parameters of a real model do.</summary>
    private void Replace(torch.Tensor theta)
    {
        var old = _theta;
        _theta = theta.DetachFromDisposeScope();
        old.Dispose();
    }
}
