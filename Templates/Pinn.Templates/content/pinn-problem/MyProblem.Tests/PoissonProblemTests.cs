using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Shouldly;
using TorchSharp;
using Xunit;

namespace MyProblem.Tests;

public sealed class PoissonProblemTests
{
    private static IProblem Create(string json)
    {
        var factory = new PoissonProblemFactory();
        var parsed = factory.ParseOptions(JsonDocument.Parse(json).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return factory.Create(parsed.Options!, new ProblemContext(TensorSpec.Float64Cpu, Path.GetTempPath()));
    }

    /// <summary>u* and Δu* [N, 1] at x [N, 2] by autograd, independent of the problem's own formula for f.</summary>
    private static Derivatives ExactDerivatives(IProblem problem, torch.Tensor x)
    {
        var points = x.detach().requires_grad_(true);
        var u = problem.Solution(points);
        var gradient = torch.autograd.grad([u.sum()], [points], retain_graph: true, create_graph: true)[0];
        var laplacian = torch.zeros_like(u);
        for (var axis = 0; axis < 2; axis++)
            laplacian += torch.autograd.grad([gradient[.., axis].sum()], [points], retain_graph: true)[0][.., axis..(axis + 1)];
        return new Derivatives(new Dictionary<DerivativeKey, torch.Tensor>
        {
            [PartialDerivative.Value] = u.detach(),
            [LaplacianOperator.AllAxes] = laplacian.detach(),
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TheExactSolutionSatisfiesEveryCondition(int frequency)
    {
        var problem = Create($$"""{ "frequency": {{frequency}} }""");
        var generator = new torch.Generator(1);
        foreach (var condition in problem.Conditions)
        {
            var x = DomainSampling.Sample(condition.Domain, 500, (n, k) => torch.rand(n, k, dtype: torch.float64, generator: generator));
            var residual = condition.Residual(new ResidualInputs(x, ExactDerivatives(problem, x), new Dictionary<string, torch.Tensor>()));
            residual.abs().max().item<double>().ShouldBeLessThan(1e-9, condition.Name);
        }
    }

    [Fact]
    public void AFrequencyBelowOneIsRefused()
    {
        var parsed = new PoissonProblemFactory().ParseOptions(JsonDocument.Parse("""{ "frequency": 0 }""").RootElement);
        parsed.Errors.ShouldHaveSingleItem().Field.ShouldBe("frequency");
    }
}
