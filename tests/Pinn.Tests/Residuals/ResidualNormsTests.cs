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
/// <see cref="ResidualModel.ResidualNorms"/>, the probe adaptive samplers score candidates with: |ε| of one
/// condition at arbitrary points, unscaled, the same in any chunking, leaving the model as it was.
/// </summary>
public sealed class ResidualNormsTests
{
    /// <summary>−Δu = sin(πx) in the square (weight 2), and a two-component "pair" residual (u, 2u) on its boundary.</summary>
    private sealed class Problem : IProblem
    {
        public int InputDimension => 2;
        public int OutputDimension => 1;
        public IReadOnlyList<string> InputNames { get; } = ["x", "y"];
        public IReadOnlyList<Condition> Conditions { get; } =
        [
            new("interior", Box.Unit(2), DerivativeRequest.Of(LaplacianOperator.AllAxes),
                i => -i.Derivatives.Laplacian() - (i.Points[.., 0..1] * Math.PI).sin(), Weight: 2.0),
            new("pair", new BoxBoundary(Box.Unit(2)), DerivativeRequest.ValueOnly,
                i => torch.cat([i.Derivatives.Value, 2 * i.Derivatives.Value], 1), Weight: 0.5),
        ];
        public IReadOnlyList<ProblemParameter> Parameters { get; } = [];
        public IDomain EvaluationDomain => Box.Unit(2);
        public bool HasSolution => false;
        public torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    private static ResidualModel Model(Pinn.Abstractions.Models.Mlp net)
    {
        var model = new ResidualModel(new Problem(), net, new AutodiffEngine());
        using var g = new torch.Generator(31, torch.CPU);
        model.SetPoints("interior", torch.rand([12, 2], torch.float64, generator: g));
        model.SetPoints("pair", new BoxBoundary(Box.Unit(2)).Map(torch.rand([8, 2], torch.float64, generator: g)));
        return model;
    }

    [Fact]
    public void Norms_are_the_unscaled_residual_of_the_condition_at_the_points_given()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [6], "tanh", 30);
        using var model = Model(net);
        using var other = Model(net);
        using var g = new torch.Generator(32, torch.CPU);
        var y = torch.rand([30, 2], torch.float64, generator: g);

        var norms = model.ResidualNorms("interior", y);

        // The same points as the other model's training points: its block divided by √(w/N).
        other.SetPoints("interior", y);
        var block = other.Residuals(false).narrow(0, other.Blocks[0].Offset, other.Blocks[0].Length) / Math.Sqrt(2.0 / 30);
        norms.shape.ShouldBe([30L]);
        TensorAssert.RelativeError(norms, block.abs()).ShouldBeLessThan(1e-13);
    }

    [Fact]
    public void A_residual_with_several_components_gives_their_euclidean_norm()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [6], "tanh", 33);
        using var model = Model(net);
        var y = new BoxBoundary(Box.Unit(2)).Map(torch.rand([10, 2], torch.float64));

        var norms = model.ResidualNorms("pair", y);

        using var noGrad = torch.no_grad();
        var u = net.Forward(y).reshape(-1);
        TensorAssert.RelativeError(norms, Math.Sqrt(5) * u.abs()).ShouldBeLessThan(1e-14);   // ‖(u, 2u)‖ = √5 |u|
    }

    [Fact]
    public void Chunks_change_nothing_and_the_model_keeps_its_points_blocks_and_parameters()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [6], "tanh", 34);
        using var model = Model(net);
        var blocks = model.Blocks;
        var points = model.Points("interior").clone();
        var theta = model.GetParameters();
        var loss = model.Loss().Total;
        using var g = new torch.Generator(35, torch.CPU);
        var y = torch.rand([50, 2], torch.float64, generator: g);

        var whole = model.ResidualNorms("interior", y);
        var chunked = model.ResidualNorms("interior", y, chunk: 7);

        TensorAssert.RelativeError(chunked, whole).ShouldBeLessThan(1e-14);
        model.Blocks.ShouldBeSameAs(blocks);
        (model.Points("interior") == points).all().item<bool>().ShouldBeTrue();
        (model.GetParameters() == theta).all().item<bool>().ShouldBeTrue();
        model.Loss().Total.ShouldBe(loss);
        net.Parameters.All(p => p.grad is null).ShouldBeTrue();
    }

    [Fact]
    public void Points_of_the_wrong_shape_or_an_unknown_condition_are_refused_before_torch_sees_them()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [6], "tanh", 36);
        using var model = Model(net);
        Should.Throw<ArgumentException>(() => model.ResidualNorms("interior", torch.rand([5, 3], torch.float64))).Message.ShouldContain("[N ≥ 1, 2]");
        Should.Throw<ArgumentException>(() => model.ResidualNorms("boundary", torch.rand([5, 2], torch.float64))).Message.ShouldContain("interior, pair");
    }
}
