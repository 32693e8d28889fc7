using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Fixtures.BeamProblem;

/// <summary>Exports a simply supported Euler–Bernoulli beam: u'''' = π⁴ sin(πx) on [0, 1], u = u'' = 0 at the ends; u* = sin(πx).</summary>
[Plugin(PluginKind.Problem, "fixture-beam", Description = "Test fixture: u'''' = π⁴ sin(πx) on [0,1], u = u'' = 0 at both ends")]
public sealed class BeamProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new Beam();

    private sealed class Beam : IProblem
    {
        private static readonly PartialDerivative Fourth = PartialDerivative.Of(0, 0, 0, 0);
        private static readonly PartialDerivative Second = PartialDerivative.Of(0, 0);

        public int InputDimension => 1;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames { get; } = ["x"];
        public IReadOnlyList<Condition> Conditions { get; } =
        [
            new("interior", Interval.Of(0, 1), DerivativeRequest.Of(Fourth),
                i => i.Derivatives[Fourth] - Math.Pow(Math.PI, 4) * (i.Points * Math.PI).sin(), DefaultPoints: 64),
            new("boundary", new BoxBoundary(Interval.Of(0, 1)), DerivativeRequest.Of(PartialDerivative.Value, Second),
                i => torch.cat([i.Derivatives.Value, i.Derivatives[Second]], 1), DefaultPoints: 8),
        ];
        public IReadOnlyList<ProblemParameter> Parameters { get; } = [];
        public IDomain EvaluationDomain => Interval.Of(0, 1);
        public bool HasSolution => true;
        public torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).sin();
    }
}
