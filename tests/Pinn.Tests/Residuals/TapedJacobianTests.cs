using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Problems.Poisson.Poisson2d;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Residuals;

/// <summary>
/// The Jacobian, Jv and Jᵀu from layer tapes agree with the row-by-row autograd Jacobian to 1e-10,
/// for Poisson and heat residuals with their boundary and initial conditions, and with an extra
/// trainable problem parameter.
/// </summary>
public sealed class TapedJacobianTests
{
    /// <summary>u_t = κ u_xx with κ trainable, plus boundary and initial data: an inverse heat problem.</summary>
    private sealed class HeatWithUnknownDiffusivity : IProblem
    {
        private static readonly PartialDerivative Ut = PartialDerivative.Of(0);
        private static readonly PartialDerivative Uxx = PartialDerivative.Of(1, 1);
        public int InputDimension => 2;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames { get; } = ["t", "x"];
        public IReadOnlyList<Condition> Conditions { get; } =
        [
            new("interior", new TimeSpaceProduct(0, 1, Interval.Of(0, 1)), DerivativeRequest.Of(Ut, Uxx),
                i => i.Derivatives[Ut] - i.Parameters["kappa"] * i.Derivatives[Uxx]),
            new("boundary", new TimeSpaceProduct(0, 1, new BoxBoundary(Interval.Of(0, 1))), DerivativeRequest.ValueOnly, i => i.Derivatives.Value),
            new("initial", new TimeSlice(0, Interval.Of(0, 1)), DerivativeRequest.ValueOnly,
                i => i.Derivatives.Value - (i.Points[.., 1..2] * Math.PI).sin(), Weight: 3),
        ];
        public IReadOnlyList<ProblemParameter> Parameters { get; } = [new("kappa", [0.3])];
        public IDomain EvaluationDomain => new TimeSpaceProduct(0, 1, Interval.Of(0, 1));
        public bool HasSolution => false;
        public torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    private static ResidualModel Model(IProblem problem, IDerivativeEngine engine, int[] hidden)
    {
        var net = Networks.Random(problem.InputDimension, hidden, "tanh", 51);
        var model = new ResidualModel(problem, net, engine);
        using var g = new torch.Generator(52, torch.CPU);
        foreach (var c in problem.Conditions)
            model.SetPoints(c.Name, c.Domain.Map(torch.rand([15, c.Domain.SamplingDimension], torch.float64, generator: g)));
        return model;
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "poisson2d", "forward-laplacian" },
        { "heat1d", "forward-laplacian" },
        { "heat1d", "n-tangentprop" },
        { "inverse-heat", "forward-laplacian" },
        { "inverse-heat", "n-tangentprop" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Taped_jacobian_Jv_and_JTu_match_the_row_by_row_jacobian(string problemName, string engineName)
    {
        using var scope = torch.NewDisposeScope();
        IProblem problem = problemName switch
        {
            "poisson2d" => new Poisson2dProblem(),
            "heat1d" => new Heat1dProblem(new Heat1dOptions()),
            _ => new HeatWithUnknownDiffusivity(),
        };
        IDerivativeEngine engine = engineName == "forward-laplacian" ? new ForwardLaplacianEngine() : new TangentPropEngine(4);
        using var model = Model(problem, engine, [7, 5]);
        using var net = model.Network;
        // The reference: the same network and points, row by row through nested autodiff (independent of
        // the forward engine and of its hand-written backward).
        using var autodiff = new ResidualModel(problem, net, new Pinn.Operators.Autodiff.AutodiffEngine());
        foreach (var c in problem.Conditions) autodiff.SetPoints(c.Name, model.Points(c.Name));
        autodiff.SetParameters(model.GetParameters());
        var reference = autodiff.ReferenceJacobian();
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
        TensorAssert.RelativeError(linearization.Dense(), reference).ShouldBeLessThan(1e-10);
        using var g = new torch.Generator(53, torch.CPU);
        var v = torch.randn([model.ParameterCount], torch.float64, generator: g);
        var u = torch.randn([model.ResidualCount], torch.float64, generator: g);
        TensorAssert.RelativeError(linearization.Times(v), reference.matmul(v)).ShouldBeLessThan(1e-10);
        TensorAssert.RelativeError(linearization.TransposeTimes(u), reference.t().matmul(u)).ShouldBeLessThan(1e-10);
        if (problemName == "inverse-heat") reference[.., -1].abs().max().item<double>().ShouldBeGreaterThan(0);
    }
}
