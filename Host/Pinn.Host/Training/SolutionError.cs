using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// Relative L2 error ‖u_θ − u*‖ / ‖u*‖ over fixed evaluation points, drawn uniformly from the problem's
/// evaluation domain with their own generator (so they are not training points).
/// </summary>
internal sealed class SolutionError : IDisposable
{
    private readonly torch.Tensor _points;
    private readonly torch.Tensor _solution;
    private readonly double _norm;

    public SolutionError(IProblem problem, int count, long seed, Abstractions.Tensors.TensorSpec spec)
    {
        if (!problem.HasSolution) throw new InvalidOperationException("the problem has no solution to measure against");
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed, torch.CPU);
        var points = Abstractions.Sampling.DomainSampling.Sample(problem.EvaluationDomain, count,
                                                                  (n, k) => torch.rand([n, k], torch.float64, torch.CPU, generator: generator));
        _points = points.to(spec.DType, spec.Device).MoveToOuterDisposeScope();
        using (torch.no_grad()) _solution = problem.Solution(_points).MoveToOuterDisposeScope();
        _norm = _solution.norm().item<double>();
    }

    /// <summary>Evaluation points [N, d].</summary>
    public torch.Tensor Points => _points;

    /// <summary>The relative L2 error of <paramref name="network"/>.</summary>
    public double RelativeL2(Mlp network)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var error = (network.Forward(_points) - _solution).norm().item<double>();
        return _norm > 0 ? error / _norm : error;
    }

    public void Dispose()
    {
        _points.Dispose();
        _solution.Dispose();
    }
}
