using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson2d;

/// <summary>
/// −Δu = 2π² sin(πx) sin(πy) on [0,1]², u = 0 on the boundary; u* = sin(πx) sin(πy)
/// (Müller &amp; Zeinhofer 2023; Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson2dProblem : PdeProblem, IHardConstrainedProblem
{
    /// <summary>u = 16·x(1−x)·y(1−y)·N: zero on the whole boundary (φ scaled to 1 at the centre), g = 0.</summary>
    public HardConstraint HardConstraint { get; } = new(["boundary"],
        x => x[.., 0..1] * (1 - x[.., 0..1]) * x[.., 1..2] * (1 - x[.., 1..2]) * 16,
        x => torch.zeros([x.shape[0], 1], x.dtype, x.device));

    public Poisson2dProblem()
        : base(["x", "y"], Box.Unit(2))
    {
        var square = Box.Unit(2);
        Conditions =
        [
            new Condition("interior", square, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian() - Source(i.Points), DefaultPoints: 900),
            new Condition("boundary", new BoxBoundary(square), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 120),
        ];
    }

    public override torch.Tensor Solution(torch.Tensor x)
        => ((x[.., 0..1] * Math.PI).sin() * (x[.., 1..2] * Math.PI).sin());

    /// <summary>f = 2π² u*, [N, 1].</summary>
    private torch.Tensor Source(torch.Tensor x) => Solution(x) * (2 * Math.PI * Math.PI);
}
