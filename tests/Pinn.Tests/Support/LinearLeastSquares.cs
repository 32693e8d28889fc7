using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Operators.Autodiff;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>
/// A linear least-squares problem as a residual model: a network without hidden layers (u = w·x + b) fitted
/// to random targets at random points, so J is constant and one Gauss–Newton step solves it exactly.
/// </summary>
internal sealed class LinearLeastSquares : IDisposable
{
    /// <summary>Fit u(x) = f(x) at given points: the residual of the first n points is u − f over their n targets.</summary>
    private sealed class DataFit(torch.Tensor targets, int dimension) : IProblem
    {
        public int InputDimension => dimension;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames => Enumerable.Range(0, dimension).Select(i => $"x{i}").ToArray();
        public IReadOnlyList<Condition> Conditions => [new("data", Box.Unit(dimension), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - targets[..(int)i.Points.shape[0]])];
        public IReadOnlyList<ProblemParameter> Parameters { get; } = [];
        public IDomain EvaluationDomain => Box.Unit(dimension);
        public bool HasSolution => false;
        public torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    private readonly Mlp _network;

    /// <param name="scales">Per-axis scale of the points (spreads J's singular values).</param>
    /// <param name="points">Number of data points.</param>
    /// <param name="seed">Seed of points and targets.</param>
    public LinearLeastSquares(double[] scales, int points, ulong seed)
    {
        var d = scales.Length;
        _network = new Mlp(d, [], 1, new TanhActivation(), TensorSpec.Float64Cpu);   // outside the scope: it owns its parameters
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(seed, torch.CPU);
        var x = torch.rand([points, d], torch.float64, generator: g) * torch.tensor(scales, torch.float64);
        var targets = torch.randn([points, 1], torch.float64, generator: g).DetachFromDisposeScope();
        Model = new ResidualModel(new DataFit(targets, d), _network, new AutodiffEngine());
        Model.SetPoints("data", x);
        using var jacobian = Model.Jacobian();
        using var r = Model.Residuals(false);
        Solution = (Model.GetParameters() - torch.linalg.lstsq(jacobian, r.unsqueeze(1)).Solution.squeeze(1)).DetachFromDisposeScope();
    }

    /// <summary>The residual model; D = dimension + 1.</summary>
    public ResidualModel Model { get; }

    /// <summary>The least-squares solution θ* [D].</summary>
    public torch.Tensor Solution { get; }

    /// <summary>‖θ − θ*‖ / ‖θ*‖ at the model's current parameters.</summary>
    public double ErrorOfParameters()
    {
        using var theta = Model.GetParameters();
        return TensorAssert.RelativeError(theta, Solution);
    }

    public void Dispose()
    {
        Model.Dispose();
        _network.Dispose();
        Solution.Dispose();
    }
}
