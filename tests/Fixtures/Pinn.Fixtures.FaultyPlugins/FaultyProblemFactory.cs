using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Fixtures.FaultyPlugins;

/// <summary>Options of <c>fixture-faulty-problem</c>.</summary>
/// <param name="Residual"><c>ok</c> (u − x₀x₁ at interior and boundary points), <c>square</c> ([N, N]), <c>int64</c>,
/// <c>float32</c> (in a float64 run), <c>empty</c> ([0]), <c>throw</c>, or <c>component</c> (the interior condition requests
/// output component 1 of a 1-output problem).</param>
public sealed record FaultyProblemOptions(string Residual = "ok") : IValidatableOptions
{
    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Residual is not ("ok" or "square" or "int64" or "float32" or "empty" or "throw" or "component"))
            yield return new(nameof(Residual), "must be ok, square, int64, float32, empty, throw or component");
    }
}

/// <summary>Fits u = x₀x₁ on the unit square with value residuals, whose interior residual can be made wrong.</summary>
[Plugin(PluginKind.Problem, "fixture-faulty-problem", Description = "Test fixture: u = xy by value residuals, with an interior residual of a chosen wrong shape or dtype")]
public sealed class FaultyProblemFactory : ProblemFactory<FaultyProblemOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(FaultyProblemOptions options, ProblemContext context) => new FaultyProblem(options.Residual);

    private sealed class FaultyProblem(string fault) : IProblem
    {
        private static readonly Box Square = new([0.0, 0.0], [1.0, 1.0]);

        public int InputDimension => 2;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames { get; } = ["x", "y"];

        public IReadOnlyList<Condition> Conditions =>
        [
            new("interior", Square, fault == "component" ? DerivativeRequest.ValueOnly.ForOutputs(1) : DerivativeRequest.Of(PartialDerivative.Value),
                i => Wrong(Fit(i)), DefaultPoints: 32),
            new("boundary", new BoxBoundary(Square), DerivativeRequest.Of(PartialDerivative.Value), Fit, DefaultPoints: 16),
        ];

        private static torch.Tensor Fit(ResidualInputs i) => i.Derivatives.Value - (i.Points[.., 0..1] * i.Points[.., 1..2]);

        private torch.Tensor Wrong(torch.Tensor r) => fault switch
        {
            "square" => r.reshape(-1, 1) * r.reshape(1, -1),
            "int64" => r.to(torch.int64),
            "float32" => r.to(torch.float32),
            "empty" => r.reshape(-1)[..0],
            "throw" => throw new InvalidOperationException("fixture: the residual fails on purpose"),
            _ => r,
        };

        public IReadOnlyList<ProblemParameter> Parameters { get; } = [];
        public IDomain EvaluationDomain => Square;
        public bool HasSolution => true;
        public torch.Tensor Solution(torch.Tensor x) => x[.., 0..1] * x[.., 1..2];
    }
}
