using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Residuals;

/// <summary>
/// A 3-output system (u, v, p) whose conditions request only the output components they use: the residuals agree
/// across engines, the taped Jacobian, Jv and Jᵀu equal the row-by-row autograd Jacobian to 1e-10, an engine that
/// ignores restrictions (written before them) still serves the problem unchanged, and a condition naming an output
/// the problem does not have is refused with the condition's name.
/// </summary>
public sealed class OutputComponentResidualTests
{
    /// <summary>
    /// Stokes-like flow on the unit square, outputs (u, v, p): −Δu + p_x = f₀, −L v + p_y = f₁ (L = Δ, or an
    /// anisotropic Σ cᵢⱼ∂ᵢⱼ), u_x + v_y = 0, (u, v) = g on the walls, p = 0 as a gauge. With
    /// <paramref name="pureSecondPartials"/> the viscous terms come from ∂ᵢᵢ (what n-tangentprop serves).
    /// </summary>
    private sealed class StokesLikeProblem(bool pureSecondPartials, int gaugeComponent = 2) : IProblem
    {
        private static readonly Box Square = new([0.0, 0.0], [1.0, 1.0]);
        private static readonly PartialDerivative Dx = PartialDerivative.Of(0);
        private static readonly PartialDerivative Dy = PartialDerivative.Of(1);
        private static readonly SecondOrderOperator Anisotropic = SecondOrderOperator.Of(new[,] { { 1.0, 0.3 }, { 0.3, 0.5 } });

        public int InputDimension => 2;
        public int OutputDimension => 3;
        public IReadOnlyList<string> InputNames { get; } = ["x", "y"];

        public IReadOnlyList<Condition> Conditions =>
        [
            new("momentum", Square, MomentumRequest, Momentum),
            new("continuity", Square, DerivativeRequest.Of(Dx).ForOutputs(0).And(DerivativeRequest.Of(Dy).ForOutputs(1)),
                i => i.Derivatives.PartialOf(0, 0) + i.Derivatives.PartialOf(1, 1)),
            new("wall", new BoxBoundary(Square), DerivativeRequest.ValueOnly.ForOutputs(0, 1),
                i => i.Derivatives.Value - torch.cat([i.Points[.., 1..2] * (i.Points[.., 1..2] - 1.0), i.Points[.., 0..1] * 0.0], 1), Weight: 2),
            new("gauge", Square, DerivativeRequest.ValueOnly.ForOutputs(gaugeComponent), i => i.Derivatives.Value, Weight: 0.5),
        ];

        /// <summary>∇p of p only, second order of u and v only.</summary>
        private DerivativeRequest MomentumRequest => pureSecondPartials
            ? DerivativeRequest.Of(Dx, Dy).ForOutputs(2).And(DerivativeRequest.Of(PartialDerivative.Of(0, 0), PartialDerivative.Of(1, 1)).ForOutputs(0, 1))
            : DerivativeRequest.Of(Dx, Dy).ForOutputs(2).And(DerivativeRequest.Of(LaplacianOperator.AllAxes).ForOutputs(0))
                               .And(DerivativeRequest.Of(Anisotropic).ForOutputs(1));

        private torch.Tensor Momentum(ResidualInputs i)
        {
            var d = i.Derivatives;
            var (viscousU, viscousV) = pureSecondPartials
                ? (d.PartialOf(0, 0, 0) + d.PartialOf(0, 1, 1), d.PartialOf(1, 0, 0) + d.PartialOf(1, 1, 1))
                : (d.LaplacianOf(0), d.Output(Anisotropic, 1));
            var force = (i.Points * Math.PI).sin();                                            // [N, 2]
            return torch.stack([-viscousU + d.PartialOf(2, 0) - force[.., 0], -viscousV + d.PartialOf(2, 1) - force[.., 1]], 1);
        }

        public IReadOnlyList<ProblemParameter> Parameters { get; } = [];
        public IDomain EvaluationDomain => Square;
        public bool HasSolution => false;
        public torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    /// <summary>An engine as written before restrictions: every key [N, m], built with the old constructor.</summary>
    private sealed class EngineIgnoringRestrictions : IDerivativeEngine
    {
        private readonly AutodiffEngine _inner = new();

        public string? Unsupported(DerivativeKey key) => _inner.Unsupported(key);

        public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
        {
            var all = _inner.Evaluate(model, x, new DerivativeRequest(request.Keys), differentiable);
            return new Derivatives(all.Keys.ToDictionary(k => k, k => all[k]));
        }
    }

    private static ResidualModel Model(IProblem problem, IDerivativeEngine engine, Mlp net, ResidualModel? pointsFrom = null)
    {
        var model = new ResidualModel(problem, net, engine);
        using var g = new torch.Generator(82, torch.CPU);
        foreach (var c in problem.Conditions)
            model.SetPoints(c.Name, pointsFrom?.Points(c.Name) ?? c.Domain.Map(torch.rand([12, c.Domain.SamplingDimension], torch.float64, generator: g)));
        return model;
    }

    [Theory]
    [InlineData("forward-laplacian")]
    [InlineData("n-tangentprop")]
    public void Taped_jacobian_matches_the_reference_jacobian_when_conditions_restrict_components(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        var problem = new StokesLikeProblem(pureSecondPartials: engineName == "n-tangentprop");
        IDerivativeEngine engine = engineName == "forward-laplacian" ? new ForwardLaplacianEngine() : new TangentPropEngine(2);
        using var net = Networks.Random(2, [7, 5], "tanh", 81, outputs: 3);
        using var model = Model(problem, engine, net);
        using var autodiff = Model(problem, new AutodiffEngine(), net, pointsFrom: model);
        model.Blocks.Select(b => b.Length).ShouldBe(new long[] { 12 * 2, 12, 12 * 2, 12 });                // k = 2, 1, 2, 1 per point

        TensorAssert.RelativeError(model.Residuals(false), autodiff.Residuals(false)).ShouldBeLessThan(1e-10);
        var reference = autodiff.ReferenceJacobian();
        TensorAssert.RelativeError(model.ReferenceJacobian(), reference).ShouldBeLessThan(1e-10);
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
        TensorAssert.RelativeError(linearization.Dense(), reference).ShouldBeLessThan(1e-10);
        using var g = new torch.Generator(83, torch.CPU);
        var v = torch.randn([model.ParameterCount], torch.float64, generator: g);
        var u = torch.randn([model.ResidualCount], torch.float64, generator: g);
        TensorAssert.RelativeError(linearization.Times(v), reference.matmul(v)).ShouldBeLessThan(1e-10);
        TensorAssert.RelativeError(linearization.TransposeTimes(u), reference.t().matmul(u)).ShouldBeLessThan(1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_engine_that_ignores_restrictions_serves_restricted_conditions_unchanged(bool pureSecondPartials)
    {
        using var scope = torch.NewDisposeScope();
        var problem = new StokesLikeProblem(pureSecondPartials);
        using var net = Networks.Random(2, [6], "tanh", 84, outputs: 3);
        var legacy = new EngineIgnoringRestrictions();
        var wall = problem.Conditions.Single(c => c.Name == "wall");
        legacy.Evaluate(net, Networks.Points(3, 2, 85), wall.Request, false).Value.shape.ShouldBe(new long[] { 3, 3 });   // really [N, m]

        using var model = Model(problem, legacy, net);
        using var autodiff = Model(problem, new AutodiffEngine(), net, pointsFrom: model);
        model.Blocks.Select(b => b.Length).ShouldBe(autodiff.Blocks.Select(b => b.Length));
        TensorAssert.RelativeError(model.Residuals(false), autodiff.Residuals(false)).ShouldBeLessThan(1e-14);
        TensorAssert.RelativeError(model.ReferenceJacobian(), autodiff.ReferenceJacobian()).ShouldBeLessThan(1e-14);
        TensorAssert.RelativeError(model.ResidualNorms("wall", model.Points("wall")), autodiff.ResidualNorms("wall", model.Points("wall")))
                    .ShouldBeLessThan(1e-14);
    }

    [Fact]
    public void A_condition_naming_an_output_the_problem_lacks_is_refused_with_its_name()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [6], "tanh", 86, outputs: 3);
        Should.Throw<ArgumentException>(() => new ResidualModel(new StokesLikeProblem(false, gaugeComponent: 3), net, new ForwardLaplacianEngine()))
              .Message.ShouldBe("condition 'gauge': u is requested for output component 3, but there are 3 outputs (components 0–2)");
    }
}
