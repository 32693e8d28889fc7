using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Fixtures.HelmholtzProblem;

/// <summary>
/// A user's own problem, written out of tree: Δu + k²u = f on [−1,1]², u = 0 on the boundary, with the solution
/// u* = sin(πx) sin(nπy), so f = (k² − (1 + n²)π²) u*. With k = 1 and n = 4 (the defaults), ENGD with the line
/// search alone stops after a few steps at an O(1) error.
/// </summary>
[Plugin(PluginKind.Problem, "fixture-helmholtz", Description = "Test fixture: Δu + k²u = f on [−1,1]², u* = sin(πx) sin(nπy)")]
public sealed class HelmholtzProblemFactory : ProblemFactory<HelmholtzOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(HelmholtzOptions options, ProblemContext context) => new Helmholtz(options.Wavenumber, options.Frequency);

    private sealed class Helmholtz : PdeProblem
    {
        private static readonly Box Square = new([-1.0, -1.0], [1.0, 1.0]);
        private readonly double _frequency;

        public Helmholtz(double k, int n) : base(["x", "y"], Square)
        {
            _frequency = n;
            var k2 = k * k;
            var source = k2 - (1 + n * n) * Math.PI * Math.PI;
            Conditions =
            [
                new Condition("interior", Square, DerivativeRequest.Of(PartialDerivative.Value, LaplacianOperator.AllAxes),
                              i => i.Derivatives.Laplacian() + k2 * i.Derivatives.Value - source * Solution(i.Points), DefaultPoints: 900),
                new Condition("boundary", new BoxBoundary(Square), DerivativeRequest.ValueOnly, i => i.Derivatives.Value, DefaultPoints: 120),
            ];
        }

        public override torch.Tensor Solution(torch.Tensor x) => (x[.., 0..1] * Math.PI).sin() * (x[.., 1..2] * (_frequency * Math.PI)).sin();
    }
}
