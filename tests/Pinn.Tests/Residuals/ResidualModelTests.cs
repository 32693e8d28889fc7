using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Operators.Autodiff;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Residuals;

/// <summary>
/// The residual model's scaling, gradient, Jacobian, Jv and Jᵀu agree with each other and with central
/// finite differences, extra problem parameters included.
/// </summary>
public sealed class ResidualModelTests
{
    /// <summary>−Δu = k f in the square with u = 0 on its boundary; k is a trainable parameter.</summary>
    private sealed class PoissonWithUnknownSource : IProblem
    {
        public int InputDimension => 2;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames { get; } = ["x", "y"];
        public IReadOnlyList<Condition> Conditions { get; } =
        [
            new("interior", Box.Unit(2), DerivativeRequest.Of(LaplacianOperator.AllAxes),
                i => -i.Derivatives.Laplacian() - i.Parameters["k"] * (i.Points[.., 0..1] * Math.PI).sin(), Weight: 2.0),
            new("boundary", new BoxBoundary(Box.Unit(2)), DerivativeRequest.ValueOnly, i => i.Derivatives.Value, Weight: 0.5),
        ];
        public IReadOnlyList<ProblemParameter> Parameters { get; } = [new("k", [1.5])];
        public IDomain EvaluationDomain => Box.Unit(2);
        public bool HasSolution => false;
        public torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    private static ResidualModel Model(out Pinn.Abstractions.Models.Mlp net)
    {
        var problem = new PoissonWithUnknownSource();
        net = Networks.Random(2, [6], "tanh", 21);
        var model = new ResidualModel(problem, net, new AutodiffEngine());
        using var g = new torch.Generator(22, torch.CPU);
        model.SetPoints("interior", torch.rand([12, 2], torch.float64, generator: g));
        model.SetPoints("boundary", new BoxBoundary(Box.Unit(2)).Map(torch.rand([8, 2], torch.float64, generator: g)));
        return model;
    }

    [Fact]
    public void Loss_is_half_the_squared_residual_with_each_block_scaled_by_its_weight_over_its_count()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(out var net);
        using var _ = net;
        var r = model.Residuals(false);
        r.shape.ShouldBe([20L]);
        var loss = model.Loss();
        loss.Total.ShouldBe(0.5 * r.dot(r).item<double>(), 1e-12 * loss.Total);
        var interior = r[..12];
        loss.ByCondition["interior"].ShouldBe(0.5 * interior.dot(interior).item<double>(), 1e-12 * loss.Total);
        // L_c = ½ w_c mean(residual²): undo the √(w/N) scaling.
        var raw = interior / Math.Sqrt(2.0 / 12);
        loss.ByCondition["interior"].ShouldBe(0.5 * 2.0 * raw.square().mean().item<double>(), 1e-12 * loss.Total);
    }

    [Fact]
    public void Jacobian_matches_central_differences_including_the_extra_parameter()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(out var net);
        using var _ = net;
        var j = model.Jacobian();
        j.shape.ShouldBe([20L, model.ParameterCount]);
        var theta = model.GetParameters();
        const double h = 1e-6;
        var columns = new List<torch.Tensor>();
        for (var i = 0; i < model.ParameterCount; i++)
        {
            var e = torch.zeros_like(theta);
            e[i] = h;
            model.SetParameters(theta + e);
            var plus = model.Residuals(false);
            model.SetParameters(theta - e);
            var minus = model.Residuals(false);
            columns.Add((plus - minus) / (2 * h));
        }
        model.SetParameters(theta);
        TensorAssert.RelativeError(j, torch.stack(columns, 1)).ShouldBeLessThan(1e-7);
        j[.., -1].abs().sum().item<double>().ShouldBeGreaterThan(0); // the extra parameter has a column
    }

    [Fact]
    public void Gradient_Jv_and_JTu_agree_with_the_row_by_row_Jacobian()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(out var net);
        using var _ = net;
        var j = model.Jacobian();
        var r = model.Residuals(false);
        var (_, gradient) = model.LossAndGradient();
        TensorAssert.RelativeError(gradient, j.t().matmul(r)).ShouldBeLessThan(1e-12);
        using var g = new torch.Generator(5, torch.CPU);
        var v = torch.randn([model.ParameterCount], torch.float64, generator: g);
        var u = torch.randn([model.ResidualCount], torch.float64, generator: g);
        TensorAssert.RelativeError(model.JacobianTimes(v), j.matmul(v)).ShouldBeLessThan(1e-12);
        TensorAssert.RelativeError(model.JacobianTransposeTimes(u), j.t().matmul(u)).ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void LossesAlong_evaluates_the_line_and_leaves_the_parameters_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(out var net);
        using var _ = net;
        var theta = model.GetParameters();
        var (loss, gradient) = model.LossAndGradient();
        var losses = model.LossesAlong(gradient, [0.0, -1e-3]);
        losses[0].item<double>().ShouldBe(loss.Total, 1e-12 * loss.Total);
        losses[1].item<double>().ShouldBeLessThan(loss.Total);
        TensorAssert.RelativeError(model.GetParameters(), theta).ShouldBe(0.0);
    }
}
